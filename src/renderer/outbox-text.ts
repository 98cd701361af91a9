import type { OutboxItem, SendLater, SendProgress } from '../shared/domain'
import { assertNever, type PostlineError } from '../shared/errors'
import { errorSentence } from './error-text'
import type { WindowTranslator } from './i18n/I18n'

/** A time of day in the translator's locale ("14:05" in Portuguese, "2:05 PM" in English). */
export function timeOfDay(t: WindowTranslator, iso: string): string {
  return t.dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit' })
}

/** A date and time in the translator's locale, without the year ("3 de dez., 14:05"). */
export function dayAndTime(t: WindowTranslator, iso: string): string {
  return t.dateTime(new Date(iso), {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** The IANA time zone the window runs in now. */
export function currentZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/**
 * A scheduled time, on the wall clock of the zone it was chosen in, with that zone's name when
 * it is not `zone` (the window's, now): the stored instant never moves, only its words do.
 */
export function plannedTime(t: WindowTranslator, later: SendLater, zone = currentZone()): string {
  const elsewhere = later.zone !== zone
  return t.dateTime(new Date(later.at), {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: elsewhere ? later.zone : zone,
    ...(elsewhere ? { timeZoneName: 'short' as const } : {}),
  })
}

/** Whether two instants fall on the same day where the person is. */
function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString()
}

/** A date and time, only the time for today. */
export function when(t: WindowTranslator, iso: string, now = new Date()): string {
  return sameDay(new Date(iso), now) ? timeOfDay(t, iso) : dayAndTime(t, iso)
}

/**
 * How long ago `iso` was, in the words that read best: "just now" under a minute, "5 minutes
 * ago" within the hour, the time today, the date before. Messages choose the sentence by `kind`
 * (`{kind, select, now {…} relative {… {relative}} today {… {time}} other {… {date}}}`).
 */
export function sinceParams(
  t: WindowTranslator,
  iso: string,
  now = new Date(),
): { kind: 'now' | 'relative' | 'today' | 'other'; relative: string; time: string; date: string } {
  const then = new Date(iso)
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000)
  const kind =
    minutes < 1 && minutes > -1
      ? 'now'
      : minutes >= 1 && minutes < 60
        ? 'relative'
        : sameDay(then, now)
          ? 'today'
          : 'other'
  return {
    kind,
    relative: kind === 'relative' ? t.relative(-minutes, 'minute') : '',
    time: timeOfDay(t, iso),
    date: dayAndTime(t, iso),
  }
}

/** When the next try is: the time today, with the date on any other day. */
export function nextTry(t: WindowTranslator, iso: string, now: number): string {
  const date = new Date(iso)
  const today = sameDay(date, new Date(now))
  const time = timeOfDay(t, iso)
  const day = t.dateTime(date, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
  return t.t('outbox.nextTry', { today, time, date: day })
}

/** Whether a message is held because Google gave no permission to send (not a revoked grant). */
export function needsPermission(item: OutboxItem): boolean {
  return item.state === 'held' && item.error?.code === 'insufficient-permission'
}

/** The word for where a message stands. */
export function stateLabel(t: WindowTranslator, item: OutboxItem): string {
  switch (item.state) {
    case 'scheduled':
      return t.t(item.later ? 'outbox.state.later' : 'outbox.state.scheduled')
    case 'overdue':
      return t.t('outbox.state.overdue')
    case 'queued':
      return t.t(item.attempts > 0 ? 'outbox.state.waitingToRetry' : 'outbox.state.queued')
    case 'sending':
      return t.t('outbox.state.sending')
    case 'sent':
      return t.t('outbox.state.sent')
    case 'failed':
      return t.t('outbox.state.failed')
    case 'unknown':
      return t.t('outbox.state.unknown')
    case 'held':
      return t.t(needsPermission(item) ? 'outbox.needsPermission' : 'outbox.state.held')
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

/** Why a message is where it is, in the window's words (the error's own sentence for its code). */
function reasonText(t: WindowTranslator, error: OutboxItem['error']): string | null {
  if (!error) return null
  // Main records one of the closed set of codes (send-failure.ts); the type here is wider only
  // because the record is read back from disk.
  return errorSentence(t, error as PostlineError)
}

/** One sentence on what is happening to a message, and what the person can do, in `t`'s words. */
export function stateDetail(
  item: OutboxItem,
  now: number,
  progress: SendProgress | undefined,
  t: WindowTranslator,
  zone = currentZone(),
): string {
  const reason = reasonText(t, item.error)
  switch (item.state) {
    case 'scheduled':
      return item.later
        ? t.t('outbox.detail.later', { time: plannedTime(t, item.later, zone) })
        : t.t('outbox.detail.scheduled', { seconds: secondsUntil(item.sendAfter, now) })
    case 'overdue':
      return t.t('outbox.detail.overdue', {
        time: item.later ? plannedTime(t, item.later, zone) : '',
      })
    case 'queued': {
      const next =
        item.sendAfter && Date.parse(item.sendAfter) > now
          ? ` ${nextTry(t, item.sendAfter, now)}`
          : ''
      return `${reason ?? t.t('outbox.detail.queued')}${next}`
    }
    case 'sending': {
      const done = percent(progress)
      return done === null
        ? t.t('outbox.detail.uploading')
        : t.t('outbox.detail.uploadingPercent', { done: done / 100 })
    }
    case 'sent': {
      if (!item.sentAt) return t.t('outbox.detail.sentNoTime')
      const sentAt = new Date(item.sentAt)
      return t.t('outbox.detail.sent', {
        kind: sameDay(sentAt, new Date(now)) ? 'today' : 'other',
        time: timeOfDay(t, item.sentAt),
        date: dayAndTime(t, item.sentAt),
      })
    }
    case 'failed':
      return reason ?? t.t('outbox.detail.failed')
    case 'unknown':
      return reason ?? t.t('outbox.detail.unknown')
    case 'held':
      return needsPermission(item)
        ? t.t('outbox.needsPermissionDetail', { email: item.from })
        : t.t('outbox.detail.held', { email: item.from })
    default:
      return assertNever(item.state)
  }
}
