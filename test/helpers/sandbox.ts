import { after, before } from 'node:test'
import { startSandbox, type Sandbox } from '../../src/sandbox/index'

/** The sandbox identities the tests sign in as. */
export const ADA = 'ada@sandbox.test'
export const GRACE = 'grace@sandbox.test'

/**
 * One sandbox for a whole test file: started before its first test, closed after its last.
 * `started` receives it (tests keep it in a `let sandbox: Sandbox`).
 */
export function sandboxForFile(started: (sandbox: Sandbox) => void): void {
  let sandbox: Sandbox | undefined
  before(async () => {
    sandbox = await startSandbox()
    started(sandbox)
  })
  after(() => sandbox?.close())
}

/** The addresses whose grants the sandbox revoked after the first `count` revocations. */
export function revokedSince(sandbox: Sandbox, count: number): string[] {
  return sandbox
    .revocations()
    .slice(count)
    .map((revocation) => revocation.email)
}
