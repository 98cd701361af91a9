// The composer's keyboard: one table for the window's key handling, the shortcuts sheet, the
// buttons' aria-keyshortcuts and titles, and main's menus (their accelerators). Pure, so main
// and the window share it and it is tested without a browser.

/** Every composer action that has a shortcut. */
export const SHORTCUT_ACTIONS = [
  'send',
  'sendLater',
  'showCc',
  'showBcc',
  'attach',
  'insertTemplate',
  'insertLink',
  'togglePlainText',
  'nextAccount',
  'previousAccount',
  'shortcuts',
] as const
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number]

/**
 * A key with Ctrl (⌘ on a Mac) and maybe Shift. `code` is the physical key (`KeyboardEvent.code`),
 * so Shift+] matches on any layout where the key is labelled ]; `key` is how it is shown.
 */
export interface Shortcut {
  readonly shift: boolean
  readonly code: string
  /** As shown to the person and in `aria-keyshortcuts` (after the modifiers). */
  readonly key: string
  /** As Electron's accelerators name it (after the modifiers). */
  readonly accelerator: string
}

const key = (code: string, shown: string, accelerator = shown, shift = false): Shortcut => ({
  shift,
  code,
  key: shown,
  accelerator,
})
const withShift = (code: string, shown: string, accelerator = shown): Shortcut =>
  key(code, shown, accelerator, true)

/**
 * The keys. Cc and Bcc are Gmail's own (Ctrl+Shift+C, Ctrl+Shift+B); next and previous account
 * follow the browsers' next and previous tab (Ctrl+Shift+] and [); none of them is a key the
 * editor or Chromium needs for text (the editor's blockquote gives up Ctrl+Shift+B).
 */
export const SHORTCUTS: Readonly<Record<ShortcutAction, Shortcut>> = {
  send: key('Enter', 'Enter'),
  sendLater: withShift('Enter', 'Enter'),
  showCc: withShift('KeyC', 'C'),
  showBcc: withShift('KeyB', 'B'),
  attach: withShift('KeyA', 'A'),
  insertTemplate: withShift('KeyT', 'T'),
  insertLink: key('KeyK', 'K'),
  togglePlainText: withShift('KeyP', 'P'),
  nextAccount: withShift('BracketRight', ']', ']'),
  previousAccount: withShift('BracketLeft', '[', '['),
  shortcuts: key('Slash', '/'),
}

/** The parts of a keyboard event the table needs (a DOM KeyboardEvent or React's has them). */
export interface KeyPress {
  readonly code: string
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
  readonly altKey: boolean
}

/** Whether `event` is `action`'s shortcut: ⌘ on a Mac, Ctrl elsewhere; no Alt. */
export function matchesShortcut(event: KeyPress, action: ShortcutAction, mac: boolean): boolean {
  const shortcut = SHORTCUTS[action]
  const modifier = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  if (!modifier || event.altKey || event.shiftKey !== shortcut.shift) return false
  // Enter has no layout; letters match by code, or by the character on layouts that move them.
  return (
    event.code === shortcut.code ||
    (shortcut.code.startsWith('Key') && event.key.toUpperCase() === shortcut.key)
  )
}

/** The action whose shortcut `event` is, if any. */
export function shortcutOf(event: KeyPress, mac: boolean): ShortcutAction | null {
  return SHORTCUT_ACTIONS.find((action) => matchesShortcut(event, action, mac)) ?? null
}

/** How the shortcut is shown: `Ctrl+Shift+Enter`, or `⇧⌘↩` on a Mac. */
export function shortcutLabel(action: ShortcutAction, mac: boolean): string {
  const { shift, key: shown } = SHORTCUTS[action]
  if (mac) return `${shift ? '⇧' : ''}⌘${shown === 'Enter' ? '↩' : shown}`
  return ['Ctrl', ...(shift ? ['Shift'] : []), shown].join('+')
}

/** `aria-keyshortcuts` for both platforms' forms: `Control+Shift+B Meta+Shift+B`. */
export function ariaKeyShortcuts(action: ShortcutAction): string {
  const { shift, key: shown } = SHORTCUTS[action]
  const rest = [...(shift ? ['Shift'] : []), shown].join('+')
  return `Control+${rest} Meta+${rest}`
}

/** Electron's accelerator: `CmdOrCtrl+Shift+Enter`. */
export function acceleratorOf(action: ShortcutAction): string {
  const { shift, accelerator } = SHORTCUTS[action]
  return ['CmdOrCtrl', ...(shift ? ['Shift'] : []), accelerator].join('+')
}

/** Whether the window runs on a Mac (⌘ instead of Ctrl). */
export function isMacPlatform(platform: string): boolean {
  return /Mac|iPhone|iPad|darwin/.test(platform)
}
