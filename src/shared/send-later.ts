// Send later's times, in the person's time zone: the presets, a date and time typed in a zone,
// and the rules main and the window share (the grace before a message counts as late). Pure and
// Intl-only, so main, the window and the tests use the same arithmetic with any zone.

/**
 * How late a scheduled message may still go out on its own. Past this (Postline was closed, the
 * computer slept, the clock jumped) it waits for the person's answer instead of going out late.
 */
export const LATE_GRACE_MS = 2 * 60_000

/** How often main looks for due messages (well under the grace, so a running app is on time). */
export const LATER_CHECK_MS = 15_000

/** The soonest a chosen time may be: a minute from now (an earlier one reads as "now"). */
export const LATER_MIN_LEAD_MS = 60_000

/** The furthest ahead a message can be scheduled. */
export const LATER_MAX_AHEAD_MS = 366 * 24 * 60 * 60_000

/** "Later today" is this long from now, rounded up to the quarter hour, while still today. */
export const LATER_TODAY_MS = 3 * 60 * 60_000

/** The hour of "tomorrow morning" and "next Monday morning". */
export const MORNING_HOUR = 8

/** A date and time of day on the wall clock of a zone. */
export interface WallTime {
  readonly year: number
  /** 1–12. */
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  /** 0 Sunday … 6 Saturday. */
  readonly weekday: number
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 100) return false
  try {
    formatterFor(zone)
    return true
  } catch {
    return false
  }
}

/** The wall clock of `zone` at the instant `ms`. */
export function wallTime(ms: number, zone: string): WallTime {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) parts[part.type] = part.value
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
  }
}

/** How far `zone`'s wall clock is ahead of UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const wall = wallTime(ms, zone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  return asUtc - Math.floor(ms / 60_000) * 60_000
}

/**
 * The instant at which `zone`'s wall clock shows the date and time. A time skipped by a change to
 * summer time lands just after the change; a time that happens twice is the first.
 */
export function zonedInstant(
  wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>,
  zone: string,
): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  const first = asUtc - offsetAt(asUtc, zone)
  const second = asUtc - offsetAt(first, zone)
  const shows = (ms: number) => {
    const at = wallTime(ms, zone)
    return at.day === wall.day && at.hour === wall.hour && at.minute === wall.minute
  }
  const real = [first, second].filter(shows)
  // Twice the same wall time (autumn): the earlier; a time skipped (spring): after the change.
  return real.length > 0 ? Math.min(...real) : Math.max(first, second)
}

/** The calendar day `days` after the wall time's day (month and year roll over). */
function addDays(wall: WallTime, days: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days))
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/** A preset of the Send menu. */
export type LaterPreset = 'laterToday' | 'tomorrowMorning' | 'nextMonday'

/**
 * The Send menu's presets from `now` in `zone`:
 * - later today: three hours from now rounded up to the quarter hour, offered only while that is
 *   still today (so not in the evening);
 * - tomorrow morning: 08:00 tomorrow;
 * - next Monday morning: 08:00 on the next Monday (a week ahead on a Monday).
 */
export function laterPresets(
  now: number,
  zone: string,
): { readonly preset: LaterPreset; readonly at: number }[] {
  const today = wallTime(now, zone)
  const presets: { preset: LaterPreset; at: number }[] = []
  const quarter = 15 * 60_000
  const inThreeHours = Math.ceil((now + LATER_TODAY_MS) / quarter) * quarter
  const then = wallTime(inThreeHours, zone)
  if (then.year === today.year && then.month === today.month && then.day === today.day)
    presets.push({ preset: 'laterToday', at: inThreeHours })
  const morning = (days: number) =>
    zonedInstant({ ...addDays(today, days), hour: MORNING_HOUR, minute: 0 }, zone)
  presets.push({ preset: 'tomorrowMorning', at: morning(1) })
  const toMonday = (8 - today.weekday) % 7 || 7
  presets.push({ preset: 'nextMonday', at: morning(toMonday) })
  return presets
}

/** Why a chosen time cannot be used: gone by (or within the minute), or over a year ahead. */
export type LaterProblem = 'past' | 'tooFar'

/** Whether `at` can be chosen at `now`. */
export function laterProblem(at: number, now: number): LaterProblem | null {
  if (!Number.isFinite(at) || at < now + LATER_MIN_LEAD_MS) return 'past'
  if (at > now + LATER_MAX_AHEAD_MS) return 'tooFar'
  return null
}

/**
 * A date (`2026-12-03`) and time (`08:30`) as typed in the picker, read on `zone`'s wall clock,
 * or null when either is not a real date or time.
 */
export function parseWallInput(date: string, time: string, zone: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const clock = /^(\d{2}):(\d{2})$/.exec(time)
  if (day === null || clock === null) return null
  const [year, month, dayOfMonth, hour, minute] = [
    Number(day[1]),
    Number(day[2]),
    Number(day[3]),
    Number(clock[1]),
    Number(clock[2]),
  ]
  const check = new Date(Date.UTC(year, month - 1, dayOfMonth))
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dayOfMonth) return null
  if (hour > 23 || minute > 59) return null
  return zonedInstant({ year, month, day: dayOfMonth, hour, minute }, zone)
}

/** The picker's first values: the date and time of `ms` on `zone`'s wall clock. */
export function wallInput(ms: number, zone: string): { date: string; time: string } {
  const wall = wallTime(ms, zone)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${wall.year}-${two(wall.month)}-${two(wall.day)}`,
    time: `${two(wall.hour)}:${two(wall.minute)}`,
  }
}

/** Whether a scheduled time is past by more than the grace at `now` (so it must ask). */
export function isLate(at: string, now: number): boolean {
  return now - Date.parse(at) > LATE_GRACE_MS
}
