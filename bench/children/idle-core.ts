// Child of bench/idle-memory.ts (the sandbox is in the parent). argv[2] is a JSON config:
// - prepare: signs in 3 accounts and saves 100 drafts in a fresh home, then exits;
// - idle: starts the core on that home, lets it check the accounts, and reports its RSS after gc.
// idle-memory.ts bundles it behind bench/lib/child.ts's appEntry, so the child first loads what
// src/main/main.ts loads at its top. With `app: 'sandbox'` it also loads and starts a sandbox in
// its own process, as main.ts does in sandbox mode (the core still checks its accounts with the
// parent's sandbox, which holds their grants: the difference between the two is the sandbox's).
import { createCore } from '../../src/main/core'
import type { GoogleEndpoints } from '../../src/main/google-endpoints'
import { childMain, tell } from '../lib/child-side'
import { rssAfterGc } from '../lib/rss'
import { coreOnSandbox, ok, saveDrafts, type CoreHome } from '../lib/core-home'

interface Config {
  readonly mode: 'prepare' | 'idle'
  readonly home: CoreHome
  readonly accounts: number
  readonly drafts: number
  /** Which mode of the app to weigh: Google (no sandbox loaded) or sandbox (one in this process). */
  readonly app?: 'google' | 'sandbox'
  /** How long to idle after the sample 1 s after start before the figure's sample. */
  readonly settleMs?: number
  readonly sandbox: { endpoints: GoogleEndpoints; clientId: string; clientSecret: string }
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config

/** A draft of ordinary size: a few paragraphs. */
const HTML =
  '<p>Hello,</p>' + '<p>A paragraph of an ordinary message, neither short nor long.</p>'.repeat(20)

childMain(async () => {
  if (config.mode === 'prepare') {
    const core = await coreOnSandbox(config.sandbox, config.home, config.accounts)
    await saveDrafts(core, config.drafts, { html: HTML })
    await core.close()
    await tell({ type: 'done' })
    return
  }
  // RSS after gc at each step of the start, to show where the memory goes.
  const steps: Record<string, number> = { modulesLoaded: rssAfterGc().rss }
  let ownSandbox: { close(): Promise<void> } | null = null
  if (config.app === 'sandbox') {
    const { startSandbox } = await import('../../src/sandbox/index')
    ownSandbox = await startSandbox()
    steps.sandboxStarted = rssAfterGc().rss
  }
  const core = await createCore({
    dataDir: config.home.dataDir,
    keychainService: config.home.keychainService,
    mode: 'sandbox',
    endpoints: config.sandbox.endpoints,
    clientId: config.sandbox.clientId,
    clientSecret: config.sandbox.clientSecret,
    openExternal: async () => {},
  })
  steps.coreCreated = rssAfterGc().rss
  await core.verified
  steps.accountsVerified = rssAfterGc().rss
  const accounts = ok(await core.handlers['accounts.list'](undefined))
  const drafts = ok(await core.handlers['drafts.list'](undefined))
  const connected = accounts.filter((account) => account.status === 'connected').length
  // Idle: let start-up work and timers settle before measuring. 1 s after start V8 still holds
  // the young generation the start grew; it gives it back once a collection sees the allocation
  // rate low (a 5 s window), so the figure is taken after `settleMs` more, the 1 s one beside it.
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  steps.oneSecondAfterStart = rssAfterGc().rss
  await new Promise((resolve) => setTimeout(resolve, config.settleMs ?? 0))
  const memory = rssAfterGc()
  const { heapTotal, external, arrayBuffers } = process.memoryUsage()
  await tell({
    type: 'done',
    ...memory,
    heapTotal,
    external,
    arrayBuffers,
    steps: { ...steps, idle: memory.rss },
    accounts: connected,
    drafts: drafts.length,
  })
  await core.close()
  await ownSandbox?.close()
})
