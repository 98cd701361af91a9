import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startSandbox, type Sandbox } from '../../../src/sandbox/index'
import { httpBrowser } from '../../helpers/consent'
import { ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { FAST, newDraft, outboxState } from '../../helpers/sending'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
before(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.setAccessTokenLifetime(3599))
after(() => sandbox.close())

/** google-auth-library renews a token in its last 5 minutes, during the call that needs it. */
const LIBRARY_THRESHOLD_S = 300

async function coreWith(t: Parameters<typeof tempDir>[0], refreshAheadMs: number) {
  const browser = httpBrowser([{ identity: 'ada@sandbox.test' }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), browser.openExternal),
    { sendTiming: FAST, refreshAheadMs },
  )
  ok(await core.handlers['accounts.add'](undefined))
  return core
}

async function sendOne(core: Awaited<ReturnType<typeof coreWith>>): Promise<void> {
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  assert.equal(
    (await outboxState(core, queued.id, ['sent', 'failed', 'unknown', 'held'])).state,
    'sent',
  )
}

test('a token renewed in the background ahead of expiry means no send waits on a token request', async (t) => {
  // Tokens live 2 s past the library's threshold; Postline renews them 1 s after they are issued.
  sandbox.setAccessTokenLifetime(LIBRARY_THRESHOLD_S + 2)
  const core = await coreWith(t, (LIBRARY_THRESHOLD_S + 1) * 1000)
  // The renewal is a timer in main with no event of its own: look for it, for 10 s at most.
  for (let i = 0; i < 1000 && core.accounts.stats.refreshedAhead === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  assert.ok(core.accounts.stats.refreshedAhead >= 1, 'the token was renewed ahead of time')
  const waited = core.accounts.stats.waitedOnRefresh
  await sendOne(core)
  await sendOne(core)
  assert.equal(core.accounts.stats.waitedOnRefresh, waited)
})

test('without renewal ahead of time, a send on an ageing token waits on a token request', async (t) => {
  // At the threshold already: the library renews during the send that needs the token.
  sandbox.setAccessTokenLifetime(LIBRARY_THRESHOLD_S)
  const core = await coreWith(t, 0)
  const waited = core.accounts.stats.waitedOnRefresh
  await sendOne(core)
  assert.equal(core.accounts.stats.waitedOnRefresh, waited + 1)
})
