import { useId, useState, type FormEvent } from 'react'
import type { GoogleClientSettings } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { errorText } from '../error-text'
import { useT } from '../i18n/I18n'

type Outcome = { kind: 'saved' | 'cleared' } | { kind: 'error'; error: PostlineError } | null

function currentClient(settings: GoogleClientSettings): string {
  if (settings.source === 'environment') {
    return `Postline uses the Google client set in its environment (${settings.clientId ?? 'no client ID'}). A client saved here is used when the environment sets none.`
  }
  if (settings.mode === 'google') {
    return `Postline uses the Google client ${settings.clientId ?? ''}.`
  }
  return 'Postline is using its sandbox, a local stand-in for Google: nothing leaves this computer.'
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

  const t = useT()
  const problem = outcome?.kind === 'error' ? errorText(t, outcome.error, 'settings') : null
  const saved = settings?.source === 'settings'
  return (
    <form className="client-form" onSubmit={submit} aria-label="Google client">
      {settings && describeCurrent && <p className="form-note">{currentClient(settings)}</p>}
      <div className="form-field">
        <label htmlFor={idId}>Client ID</label>
        <input
          id={idId}
          className="text-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={settings?.clientId ?? '1234567890-abc.apps.googleusercontent.com'}
          value={clientId}
          onChange={(event) => setClientId(event.target.value)}
          required
        />
      </div>
      <div className="form-field">
        <label htmlFor={secretId}>Client secret</label>
        <input
          id={secretId}
          className="text-input"
          type="password"
          autoComplete="off"
          placeholder={settings?.hasSecret ? 'Saved in your keychain; type to replace it' : ''}
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save Google client
        </button>
        {saved && (
          <button
            type="button"
            className="button quiet"
            disabled={busy}
            onClick={() => void run('cleared', onClear)}
          >
            Remove saved client
          </button>
        )}
      </div>
      <p className="form-outcome" aria-live="polite" data-kind={outcome?.kind}>
        {outcome?.kind === 'saved' && 'Saved. Restart Postline to use it.'}
        {outcome?.kind === 'cleared' &&
          'Removed. Restart Postline to go back to the sandbox (or the client set in the environment).'}
        {problem && `${problem.title} ${problem.detail}`}
      </p>
    </form>
  )
}
