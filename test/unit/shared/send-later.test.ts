import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  isLate,
  isTimeZone,
  LATE_GRACE_MS,
  laterPresets,
  laterProblem,
  parseWallInput,
  wallInput,
  wallTime,
  zonedInstant,
} from '../../../src/shared/send-later'

const iso = (ms: number) => new Date(ms).toISOString()

test('a wall time in a zone is the instant that zone shows it, summer time included', () => {
  // São Paulo is UTC−3 all year; Lisbon is UTC+0 in winter, UTC+1 in summer.
  assert.equal(
    iso(zonedInstant({ year: 2026, month: 12, day: 3, hour: 8, minute: 0 }, 'America/Sao_Paulo')),
    '2026-12-03T11:00:00.000Z',
  )
  assert.equal(
    iso(zonedInstant({ year: 2026, month: 12, day: 3, hour: 8, minute: 0 }, 'Europe/Lisbon')),
    '2026-12-03T08:00:00.000Z',
  )
  assert.equal(
    iso(zonedInstant({ year: 2026, month: 7, day: 3, hour: 8, minute: 0 }, 'Europe/Lisbon')),
    '2026-07-03T07:00:00.000Z',
  )
  // New York on the morning summer time starts (8 March 2026): 08:00 is already UTC−4.
  assert.equal(
    iso(zonedInstant({ year: 2026, month: 3, day: 8, hour: 8, minute: 0 }, 'America/New_York')),
    '2026-03-08T12:00:00.000Z',
  )
  // 02:30 does not exist that night: it lands after the change, never before it.
  const skipped = zonedInstant(
    { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
    'America/New_York',
  )
  assert.equal(iso(skipped), '2026-03-08T07:30:00.000Z')
  // 01:30 happens twice on 1 November 2026: the first one (EDT, UTC−4).
  assert.equal(
    iso(zonedInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')),
    '2026-11-01T05:30:00.000Z',
  )
})

test('the presets: later today in three hours (quarter hour) only while still today, 08:00 tomorrow, 08:00 next Monday', () => {
  const zone = 'America/Sao_Paulo'
  // Tuesday 1 December 2026, 10:07 in São Paulo.
  const now = Date.UTC(2026, 11, 1, 13, 7)
  assert.equal(wallTime(now, zone).weekday, 2)
  const presets = Object.fromEntries(laterPresets(now, zone).map((p) => [p.preset, iso(p.at)]))
  assert.deepEqual(presets, {
    laterToday: '2026-12-01T16:15:00.000Z', // 13:15 there
    tomorrowMorning: '2026-12-02T11:00:00.000Z', // 08:00 Wednesday
    nextMonday: '2026-12-07T11:00:00.000Z', // 08:00 Monday the 7th
  })
  // At 22:00 there is no "later today".
  const evening = Date.UTC(2026, 11, 2, 1, 0)
  assert.deepEqual(
    laterPresets(evening, zone).map((p) => p.preset),
    ['tomorrowMorning', 'nextMonday'],
  )
  // On a Monday, next Monday is a week ahead; on a Sunday, it is tomorrow.
  const monday = Date.UTC(2026, 11, 7, 12, 0)
  assert.equal(iso(laterPresets(monday, zone).at(-1)!.at), '2026-12-14T11:00:00.000Z')
  const sunday = Date.UTC(2026, 11, 6, 12, 0)
  assert.equal(iso(laterPresets(sunday, zone).at(-1)!.at), '2026-12-07T11:00:00.000Z')
  // The same instant is 22:07 in Tokyo: no later today, and its own 08:00 tomorrow.
  const tokyo = Object.fromEntries(
    laterPresets(now, 'Asia/Tokyo').map((p) => [p.preset, iso(p.at)]),
  )
  assert.equal(tokyo['laterToday'], undefined)
  assert.equal(tokyo['tomorrowMorning'], '2026-12-01T23:00:00.000Z')
  // Over a month's end and a year's end.
  const newYearsEve = Date.UTC(2026, 11, 31, 15, 0)
  assert.equal(
    iso(laterPresets(newYearsEve, 'UTC').find((p) => p.preset === 'tomorrowMorning')!.at),
    '2027-01-01T08:00:00.000Z',
  )
})

test('the picker reads a date and time on the zone’s clock and refuses what is not one', () => {
  assert.equal(
    iso(parseWallInput('2026-12-03', '08:30', 'Europe/Lisbon')!),
    '2026-12-03T08:30:00.000Z',
  )
  assert.equal(parseWallInput('2026-02-30', '08:30', 'UTC'), null)
  assert.equal(parseWallInput('2026-12-03', '24:00', 'UTC'), null)
  assert.equal(parseWallInput('', '08:30', 'UTC'), null)
  assert.equal(parseWallInput('2026-12-03', '', 'UTC'), null)
  assert.deepEqual(wallInput(Date.UTC(2026, 11, 3, 11, 5), 'America/Sao_Paulo'), {
    date: '2026-12-03',
    time: '08:05',
  })
})

test('a chosen time must be a minute ahead at least and a year at most; late means past the grace', () => {
  const now = Date.UTC(2026, 11, 1, 10, 0)
  assert.equal(laterProblem(now - 1, now), 'past')
  assert.equal(laterProblem(now + 59_000, now), 'past')
  assert.equal(laterProblem(Number.NaN, now), 'past')
  assert.equal(laterProblem(now + 60_000, now), null)
  assert.equal(laterProblem(now + 400 * 86_400_000, now), 'tooFar')
  const at = iso(now)
  assert.equal(isLate(at, now + LATE_GRACE_MS), false)
  assert.equal(isLate(at, now + LATE_GRACE_MS + 1), true)
  assert.equal(isLate(at, now - 3_600_000), false)
})

test('time zones are checked by name', () => {
  assert.equal(isTimeZone('America/Sao_Paulo'), true)
  assert.equal(isTimeZone('UTC'), true)
  assert.equal(isTimeZone('Mars/Olympus'), false)
  assert.equal(isTimeZone(''), false)
})
