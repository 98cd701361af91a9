/** The wall clock main reads (injectable, so tests run on a test clock). */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number
}

/**
 * Runs `run` every `ms` until stopped: how main looks for due scheduled messages. Short and
 * repeated on purpose, never one long timer: a timer does not follow a clock change or a sleep,
 * and `setTimeout` cannot wait more than 24.8 days.
 */
export interface Ticker {
  every(ms: number, run: () => void): () => void
}

export const systemClock: Clock = { now: () => Date.now() }

export const systemTicker: Ticker = {
  every(ms, run) {
    const handle = setInterval(run, ms)
    handle.unref?.()
    return () => clearInterval(handle)
  },
}
