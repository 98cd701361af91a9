import type { OutboxItem, SendProgress } from '../shared/domain'
import { assertNever } from '../shared/errors'

/** A time of day, as the person's system writes it. */
export function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
}

/** A date and time, shorter for today. */
export function when(iso: string, now = new Date()): string {
  const date = new Date(iso)
  if (date.toDateString() === now.toDateString()) {
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  }
  return date.toLocaleString([], {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** The word for where a message stands. */
export function stateLabel(item: OutboxItem): string {
  switch (item.state) {
    case 'scheduled':
      return 'Sending soon'
    case 'queued':
      return item.attempts > 0 ? 'Waiting to retry' : 'Waiting to send'
    case 'sending':
      return 'Sending'
    case 'sent':
      return 'Sent'
    case 'failed':
      return 'Not sent'
    case 'unknown':
      return 'May have been sent'
    case 'held':
      return 'Needs reconnecting'
    default:
      return assertNever(item.state)
  }
}

/** Whole seconds left until `iso`, never below zero. */
export function secondsUntil(iso: string | null, now: number): number {
  if (iso === null) return 0
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000))
}

/** The percentage of a message uploaded, or null before the first progress event. */
export function percent(progress: SendProgress | undefined): number | null {
  if (!progress || progress.totalBytes <= 0) return null
  return Math.min(100, Math.round((progress.sentBytes / progress.totalBytes) * 100))
}

/**
 * One sentence on what is happening to a message, and what the person can do. `reason` is its
 * last error worded in the window's language (error-text.ts `errorSentence`).
 */
export function stateDetail(
  item: OutboxItem,
  now: number,
  progress?: SendProgress,
  reason?: string,
): string {
  switch (item.state) {
    case 'scheduled': {
      const seconds = secondsUntil(item.sendAfter, now)
      return `Goes out in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Undo to keep editing it.`
    }
    case 'queued': {
      const next = item.sendAfter ? ` Next try at ${timeOfDay(item.sendAfter)}.` : ''
      return reason ? `${reason}${next}` : `Waiting for its turn.${next}`
    }
    case 'sending': {
      const done = percent(progress)
      return done === null ? 'Uploading to Gmail…' : `Uploading to Gmail: ${done}%`
    }
    case 'sent':
      return item.sentAt ? `Sent at ${timeOfDay(item.sentAt)}.` : 'Sent.'
    case 'failed':
      return reason ?? 'Google refused this message.'
    case 'unknown':
      return (
        reason ??
        'The connection broke after the message left, so it may have been sent. Check the Sent folder in Gmail before sending it again.'
      )
    case 'held':
      return `Waiting for you to reconnect ${item.from}; it goes out as soon as you do.`
    default:
      return assertNever(item.state)
  }
}
