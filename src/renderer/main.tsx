import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App'
import { I18nProvider } from './i18n/I18n'
import './styles.css'
import './shell.css'
import './welcome.css'
import './composer.css'
import './recipients.css'
import './panels.css'
import './toast.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <I18nProvider api={window.postline}>
      <App api={window.postline} />
    </I18nProvider>
  </StrictMode>,
)

// The composer is not ready before the body editor's chunk has run (TipTap and ProseMirror,
// ~150 ms of script under load): run it while the app waits for main's first answers instead
// of after the fields are drawn. A failure here is the lazy editor's own to report.
import('./components/BodyEditor').catch(() => {})
