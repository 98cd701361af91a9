/**
 * Seeded randomness for generated tests, so a failure reproduces: the seed is printed with every
 * failure, and `POSTLINE_TEST_SEED=<n>` replays a run.
 */

/** A small, fast, seeded generator (mulberry32) answering numbers in [0, 1). */
export interface Seeded {
  readonly seed: number
  /** A number in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T
  /** True with the given probability. */
  chance(probability: number): boolean
}

export function seeded(seed: number): Seeded {
  let state = seed | 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new Error('pick from an empty list')
      return list[Math.floor(next() * list.length)] as T
    },
    chance: (probability) => next() < probability,
  }
}

/** The run's base seed: `POSTLINE_TEST_SEED` when set, otherwise the given default. */
export function baseSeed(fallback: number): number {
  const text = process.env.POSTLINE_TEST_SEED ?? ''
  return /^[0-9]+$/.test(text) ? Number(text) : fallback
}

/** A stable number for a name (FNV-1a), to derive one seed per channel or crash point. */
export function seedFor(name: string, base: number): number {
  let hash = 0x811c9dc5 ^ base
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
