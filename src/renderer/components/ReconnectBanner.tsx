import type { AccountView } from '../../shared/domain'

/** Says plainly that Google revoked an account's access, and offers to reconnect it. */
export function ReconnectBanner({
  account,
  disabled,
  onReconnect,
}: {
  account: AccountView
  disabled: boolean
  onReconnect(email: string): void
}) {
  return (
    <section className="banner warning" aria-label={`${account.email} needs reconnecting`}>
      <span className="banner-icon" aria-hidden="true">
        !
      </span>
      <p className="banner-text">
        Google no longer accepts Postline’s access for <strong>{account.email}</strong>. Reconnect
        to keep sending from it.
      </p>
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={() => onReconnect(account.email)}
      >
        Reconnect
      </button>
    </section>
  )
}
