import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react'
import { MAC } from '../editor-keys'
import {
  SHORTCUT_ACTIONS,
  shortcutOf,
  type KeyPress,
  type ShortcutAction,
} from '../../shared/shortcuts'

/** What the composer does for each action; an action without a handler leaves its key alone. */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>

/** A key press that can be claimed (a DOM or a React keyboard event). */
export interface ClaimableKeyPress extends KeyPress {
  preventDefault(): void
}

/**
 * The one dispatcher of the composer's keys: finds the action whose shortcut `event` is (the
 * table in src/shared/shortcuts.ts), runs its handler and claims the key (so neither the
 * browser, nor the editor, nor an outer listener acts on it too). Answers whether it did.
 */
export function dispatchShortcut(
  event: ClaimableKeyPress,
  handlers: ShortcutHandlers,
  mac: boolean,
): boolean {
  const action = shortcutOf(event, mac)
  if (action === null) return false
  const run = handlers[action]
  if (run === undefined) return false
  event.preventDefault()
  run()
  return true
}

/**
 * Next and previous account: the address `step` away from `current` in `addresses`, wrapping
 * (the first, or the last, when `current` is none of them); null when there is nowhere to go.
 */
export function cycleAddress(
  addresses: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | null {
  const at = current === null ? -1 : addresses.indexOf(current)
  const next = addresses.at(at < 0 ? Math.min(step, 0) : (at + step) % addresses.length)
  return next === undefined || next === current ? null : next
}

/** Whether `value` names a composer action (a menu click's payload, checked before it runs). */
export function isShortcutAction(value: unknown): value is ShortcutAction {
  return typeof value === 'string' && (SHORTCUT_ACTIONS as readonly string[]).includes(value)
}

/** Listens to main's menu clicks (`menu.action`), each checked to name an action; answers the unsubscribe. */
export function onMenuAction(listener: (action: ShortcutAction) => void): () => void {
  return window.postline.on('menu.action', (payload) => {
    const action: unknown = (payload as { action?: unknown } | null)?.action
    if (isShortcutAction(action)) listener(action)
  })
}

/** What the composer wires its keys, its editor and main's menus to. */
export interface ComposerShortcuts {
  /** The composer's `onKeyDown`: keys pressed in any of its fields. */
  onKeyDown(event: KeyboardEvent<HTMLElement>): void
  /**
   * The body editor's keys, before its own keymap: `own` are the editor's handlers, which win
   * over the composer's (Ctrl+K opens the link form where the text is). Stable.
   */
  editorKey(event: ClaimableKeyPress, own: ShortcutHandlers): boolean
  /** Runs an action as its key would (a menu click, a button); answers whether it has a handler. */
  run(action: ShortcutAction): boolean
}

/**
 * The composer's keyboard: its fields' keys, its body editor's keys and main's menu clicks
 * (`menu.action`) all run the same handlers. `handlers` are read when a key is pressed, so they
 * may change at each render without re-rendering the editor.
 */
export function useComposerShortcuts(handlers: ShortcutHandlers): ComposerShortcuts {
  const current = useRef(handlers)
  useEffect(() => {
    current.current = handlers
  })

  const run = useCallback((action: ShortcutAction): boolean => {
    const handler = current.current[action]
    if (handler === undefined) return false
    handler()
    return true
  }, [])

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLElement>): void => {
    // Already used: by the editor's dispatch (below), or by a field that needed the key.
    if (event.nativeEvent.defaultPrevented) return
    dispatchShortcut(event, current.current, MAC)
  }, [])

  const editorKey = useCallback(
    (event: ClaimableKeyPress, own: ShortcutHandlers): boolean =>
      dispatchShortcut(event, { ...current.current, ...own }, MAC),
    [],
  )

  useEffect(() => onMenuAction(run), [run])

  return { onKeyDown, editorKey, run }
}
