import type { AccountView } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { richText } from '../rich-text'

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
  const t = useT()
  return (
    <section
      className="banner warning"
      aria-label={t.t('accounts.reconnect.label', { email: account.email })}
    >
      <span className="banner-icon" aria-hidden="true">
        !
      </span>
      <p className="banner-text">
        {richText(t, 'accounts.reconnect.text', { email: <strong>{account.email}</strong> })}
      </p>
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={() => onReconnect(account.email)}
      >
        {t.t('accounts.reconnect.button')}
      </button>
    </section>
  )
}
