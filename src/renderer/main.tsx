// First: starts loading the body editor's chunk before the rest of the window is evaluated.
import './start-editor-chunk'
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

// Exports nothing, yet must be an ES module: see docs/ARCHITECTURE.md, "The window's start".
export {}
