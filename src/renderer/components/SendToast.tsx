import { useEffect, useRef, useState, type FocusEvent } from 'react'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import { MAC, modifierLabel, UNDO_KEY } from '../editor-keys'
import { useNow } from '../hooks/use-now'
import { useT, type WindowTranslator } from '../i18n/I18n'
import { needsPermission, percent, plannedTime, secondsUntil, stateDetail } from '../outbox-text'
import { Icon } from './Icon'
import { ProgressBar } from './ProgressBar'

/** What the toast is about: a message just sent, a draft just discarded, or a short note. */
export type Toast =
  | { readonly kind: 'message'; readonly item: OutboxItem }
  | { readonly kind: 'discarded'; readonly draftId: string }
  | { readonly kind: 'note'; readonly text: string }

/** How long a toast with nothing left to do (or only a discard to undo) stays. */
const LINGER_MS = 6_000

const UNDO_SHORTCUT = modifierLabel(UNDO_KEY, MAC)

function headline(item: OutboxItem, now: number, t: WindowTranslator): string {
  switch (item.state) {
    case 'scheduled':
      return item.later
        ? t.t('composer.later.toast', { time: plannedTime(t, item.later) })
        : t.t('composer.toast.sendingIn', { seconds: secondsUntil(item.sendAfter, now) })
    case 'overdue':
      return t.t('outbox.state.overdue')
    case 'queued':
      return item.attempts > 0
        ? t.t('composer.toast.waitingToRetry')
        : t.t('composer.toast.waitingToSend')
    case 'sending':
      return t.t('composer.toast.sending')
    case 'sent':
      return t.t('composer.toast.sent')
    case 'failed':
      return t.t('composer.toast.failed')
    case 'unknown':
      return t.t('composer.toast.unknown')
    case 'held':
      return needsPermission(item) ? t.t('outbox.toastNeedsPermission') : t.t('composer.toast.held')
  }
}

/**
 * Where Ctrl+Z (⌘Z) belongs to the field rather than to the toast's Undo: the body editor and any
 * text field with something in it keep their own undo. An empty field (the new message's To,
 * where Send leaves the focus) has nothing of its own to undo, so there Ctrl+Z is the toast's.
 */
function ownsUndo(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null
  if (element === null || typeof element.closest !== 'function') return false
  if (element.closest('[contenteditable="true"]')) return true
  if (element instanceof HTMLTextAreaElement) return element.value !== ''
  if (element instanceof HTMLInputElement) {
    const text = ['text', 'search', 'email', 'url', 'tel', 'password', ''].includes(element.type)
    return text && element.value !== ''
  }
  return false
}

/**
 * The toast's keys, from anywhere in the window while it shows: Escape closes it (unless something
 * else used the key, like an open suggestion list, or a dialog is open), Ctrl+Z (⌘Z) is its Undo
 * (see `ownsUndo`).
 */
function useToastKeys(shown: boolean, undo: (() => void) | null, dismiss: () => void): void {
  useEffect(() => {
    if (!shown) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return
      if (event.key === 'Escape') {
        event.preventDefault()
        dismiss()
        return
      }
      const modifier = MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
      if (undo === null || !modifier || event.shiftKey || event.altKey) return
      if (event.key.toUpperCase() !== UNDO_KEY || ownsUndo(event.target)) return
      event.preventDefault()
      undo()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [shown, undo, dismiss])
}

/**
 * When the button that had the focus leaves the toast (Undo gone once the message is on its way,
 * the toast closed with Escape), the focus goes back where it came from, or to `onFocusLost`,
 * instead of falling to the page. While the toast holds the focus it does not go away on its own.
 */
function useToastFocus(toast: Toast | null, onFocusLost: () => void) {
  const inside = useRef(false)
  const cameFrom = useRef<HTMLElement | null>(null)
  const [focused, setFocused] = useState(false)
  useEffect(() => {
    if (!inside.current || document.activeElement !== document.body) return
    inside.current = false
    const back = cameFrom.current
    if (back?.isConnected && !back.closest('[hidden]')) back.focus()
    else onFocusLost()
    // The focus left without a blur (its button was removed): the toast may go on its time again.
    queueMicrotask(() => setFocused(false))
  }, [toast, onFocusLost])
  return {
    focused,
    onFocus(event: FocusEvent) {
      if (!inside.current) cameFrom.current = event.relatedTarget as HTMLElement | null
      inside.current = true
      setFocused(true)
    },
    onBlur(event: FocusEvent) {
      const next = event.relatedTarget as Node | null
      if (next !== null && event.currentTarget.contains(next)) return
      inside.current = false
      setFocused(false)
    },
  }
}

/**
 * The line at the bottom after Send or Discard: a countdown or "Draft discarded" with Undo (and
 * its shortcut), then the progress, then the outcome. It lives in a status region, so screen
 * readers hear it without losing their place; it comes right after the composer in the Tab order,
 * so Undo is one Tab away from the composer's last button.
 *
 * Over 60 lines, on purpose: it is the markup of the toast's stages (countdown, progress, outcome);
 * which toast shows is decided outside, by `toastToShow`.
 */
export function SendToast({
  toast,
  progress,
  onUndo,
  onOpenOutbox,
  onDismiss,
  onFocusLost,
}: {
  toast: Toast | null
  progress: ReadonlyMap<string, SendProgress>
  onUndo(toast: Toast): void
  onOpenOutbox(): void
  onDismiss(): void
  onFocusLost(): void
}) {
  const t = useT()
  const item = toast?.kind === 'message' ? toast.item : null
  const now = useNow(item?.state === 'scheduled', 500)
  const undoable = item?.state === 'scheduled' || toast?.kind === 'discarded'
  // A message scheduled for later says when, offers Undo for a while, and goes like a note.
  const finished =
    toast?.kind === 'note' ||
    toast?.kind === 'discarded' ||
    item?.state === 'sent' ||
    (item?.state === 'scheduled' && item.later !== undefined)
  const focus = useToastFocus(toast, onFocusLost)

  useEffect(() => {
    if (!finished || focus.focused) return
    const timer = setTimeout(onDismiss, LINGER_MS)
    return () => clearTimeout(timer)
  }, [finished, onDismiss, toast, focus.focused])

  const undo = undoable && toast !== null ? () => onUndo(toast) : null
  useToastKeys(toast !== null, undo, onDismiss)

  const trouble = item?.state === 'failed' || item?.state === 'unknown' || item?.state === 'held'
  return (
    <div className="toast-region" role="status">
      {toast && (
        <div
          className="toast"
          data-state={item?.state ?? toast.kind}
          onFocus={focus.onFocus}
          onBlur={focus.onBlur}
        >
          <div className="toast-text">
            {item ? (
              <>
                <p className="toast-title">{headline(item, now, t)}</p>
                {item.state !== 'scheduled' && item.state !== 'sent' && (
                  <p className="toast-detail">{stateDetail(item, now, progress.get(item.id), t)}</p>
                )}
                {item.state === 'sending' && (
                  <ProgressBar
                    label={t.t('composer.toast.upload')}
                    value={percent(progress.get(item.id))}
                  />
                )}
              </>
            ) : (
              <p className="toast-title">
                {toast.kind === 'note' ? toast.text : t.t('composer.toast.discarded')}
              </p>
            )}
          </div>
          {undo && (
            <button
              type="button"
              className="button small toast-action"
              aria-keyshortcuts={`${MAC ? 'Meta' : 'Control'}+${UNDO_KEY}`}
              title={t.t('composer.toast.undoShortcut', { shortcut: UNDO_SHORTCUT })}
              onClick={undo}
            >
              {t.t('composer.toast.undo')}
              <kbd className="toast-shortcut" aria-hidden="true">
                {UNDO_SHORTCUT}
              </kbd>
            </button>
          )}
          {trouble && (
            <button type="button" className="button small toast-action" onClick={onOpenOutbox}>
              {t.t('composer.toast.openOutbox')}
            </button>
          )}
          <button
            type="button"
            className="toast-close"
            aria-label={t.t('composer.toast.dismiss')}
            onClick={onDismiss}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  )
}
