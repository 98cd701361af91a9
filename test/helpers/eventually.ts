import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * Waits until `check` holds (work the code under test finishes in the background: a file gone, a
 * draft saved), failing with `what` after `timeoutMs`. A check that throws counts as not yet (a
 * tool racing the change it looks at).
 */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for: ${what}`)
    await delay(25)
  }
}
