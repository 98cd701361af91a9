/**
 * Registered with `--import` by scripts/test.sh in every test process (node:test's runner and each
 * test file's process), next to `--unhandled-rejections=strict`.
 *
 * node:test (Node 20) already fails the running test when something leaks an unhandled rejection
 * or an uncaught exception, and fails the file when the leak comes after its tests ended. It
 * misses one case: a leak during a `todo` test only marks that test "failed as expected", so it
 * vanishes from the totals, and the file's non-zero exit is not counted either once one of its
 * tests (even a todo) failed. This hook prints every leak when it happens, adds one failing test
 * per leak (counted in the totals even under a todo) and makes the process exit non-zero.
 */
import { test } from 'node:test'

const leaks: string[] = []

function failAtExit(): void {
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1
  process.stderr.write(
    `✖ ${leaks.length} unhandled rejection(s) or uncaught exception(s) in this process: failing it\n`,
  )
}

function leaked(kind: string, reason: unknown): void {
  const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
  leaks.push(`${kind}: ${text}`)
  process.stderr.write(`✖ ${kind}: ${text}\n`)
  // Added at the first leak, so it runs after node:test's own exit listener, which sets the code.
  if (leaks.length === 1) process.on('exit', failAtExit)
  // In a test file's process, one failing test more: a file whose only other failures are todos
  // would otherwise not count in the runner's totals, whatever its exit code.
  if (process.env.NODE_TEST_CONTEXT !== undefined) {
    test(`no unhandled rejection or uncaught exception (${kind})`, () => {
      throw reason instanceof Error ? reason : new Error(text)
    })
  }
}

process.on('unhandledRejection', (reason) => leaked('unhandled rejection', reason))
process.on('uncaughtExceptionMonitor', (error, origin) => {
  // In strict mode a rejection is raised as an exception first: count it once, as a rejection.
  if (origin !== 'unhandledRejection') leaked('uncaught exception', error)
})

export {}
