/**
 * Which Electron majors still get security fixes. Electron supports the latest three stable majors
 * and ships a new one every 8 weeks (https://www.electronjs.org/docs/latest/tutorial/electron-timelines),
 * so the newest stable major and the day it came out say which majors are supported on any date:
 * on 2026-11-29 that is 43, 44 and 45 (42 lost support when 45.0.0 shipped).
 *
 * When Electron ships a new major, change the one line below to it (npm view electron time), and
 * move package.json's `electron` into the supported range if electron-version.test.ts says so.
 */
export const NEWEST_ELECTRON_MAJOR = { major: 45, released: '2026-10-21' } as const

/** Electron's promise: this many newest stable majors get security fixes. */
export const SUPPORTED_MAJORS = 3
/** Electron's release cadence: a new stable major every 8 weeks. */
export const RELEASE_CADENCE_DAYS = 8 * 7

/**
 * The oldest major Electron still supports on `date`, from {@link NEWEST_ELECTRON_MAJOR} plus one
 * major per {@link RELEASE_CADENCE_DAYS} since it came out (so a stale line errs towards failing).
 */
export function oldestSupportedMajor(
  date: Date,
  newest: { readonly major: number; readonly released: string } = NEWEST_ELECTRON_MAJOR,
): number {
  const released = Date.parse(`${newest.released}T00:00:00Z`)
  if (Number.isNaN(released)) throw new Error(`not a date: ${newest.released}`)
  const cadences = Math.floor((date.getTime() - released) / (RELEASE_CADENCE_DAYS * 86_400_000))
  return newest.major + Math.max(0, cadences) - (SUPPORTED_MAJORS - 1)
}

/** The major of an exact version such as `45.5.0`; throws on ranges (`^45.0.0`) and tags. */
export function majorOf(version: string): number {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version)
  if (match === null) throw new Error(`not an exact version: ${version}`)
  return Number(match[1])
}
