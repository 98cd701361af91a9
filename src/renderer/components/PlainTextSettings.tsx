import { useId, useState } from 'react'
import { addressKey } from '../../shared/addresses'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { errorText } from '../error-text'
import { useT } from '../i18n/I18n'
import { setPlainTextDefault, usePlainTextDefaults } from '../plain-text-defaults'
import '../plain-text.css'

/** Every address Postline sends from: each account's own, then its send-as addresses. */
function sendingAddresses(accounts: readonly AccountView[]): string[] {
  return accounts.flatMap((account) => [
    account.email,
    ...(account.sendAs ?? []).map((alias) => alias.address),
  ])
}

/**
 * Settings: per sending address, whether new messages from it start in plain text. Keyed by the
 * address (an account's own or one of its send-as addresses). A box shows what main
 * answered, so a failed write leaves it as it was and says why.
 */
export function PlainTextSettings({ accounts }: { accounts: readonly AccountView[] }) {
  const t = useT()
  const headingId = useId()
  const defaults = usePlainTextDefaults()
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<PostlineError | null>(null)

  async function change(address: string, plain: boolean): Promise<void> {
    setBusy(address)
    setProblem(null)
    const result = await setPlainTextDefault(address, plain)
    setBusy(null)
    if (!result.ok) setProblem(result.error)
  }

  const shown = problem ? errorText(t, problem, 'settings') : null
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-subtitle">
        {t.t('settings.plainText.title')}
      </h3>
      <p className="form-note">{t.t('settings.plainText.note')}</p>
      {accounts.length === 0 ? (
        <p className="form-note">{t.t('settings.plainText.none')}</p>
      ) : (
        <fieldset className="plain-text-defaults">
          <legend>{t.t('settings.plainText.legend')}</legend>
          {sendingAddresses(accounts).map((address) => (
            <label key={address} className="plain-text-default">
              <input
                type="checkbox"
                checked={defaults.has(addressKey(address))}
                disabled={busy !== null}
                onChange={(event) => void change(address, event.target.checked)}
              />
              {address}
            </label>
          ))}
        </fieldset>
      )}
      {shown && (
        <p className="form-outcome" role="alert" data-kind="error">
          {shown.title} {shown.detail}
        </p>
      )}
    </section>
  )
}
