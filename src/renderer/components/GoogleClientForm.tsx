import { useId, useState, type FormEvent } from 'react'
import type { GoogleClientSettings } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { errorText } from '../error-text'
import { useT, type WindowTranslator } from '../i18n/I18n'

type Outcome = { kind: 'saved' | 'cleared' } | { kind: 'error'; error: PostlineError } | null

/** An example of what a client ID looks like (an identifier, the same in every language). */
const EXAMPLE_CLIENT_ID = '1234567890-abc.apps.googleusercontent.com'

function currentClient(t: WindowTranslator, settings: GoogleClientSettings): string {
  if (settings.source === 'environment') {
    return t.t('settings.client.environment', {
      clientId: settings.clientId ?? t.t('settings.client.noClientId'),
    })
  }
  if (settings.mode === 'google') {
    return t.t('settings.client.google', { clientId: settings.clientId ?? '' })
  }
  return t.t('settings.client.sandbox')
}

/**
 * The Google "Desktop app" client: ID and secret, saved for the next start. The secret is
 * never shown back; main keeps it in the keychain.
 *
 * Over 60 lines, on purpose: most of it is the form's markup (two labelled fields, their help,
 * three buttons); the logic is the short save and clear handlers.
 */
export function GoogleClientForm({
  settings,
  describeCurrent = true,
  onSave,
  onClear,
}: {
  settings: GoogleClientSettings | null
  /** Whether to say which client is in use (the welcome has just said it). */
  describeCurrent?: boolean
  onSave(clientId: string, clientSecret: string): Promise<Result<GoogleClientSettings>>
  onClear(): Promise<Result<GoogleClientSettings>>
}) {
  const t = useT()
  const idId = useId()
  const secretId = useId()
  const [clientId, setClientId] = useState('')
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)

  async function run(kind: 'saved' | 'cleared', call: () => Promise<Result<unknown>>) {
    setBusy(true)
    setOutcome(null)
    const result = await call()
    setBusy(false)
    if (result.ok) {
      setSecret('')
      setOutcome({ kind })
    } else {
      setOutcome({ kind: 'error', error: result.error })
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault()
    void run('saved', () => onSave(clientId.trim(), secret.trim()))
  }

  const problem = outcome?.kind === 'error' ? errorText(t, outcome.error, 'settings') : null
  const saved = settings?.source === 'settings'
  return (
    <form className="client-form" onSubmit={submit} aria-label={t.t('settings.googleClient')}>
      {settings && describeCurrent && <p className="form-note">{currentClient(t, settings)}</p>}
      <div className="form-field">
        <label htmlFor={idId}>{t.t('settings.client.clientId')}</label>
        <input
          id={idId}
          className="text-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={settings?.clientId ?? EXAMPLE_CLIENT_ID}
          value={clientId}
          onChange={(event) => setClientId(event.target.value)}
          required
        />
      </div>
      <div className="form-field">
        <label htmlFor={secretId}>{t.t('settings.client.clientSecret')}</label>
        <input
          id={secretId}
          className="text-input"
          type="password"
          autoComplete="off"
          placeholder={settings?.hasSecret ? t.t('settings.client.secretSaved') : ''}
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t.t('settings.client.save')}
        </button>
        {saved && (
          <button
            type="button"
            className="button quiet"
            disabled={busy}
            onClick={() => void run('cleared', onClear)}
          >
            {t.t('settings.client.remove')}
          </button>
        )}
      </div>
      <p className="form-outcome" aria-live="polite" data-kind={outcome?.kind}>
        {outcome?.kind === 'saved' && t.t('settings.client.saved')}
        {outcome?.kind === 'cleared' && t.t('settings.client.cleared')}
        {problem && `${problem.title} ${problem.detail}`}
      </p>
    </form>
  )
}
