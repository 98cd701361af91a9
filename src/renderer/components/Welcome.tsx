import { useId, useState, type ReactNode, type Ref } from 'react'
import type { SettingsState } from '../hooks/use-settings'
import { GoogleClientForm } from './GoogleClientForm'
import { GoogleClientHelp } from './GoogleClientHelp'
import { PostlineMark } from './PostlineMark'

/** On a first run with no Google client: what the sandbox is, and how to use Google instead. */
function SandboxIntro({ settings }: { settings: SettingsState }) {
  const [open, setOpen] = useState(false)
  const titleId = useId()
  const detailsId = useId()
  return (
    <section className="welcome-sandbox" aria-labelledby={titleId}>
      <h2 id={titleId} className="welcome-sandbox-title">
        You are trying Postline with its sandbox
      </h2>
      <p>
        The sandbox is a local stand-in for Google that runs inside Postline. Its sign-in page
        offers made-up accounts, and messages you send land in its own mailbox.{' '}
        <strong>Nothing leaves this computer.</strong>
      </p>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide Google set-up' : 'Use real Google accounts instead'}
      </button>
      <div id={detailsId} hidden={!open} className="welcome-google">
        {open && (
          <>
            <p>
              Postline needs the client ID and secret of a Google “Desktop app” OAuth client of your
              own:
            </p>
            <GoogleClientHelp />
            <GoogleClientForm
              settings={settings.settings}
              describeCurrent={false}
              onSave={settings.save}
              onClear={settings.clear}
            />
          </>
        )}
      </div>
    </section>
  )
}

/** The first screen, before any account: what Postline needs, and the one button to start. */
export function Welcome({
  signingIn,
  addRef,
  onAdd,
  settings,
  children,
}: {
  signingIn: ReactNode | null
  addRef: Ref<HTMLButtonElement>
  onAdd(): void
  settings: SettingsState
  children: ReactNode
}) {
  const sandbox = settings.settings?.mode === 'sandbox'
  const firstRun = sandbox && settings.settings?.source === 'none'
  return (
    <main className="welcome">
      <div className="welcome-card">
        <PostlineMark size={56} />
        <h1 className="welcome-title">Welcome to Postline</h1>
        <p className="welcome-lead">Add a Google account to start sending.</p>
        {signingIn ?? (
          <button ref={addRef} type="button" className="button primary large" onClick={onAdd}>
            Add Google account
          </button>
        )}
        <p className="fine-print">
          {sandbox
            ? 'You sign in on the sandbox’s page, in your browser, just as you would on Google’s.'
            : 'You sign in on Google’s own page, in your browser.'}{' '}
          Postline asks only for permission to send email, and keeps your sign-in in the system
          keychain.
        </p>
        {children}
        {firstRun && <SandboxIntro settings={settings} />}
      </div>
    </main>
  )
}
