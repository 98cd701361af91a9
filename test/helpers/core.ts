import { randomUUID } from 'node:crypto'
import type { TestContext } from 'node:test'
import { createCore, type CoreInternals, type PostlineCore } from '../../src/main/core'
import type { CoreOptions } from '../../src/main/core-types'
import type { Sandbox } from '../../src/sandbox/index'
import type { EventName, EventPayloads } from '../../src/shared/contract'
import type { SignInState } from '../../src/shared/domain'
import type { Result } from '../../src/shared/errors'

/** A unique keychain service per test, so tests never see each other's entries. */
export function testService(): string {
  return `Postline Test ${randomUUID()}`
}

/** Core options pointing at a running sandbox. */
export function sandboxOptions(
  sandbox: Pick<Sandbox, 'endpoints' | 'clientId' | 'clientSecret'>,
  dataDir: string,
  keychainService: string,
  openExternal: (url: string) => Promise<void>,
  extra: Partial<CoreOptions> = {},
): CoreOptions {
  return {
    dataDir,
    keychainService,
    mode: 'sandbox',
    endpoints: sandbox.endpoints,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    openExternal,
    ...extra,
  }
}

/** Starts a core that is closed when the test ends; records every event it emits. */
export async function startCore(
  t: TestContext,
  options: CoreOptions,
  internals: CoreInternals = {},
) {
  const core = await createCore(options, internals)
  const events: { name: EventName; payload: unknown }[] = []
  for (const name of ['accounts.changed', 'signIn.state'] as const) {
    core.on(name, (payload: EventPayloads[typeof name]) => events.push({ name, payload }))
  }
  t.after(() => core.close())
  return { core, events }
}

/** The value of a successful result; fails the test with the error otherwise. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The error of a failed result; fails the test on success. */
export function failed<T>(result: Result<T>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

/** Waits until the core says the browser has been sent to sign in. */
export function waitingForBrowser(core: PostlineCore): Promise<void> {
  return signInPhase(core, 'waiting-for-browser')
}

/** Waits until the core says the sign-in reached `phase` (`finishing`: the code is exchanged). */
export function signInPhase(core: PostlineCore, phase: SignInState['phase']): Promise<void> {
  return new Promise((resolve) => {
    const off = core.on('signIn.state', (state) => {
      if (state.phase === phase) {
        off()
        resolve()
      }
    })
  })
}
