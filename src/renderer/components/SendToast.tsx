import { useEffect } from 'react'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import { useNow } from '../hooks/use-now'
import { useT, type WindowTranslator } from '../i18n/I18n'
import { percent, secondsUntil, stateDetail } from '../outbox-text'
import { Icon } from './Icon'
import { ProgressBar } from './ProgressBar'

/** What the toast is about: a message just sent, or a short note. */
export type Toast =
  | { readonly kind: 'message'; readonly item: OutboxItem }
  | { readonly kind: 'note'; readonly text: string }

/** How long a toast with nothing left to do stays. */
const LINGER_MS = 6_000

function headline(item: OutboxItem, now: number, t: WindowTranslator): string {
  switch (item.state) {
    case 'scheduled':
      return t.t('composer.toast.sendingIn', { seconds: secondsUntil(item.sendAfter, now) })
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
      return t.t('composer.toast.held')
  }
}

/**
 * The line at the bottom after Send: a countdown with Undo, then the progress, then the
 * outcome. It lives in a status region, so screen readers hear it without losing their place.
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
}: {
  toast: Toast | null
  progress: ReadonlyMap<string, SendProgress>
  onUndo(outboxId: string): void
  onOpenOutbox(): void
  onDismiss(): void
}) {
  const t = useT()
  const item = toast?.kind === 'message' ? toast.item : null
  const now = useNow(item?.state === 'scheduled', 500)
  const finished = toast?.kind === 'note' || item?.state === 'sent'

  useEffect(() => {
    if (!finished) return
    const timer = setTimeout(onDismiss, LINGER_MS)
    return () => clearTimeout(timer)
  }, [finished, onDismiss, toast])

  const trouble = item?.state === 'failed' || item?.state === 'unknown' || item?.state === 'held'
  return (
    <div className="toast-region" role="status">
      {toast && (
        <div className="toast" data-state={item?.state ?? 'note'}>
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
              <p className="toast-title">{toast.kind === 'note' ? toast.text : ''}</p>
            )}
          </div>
          {item?.state === 'scheduled' && (
            <button
              type="button"
              className="button small toast-action"
              onClick={() => onUndo(item.id)}
            >
              {t.t('composer.toast.undo')}
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
