import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import type { MessageKey } from '../../shared/i18n/window-catalogs'
import {
  ariaKeyShortcuts,
  SHORTCUT_ACTIONS,
  shortcutLabel,
  type ShortcutAction,
} from '../../shared/shortcuts'
import { FORMAT_KEYS, MAC, modifierLabel, UNDO_KEY } from '../editor-keys'
import { Icon } from './Icon'
import { useT } from '../i18n/I18n'
import './shortcuts.css'

/** Each composer action's name in the sheet (and the buttons' titles). */
export function actionLabel(action: ShortcutAction): MessageKey {
  return `composer.shortcut.${action}`
}

/** One group of the sheet: a heading and its rows (what, keys). */
function Group({ title, rows }: { title: string; rows: readonly (readonly [string, string])[] }) {
  const t = useT()
  const headingId = useId()
  return (
    <section className="shortcuts-group" aria-labelledby={headingId}>
      <h3 id={headingId} className="shortcuts-heading">
        {title}
      </h3>
      <table className="shortcuts-table" aria-labelledby={headingId}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t.t('composer.shortcuts.action')}</th>
            <th scope="col">{t.t('composer.shortcuts.keys')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, keys]) => (
            <tr key={what}>
              <th scope="row">{what}</th>
              <td>
                <kbd>{keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The focusable controls inside `root`, in order (the focus trap cycles through them). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, [href], [tabindex="0"]')].filter(
    (element) => !element.hasAttribute('disabled'),
  )
}

/**
 * The shortcuts sheet (Ctrl+/, ⌘/ on a Mac; Help ▸ Keyboard shortcuts; the keyboard button): a
 * modal dialog listing every composer action with its keys (the table in shortcuts.ts), the
 * editor's own (bold, italic, underline) and the toast's Undo. The focus stays inside while it
 * is open (Tab and Shift+Tab cycle), Escape or Close shuts it, and the focus goes back where it was.
 * Keys pressed in it do not reach the composer (Ctrl+Enter there sends nothing).
 */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
      closeButton.current?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  function closed(): void {
    onClose()
    const back = returnTo.current
    returnTo.current = null
    if (back?.isConnected === true) back.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    // Keys pressed in the sheet are the sheet's: the composer around it does not act on them.
    event.stopPropagation()
    if (event.key !== 'Tab' || !ref.current) return
    const all = focusables(ref.current)
    const first = all[0]
    const last = all.at(-1)
    if (first === undefined || last === undefined) return
    const at = document.activeElement
    if (event.shiftKey ? at === first || !ref.current.contains(at) : at === last) {
      event.preventDefault()
      ;(event.shiftKey ? last : first).focus()
    }
  }

  const composerRows = SHORTCUT_ACTIONS.map(
    (action) => [t.t(actionLabel(action)), shortcutLabel(action, MAC)] as const,
  )
  const formatRows = FORMAT_KEYS.map(
    ({ label, key }) => [t.t(label), modifierLabel(key, MAC)] as const,
  )
  const undoRows = [[t.t('composer.toast.undo'), modifierLabel(UNDO_KEY, MAC)] as const]
  return (
    <dialog
      ref={ref}
      className="dialog shortcuts-sheet"
      aria-labelledby={titleId}
      onClose={closed}
      onKeyDown={onKeyDown}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {t.t('composer.shortcuts.title')}
          </h2>
          <div className="shortcuts-groups">
            <Group title={t.t('composer.shortcuts.message')} rows={composerRows} />
            <div>
              <Group title={t.t('composer.shortcuts.formatting')} rows={formatRows} />
              <Group title={t.t('composer.shortcuts.afterSending')} rows={undoRows} />
            </div>
          </div>
          <div className="dialog-actions">
            <button
              ref={closeButton}
              type="button"
              className="button"
              onClick={() => ref.current?.close()}
            >
              {t.t('composer.shortcuts.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}

/** The small keyboard button that opens the sheet, with the sheet's own shortcut. */
export function ShortcutsButton({ onOpen }: { onOpen(): void }) {
  const t = useT()
  const label = t.t(actionLabel('shortcuts'))
  return (
    <button
      type="button"
      className="button quiet shortcuts-button"
      aria-label={label}
      aria-keyshortcuts={ariaKeyShortcuts('shortcuts')}
      title={t.t('composer.shortcut.title', {
        action: label,
        shortcut: shortcutLabel('shortcuts', MAC),
      })}
      onClick={onOpen}
    >
      <Icon name="keyboard" />
    </button>
  )
}
