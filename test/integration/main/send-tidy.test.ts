import { test } from 'node:test'
import assert from 'node:assert/strict'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import type { Sandbox } from '../../../src/sandbox/index'
import { ok } from '../../helpers/core'
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

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const until = Date.now() + 5_000
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`never happened: ${what}`)
    await delay(10)
  }
}

test('a sent message’s draft and built file wait until no other send is in flight, then go', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const slowDraft = await newDraft(core, { subject: 'Slow' })
  const quickDraft = await newDraft(core, { subject: 'Quick' })
  const files = (outboxId: string, draftId: string) => [
    join(dataDir, 'outbox', `${outboxId}.eml`),
    join(dataDir, 'drafts', `${draftId}.json`),
  ]

  // Google holds the first message's request while the second one goes and comes back.
  const before = requestCount(sandbox, GMAIL)
  const mailbox = sandbox.mailbox().length
  sandbox.failNext(GMAIL, { kind: 'delay', ms: 1_500 })
  const slow = ok(await core.handlers['mail.send']({ draftId: slowDraft }))
  await eventually(() => requestCount(sandbox, GMAIL) > before, 'the first request left')
  const quick = ok(await core.handlers['mail.send']({ draftId: quickDraft }))
  await outboxState(core, quick.id, ['sent'])
  assert.equal(core.sending.list().find((item) => item.id === slow.id)?.state, 'sending')

  for (const file of files(quick.id, quickDraft))
    assert.ok(await exists(file), `${file} is still there while a send is in flight`)
  // Its draft stays out of the drafts list all the same: the sent item still owns it.
  const listed = ok(await core.handlers['drafts.list'](undefined)).map((draft) => draft.id)
  assert.ok(!listed.includes(quickDraft))

  await outboxState(core, slow.id, ['sent'])
  const all = [...files(quick.id, quickDraft), ...files(slow.id, slowDraft)]
  await eventually(
    async () => (await Promise.all(all.map(exists))).every((there) => !there),
    'both drafts and built files are gone once the queue is quiet',
  )
  assert.equal(sandbox.mailbox().length, mailbox + 2)
})

test('closing waits for the send in flight, then tidies after every sent message', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const slowDraft = await newDraft(core, { subject: 'Slow' })
  const quickDraft = await newDraft(core, { subject: 'Quick' })
  const before = requestCount(sandbox, GMAIL)
  const mailbox = sandbox.mailbox().length
  sandbox.failNext(GMAIL, { kind: 'delay', ms: 800 })
  const slow = ok(await core.handlers['mail.send']({ draftId: slowDraft }))
  await eventually(() => requestCount(sandbox, GMAIL) > before, 'the first request left')
  const quick = ok(await core.handlers['mail.send']({ draftId: quickDraft }))
  await outboxState(core, quick.id, ['sent'])
  assert.ok(await exists(join(dataDir, 'outbox', `${quick.id}.eml`)))

  await core.close()
  for (const file of [
    join(dataDir, 'outbox', `${quick.id}.eml`),
    join(dataDir, 'drafts', `${quickDraft}.json`),
    join(dataDir, 'outbox', `${slow.id}.eml`),
    join(dataDir, 'drafts', `${slowDraft}.json`),
  ])
    assert.ok(!(await exists(file)), `${file} is gone once closed`)
  assert.equal(sandbox.mailbox().length, mailbox + 2)
})
