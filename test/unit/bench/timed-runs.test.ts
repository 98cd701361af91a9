import assert from 'node:assert/strict'
import { afterEach, test } from 'node:test'
import { timedRuns } from '../../../bench/lib/report'

const before = process.env.BENCH_RUNS
afterEach(() => {
  if (before === undefined) delete process.env.BENCH_RUNS
  else process.env.BENCH_RUNS = before
})

test('a benchmark makes its usual number of timed runs unless BENCH_RUNS says otherwise', () => {
  delete process.env.BENCH_RUNS
  assert.equal(timedRuns(12), 12)
  process.env.BENCH_RUNS = ''
  assert.equal(timedRuns(12), 12)
  process.env.BENCH_RUNS = '40'
  assert.equal(timedRuns(12), 40)
  assert.equal(timedRuns(5), 40)
})

test('BENCH_RUNS that is not a whole number from 1 is refused by name', () => {
  for (const asked of ['0', '-3', '2.5', 'forty', '1e9x']) {
    process.env.BENCH_RUNS = asked
    assert.throws(() => timedRuns(12), {
      message: `BENCH_RUNS must be a whole number from 1, not ${JSON.stringify(asked)}`,
    })
  }
})
