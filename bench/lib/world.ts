import { startSandbox } from '../../src/sandbox'
import type { CoreInternals } from '../../src/main/core'
import { coreOnSandbox, EMAILS, newHome, removeHome } from './core-home'

export * from './core-home'

/** A sandbox and a core with N accounts in one process; `close` removes every trace. */
export async function startWorld(accounts: number, internals: CoreInternals = {}) {
  const sandbox = await startSandbox()
  if (sandbox.identities.slice(0, EMAILS.length).some((who, i) => who.email !== EMAILS[i]))
    throw new Error('EMAILS in bench/lib/core-home.ts no longer match the sandbox identities')
  const home = await newHome()
  const core = await coreOnSandbox(sandbox, home, accounts, internals)
  return {
    sandbox,
    core,
    home,
    emails: EMAILS.slice(0, accounts),
    async close() {
      await core.close()
      await sandbox.close()
      await removeHome(home)
    },
  }
}
