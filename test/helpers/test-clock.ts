import type { Clock, Ticker } from '../../src/main/clock'

/**
 * A wall clock the test moves by hand, and the ticker that goes with it: `set` and `advance`
 * move the clock (forward, or back, as a clock change does) and then run every tick once, as the
 * short interval would once it noticed.
 */
export class TestClock implements Clock, Ticker {
  private readonly ticks = new Set<() => void>()

  constructor(private ms: number) {}

  now(): number {
    return this.ms
  }

  every(_ms: number, run: () => void): () => void {
    this.ticks.add(run)
    return () => this.ticks.delete(run)
  }

  /** Moves the clock to `ms` (a jump either way) and ticks. */
  set(ms: number): void {
    this.ms = ms
    this.tick()
  }

  advance(ms: number): void {
    this.set(this.ms + ms)
  }

  /** Runs every tick once, without moving the clock. */
  tick(): void {
    for (const run of [...this.ticks]) run()
  }

  /** How many cores listen (a closed core stops ticking). */
  get listeners(): number {
    return this.ticks.size
  }
}
