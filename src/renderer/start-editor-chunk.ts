// Imported first by main.tsx, so this runs before React and the app's modules are evaluated: the
// body editor's chunk is fetched and compiled while they run, instead of once the composer mounts.
import { loadBodyEditor } from './components/body-editor-chunk'

loadBodyEditor()

// Exports nothing, yet must be an ES module: see docs/ARCHITECTURE.md, "The window's start".
export {}
