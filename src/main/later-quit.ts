// What quitting does when messages wait for their time: the question, its words, and what the
// app does while it keeps running in the background. Pure (no Electron), so it is tested under
// Node; main.ts and tray.ts only show what this decides.
import type { OutboxItem } from '../shared/domain'
import type { MainTranslator } from './i18n/translate'

/** The next scheduled message and how many wait for a time (SendService.nextScheduled). */
export interface NextScheduled {
  readonly at: string
  readonly count: number
}

/** The quit question, worded: the message box's text and its two buttons (keep is the default). */
export interface QuitQuestion {
  readonly message: string
  readonly detail: string
  /** Button 0: keep running in the background with a tray icon. */
  readonly keep: string
  /** Button 1: quit now; the messages wait for the next start (and then ask if late). */
  readonly quit: string
}

/** When a scheduled message is due, in main's words: the time today, else the day and time. */
export function dueWords(t: MainTranslator, at: string, now: number): string {
  const due = new Date(at)
  const today = due.toDateString() === new Date(now).toDateString()
  return t.dateTime(due, {
    ...(today ? {} : { weekday: 'short', month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** The question to ask before quitting, or null when nothing waits for a time (quit at once). */
export function quitQuestion(
  next: NextScheduled | null,
  now: number,
  t: MainTranslator,
): QuitQuestion | null {
  if (next === null) return null
  return {
    message: t.t('dialogs.later.message', { count: next.count, time: dueWords(t, next.at, now) }),
    detail: t.t('dialogs.later.detail'),
    keep: t.t('dialogs.later.keep'),
    quit: t.t('dialogs.later.quit'),
  }
}

/** The tray icon's words while Postline runs in the background. */
export function trayWords(
  next: NextScheduled | null,
  now: number,
  t: MainTranslator,
): { tooltip: string; open: string; quit: string } {
  return {
    tooltip:
      next === null
        ? t.t('menu.tray.open')
        : t.t('menu.tray.tooltip', { time: dueWords(t, next.at, now) }),
    open: t.t('menu.tray.open'),
    quit: t.t('menu.tray.quit'),
  }
}

/**
 * What the background run does next, looked at every few seconds:
 * - `show`: a message turned overdue (the clock jumped, the computer slept past its time), so the
 *   window opens to ask; nothing goes out late on its own;
 * - `wait`: a message still waits for its time, or is on its way (queued, being sent);
 * - `quit`: nothing is left to send, so the app quits as the person asked.
 */
export function backgroundStep(items: readonly OutboxItem[]): 'show' | 'wait' | 'quit' {
  if (items.some((item) => item.state === 'overdue')) return 'show'
  const busy = items.some(
    (item) =>
      (item.state === 'scheduled' && item.later !== undefined) ||
      item.state === 'queued' ||
      item.state === 'sending',
  )
  return busy ? 'wait' : 'quit'
}
