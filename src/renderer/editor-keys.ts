// The body editor's own keys (TipTap's StarterKit marks) and the toast's Undo, after the
// modifier (Ctrl, ⌘ on a Mac), and which modifier this window uses: the toolbar, the toast and
// the shortcuts sheet read them here, so the sheet does not load the editor's code to list them.
// The composer's actions are in src/shared/shortcuts.ts.
import type { MessageKey } from '../shared/i18n/window-catalogs'
import { isMacPlatform } from '../shared/shortcuts'

/** Whether the window runs on a Mac: ⌘ is the modifier there, Ctrl elsewhere. */
export const MAC = isMacPlatform(globalThis.navigator?.platform ?? '')

/** Bold, italic and underline, as the toolbar names them. */
export const FORMAT_KEYS = [
  { id: 'bold', label: 'composer.toolbar.bold', key: 'B' },
  { id: 'italic', label: 'composer.toolbar.italic', key: 'I' },
  { id: 'underline', label: 'composer.toolbar.underline', key: 'U' },
] as const satisfies readonly { id: string; label: MessageKey; key: string }[]

/** Undo a send or a discard, in the toast (SendToast). */
export const UNDO_KEY = 'Z'

/** How a modifier + key is shown: `Ctrl+B`, or `⌘B` on a Mac (as shortcutLabel shows the table's). */
export function modifierLabel(key: string, mac: boolean): string {
  return mac ? `⌘${key}` : `Ctrl+${key}`
}
