import { useId } from 'react'
import type { AccountView } from '../../shared/domain'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'
import { Panel } from './Panel'
import type { SettingsState } from '../hooks/use-settings'
import { GoogleClientForm } from './GoogleClientForm'
import { GoogleClientHelp } from './GoogleClientHelp'
import { SignatureSettings } from './SignatureSettings'
import { AccountNames } from './AccountNames'

/** Signatures, and the Google client Postline signs in with. */
export function SettingsPanel({
  accounts,
  settings,
}: {
  accounts: readonly AccountView[]
  settings: SettingsState
}) {
  const signaturesId = useId()
  const clientId = useId()
  const t = useT()
  return (
    <Panel title="Settings">
      <AccountNames accounts={accounts} onSave={settings.saveSenderName} />
      <section className="settings-section" aria-labelledby={signaturesId}>
        <h3 id={signaturesId} className="panel-subtitle">
          Signatures
        </h3>
        <p className="form-note">
          Each account’s signature is added at the end of a new message, and replaced when you
          choose another account (unless you changed it). Signatures stay on this computer.
        </p>
        <SignatureSettings accounts={accounts} />
      </section>
      <section className="settings-section" aria-labelledby={clientId}>
        <h3 id={clientId} className="panel-subtitle">
          Google client
        </h3>
        {settings.loadError ? (
          <p className="panel-note">
            Postline could not read its Google settings: {errorSentence(t, settings.loadError)}
          </p>
        ) : (
          <>
            <p className="form-note">
              To send from real Google accounts, Postline needs the client ID and secret of a Google
              “Desktop app” OAuth client:
            </p>
            <GoogleClientHelp />
            <GoogleClientForm
              settings={settings.settings}
              onSave={settings.save}
              onClear={settings.clear}
            />
          </>
        )}
      </section>
    </Panel>
  )
}
