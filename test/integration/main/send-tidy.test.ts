import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '../../../src/sandbox/index'
import { ok } from '../../helpers/core'
import { eventually } from '../../helpers/eventually'
import { coreWithAccounts, newDraft, outboxState, requestCount } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const GMAIL = '/gmail/v1/users/me/messages/send'

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/**
 * Two messages on a core of their own: Google holds the first one's request for `holdMs` while
 * the second goes and comes back `sent`. Answers both, and each one's built file and draft file.
 */
async function oneHeldOneSent(t: TestContext, holdMs: number) {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const slowDraft = await newDraft(core, { subject: 'Slow' })
  const quickDraft = await newDraft(core, { subject: 'Quick' })
  const before = requestCount(sandbox, GMAIL)
  const mailbox = sandbox.mailbox().length
  sandbox.failNext(GMAIL, { kind: 'delay', ms: holdMs })
  const slow = ok(await core.handlers['mail.send']({ draftId: slowDraft }))
  await eventually(() => requestCount(sandbox, GMAIL) > before, 'the first request left')
  const quick = ok(await core.handlers['mail.send']({ draftId: quickDraft }))
  await outboxState(core, quick.id, ['sent'])
  const files = (outboxId: string, draftId: string) => [
    join(dataDir, 'outbox', `${outboxId}.eml`),
    join(dataDir, 'drafts', `${draftId}.json`),
  ]
  return {
    core,
    slow,
    quick,
    quickDraft,
    quickFiles: files(quick.id, quickDraft),
    slowFiles: files(slow.id, slowDraft),
    /** Both messages reached Google, once each. */
    bothSent: () => assert.equal(sandbox.mailbox().length, mailbox + 2),
  }
}

test('a sent message’s draft and built file wait until no other send is in flight, then go', async (t) => {
  const { core, slow, quickDraft, quickFiles, slowFiles, bothSent } = await oneHeldOneSent(t, 1_500)
  assert.equal(core.sending.list().find((item) => item.id === slow.id)?.state, 'sending')
  for (const file of quickFiles)
    assert.ok(await exists(file), `${file} is still there while a send is in flight`)
  // Its draft stays out of the drafts list all the same: the sent item still owns it.
  const listed = ok(await core.handlers['drafts.list'](undefined)).map((draft) => draft.id)
  assert.ok(!listed.includes(quickDraft))

  await outboxState(core, slow.id, ['sent'])
  await eventually(
    async () =>
      (await Promise.all([...quickFiles, ...slowFiles].map(exists))).every((there) => !there),
    'both drafts and built files are gone once the queue is quiet',
  )
  bothSent()
})

test('closing waits for the send in flight, then tidies after every sent message', async (t) => {
  const { core, quickFiles, slowFiles, bothSent } = await oneHeldOneSent(t, 800)
  assert.ok(await exists(quickFiles[0]!))
  await core.close()
  for (const file of [...quickFiles, ...slowFiles])
    assert.ok(!(await exists(file)), `${file} is gone once closed`)
  bothSent()
})

test('discarding a sent message before it was tidied takes its draft with it', async (t) => {
  const { core, quick, quickDraft, quickFiles } = await oneHeldOneSent(t, 1_500)
  assert.ok(await exists(quickFiles[1]!), 'the sent draft waits for the queue to be quiet')
  ok(await core.handlers['outbox.discard']({ id: quick.id }))
  const listed = ok(await core.handlers['drafts.list'](undefined)).map((draft) => draft.id)
  assert.ok(!listed.includes(quickDraft), 'a sent message never shows again as a draft')
  for (const file of quickFiles) assert.ok(!(await exists(file)), `${file} went with it`)
})
