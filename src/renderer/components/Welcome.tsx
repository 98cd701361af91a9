import { useId, useState, type ReactNode, type Ref } from 'react'
import type { SettingsState } from '../hooks/use-settings'
import { useT } from '../i18n/I18n'
import { GoogleClientForm } from './GoogleClientForm'
import { GoogleClientHelp } from './GoogleClientHelp'
import { PostlineMark } from './PostlineMark'

/** On a first run with no Google client: what the sandbox is, and how to use Google instead. */
function SandboxIntro({ settings }: { settings: SettingsState }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  const titleId = useId()
  const detailsId = useId()
  return (
    <section className="welcome-sandbox" aria-labelledby={titleId}>
      <h2 id={titleId} className="welcome-sandbox-title">
        {t.t('welcome.sandboxTitle')}
      </h2>
      <p>
        {t.t('welcome.sandboxText')} <strong>{t.t('welcome.sandboxNothingLeaves')}</strong>
      </p>
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        {open ? t.t('welcome.hideGoogle') : t.t('welcome.showGoogle')}
      </button>
      <div id={detailsId} hidden={!open} className="welcome-google">
        {open && (
          <>
            <p>{t.t('welcome.googleNeeds')}</p>
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
  const t = useT()
  const sandbox = settings.settings?.mode === 'sandbox'
  const firstRun = sandbox && settings.settings?.source === 'none'
  return (
    <main className="welcome">
      <div className="welcome-card">
        <PostlineMark size={56} />
        <h1 className="welcome-title">{t.t('welcome.title')}</h1>
        <p className="welcome-lead">{t.t('welcome.lead')}</p>
        {signingIn ?? (
          <button ref={addRef} type="button" className="button primary large" onClick={onAdd}>
            {t.t('welcome.add')}
          </button>
        )}
        <p className="fine-print">
          {t.t(sandbox ? 'welcome.signInSandbox' : 'welcome.signInGoogle')}{' '}
          {t.t('welcome.permission')}
        </p>
        {children}
        {firstRun && <SandboxIntro settings={settings} />}
      </div>
    </main>
  )
}
