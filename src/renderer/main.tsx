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

// An ES module, so rolldown bundles it as one. With nothing exported, in a package whose
// package.json says "type": "commonjs", the entry was bundled as CommonJS, and the modules it
// imports were wrapped in init functions (about 140), each compiled on the main thread when first
// called instead of while the chunk streams in. About 50 are left: CommonJS packages, and modules
// the editor's chunk imports too. Measured in bench/composer-ready.ts: about 14 ms sooner.
export {}
