import { machine } from './machine'

/** `npm run bench -- --quick` or BENCH_QUICK=1: each once with tiny sizes, times not judged. */
export const QUICK = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick')

/**
 * How many timed runs a benchmark makes: `usual`, once in quick mode, or BENCH_RUNS (a whole
 * number from 1) to compare two builds with more runs than the figure takes.
 */
export function timedRuns(usual: number): number {
  if (QUICK) return 1
  const asked = process.env.BENCH_RUNS
  if (asked === undefined || asked === '') return usual
  const runs = Number(asked)
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`BENCH_RUNS must be a whole number from 1, not ${JSON.stringify(asked)}`)
  return runs
}

/** The one JSON object each benchmark prints. */
export interface Figure {
  readonly figure: string
  readonly value: number | null
  readonly unit: string
  readonly floor: number | null
  readonly ratio: number | null
  readonly target: string
  readonly holds: boolean
  readonly runs: number | null
  readonly median: number | null
  readonly min: number | null
  readonly max: number | null
  /** Anything else worth reading beside the figure: both modes, breakdowns, notes. */
  readonly details?: Record<string, unknown>
}

/** Progress for people goes to stderr; stdout carries only the JSON line. */
export function log(message: string): void {
  process.stderr.write(`  ${message}\n`)
}

/** Prints the figure as one JSON line; in quick mode it says the times are not to be judged. */
export function emit(figure: Figure): void {
  const line = { ...figure, quick: QUICK, machine: machine() }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

/**
 * Runs a benchmark's main function, which answers one figure or several (one JSON line each);
 * a crash prints the error and exits non-zero.
 */
export function run(main: () => Promise<Figure | Figure[]>): void {
  main().then(
    (figures) => {
      for (const figure of Array.isArray(figures) ? figures : [figures]) emit(figure)
      // Chromium, sockets or keep-alive agents must not keep the process alive.
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
