// Issue 13, points 10 to 12 through the core: each address once in the sent headers, a waiting
// message sent now (and only a waiting one), and Gmail's 403 insufficientPermissions held as a
// missing permission rather than a revoked grant.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { simpleParser, type AddressObject } from 'mailparser'
import { gmailErrors, googleFacts, type Sandbox } from '../../../src/sandbox/index'
import { failed, ok } from '../../helpers/core'
import {
  afterAttempt,
  coreWithAccounts,
  newDraft,
  outboxState,
  requestCount,
} from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const GMAIL = '/gmail/v1/users/'

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((group) => group.value.map((entry) => `${entry.name}|${entry.address}`))
}

test('the sent To, Cc and Bcc hold each address once, whatever its case', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const draftId = await newDraft(core, {
    to: ['a1@x.com', 'a1@x.com', 'A1@x.com', 'jane@doe.com', 'Jane Doe <jane@doe.com>'],
    cc: ['A1@X.COM', 'bob@roe.com'],
    bcc: ['JANE@doe.com', 'Bob <BOB@roe.com>', 'eve@x.com'],
  })
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.deepEqual(queued.to, ['a1@x.com', 'jane@doe.com', 'bob@roe.com', 'eve@x.com'])
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const raw = sandbox.mailbox().slice(before)[0]!.raw
  const mail = await simpleParser(raw)
  assert.deepEqual(addresses(mail.to), ['|a1@x.com', 'Jane Doe|jane@doe.com'])
  assert.deepEqual(addresses(mail.cc), ['Bob|bob@roe.com'])
  assert.deepEqual(addresses(mail.bcc), ['|eve@x.com'])
})

test('an address with a zero-width space in a saved draft is refused with its parameters', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const draftId = await newDraft(core, { to: ['ja\u200bne@doe.com'] })
  const before = requestCount(sandbox, GMAIL)
  const error = failed(await core.handlers['mail.send']({ draftId }))
  assert.equal(error.code, 'invalid-address')
  assert.match(error.message, /invisible character \(U\+200B\)/)
  assert.deepEqual((error as { params?: unknown }).params, {
    detail: 'badRecipient',
    field: 'to',
    entry: 'ja\u200bne@doe.com',
    problem: 'invisibleChar',
    char: 'U+200B',
  })
  assert.equal(requestCount(sandbox, GMAIL), before, 'nothing was sent')
  assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).outboxId, null)
})

test('Send now sends a message waiting out a long retry, once', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, gmailErrors.rateLimited(36 * 3600))
  const draftId = await newDraft(core, { subject: 'Tomorrow, or now' })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const waiting = await afterAttempt(core, queued.id, ['queued'])
  assert.ok(Date.parse(waiting.sendAfter!) > Date.now() + 35 * 3600_000, 'waits 36 hours')
  const before = sandbox.mailbox().length
  const now = ok(await core.handlers['outbox.sendNow']({ id: queued.id }))
  assert.equal(now.state, 'queued')
  assert.equal(now.sendAfter, null)
  const sent = await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')
  assert.equal(sent.attempts, 2)
  assert.equal(sandbox.mailbox().length, before + 1, 'one message reached Gmail')
  const again = failed(await core.handlers['outbox.sendNow']({ id: queued.id }))
  assert.equal(again.code, 'busy')
})

test('Send now refuses a message that may have been sent, so only Send again resends it', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, { kind: 'drop' })
  const draftId = await newDraft(core, { subject: 'Lost' })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal((await outboxState(core, queued.id, ['unknown', 'sent'])).state, 'unknown')
  const before = requestCount(sandbox, GMAIL)
  const refused = failed(await core.handlers['outbox.sendNow']({ id: queued.id }))
  assert.equal(refused.code, 'busy')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(requestCount(sandbox, GMAIL), before, 'nothing went out again')
  assert.equal(core.sending.list().find((item) => item.id === queued.id)!.state, 'unknown')
})

test('a 403 insufficientPermissions holds the message for the permission, the account stays connected', async (t) => {
  const { core, browserChoices } = await coreWithAccounts(t, sandbox, [ADA])
  // The file's sandbox holds a grant of ADA per test so far; every one loses the scope.
  assert.ok(sandbox.withdrawScope(ADA, googleFacts.GMAIL_SEND_SCOPE) >= 1)
  const draftId = await newDraft(core, { subject: 'Needs the permission' })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const held = await afterAttempt(core, queued.id, ['held', 'failed', 'sent'])
  assert.equal(held.state, 'held')
  assert.equal(held.error?.code, 'insufficient-permission')
  assert.deepEqual(held.error?.params, { detail: 'sendNotAllowed', email: ADA })
  assert.match(held.error?.message ?? '', /leave “Send email on your behalf” ticked/)
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => [a.email, a.status]),
    [[ADA, 'connected']],
    'a missing permission is not a revoked grant',
  )
  assert.equal(held.attempts, 1, 'not retried on its own')

  browserChoices.push({ identity: ADA })
  const before = sandbox.mailbox().length
  ok(await core.handlers['accounts.reconnect']({ email: ADA }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  assert.equal(sandbox.mailbox().length, before + 1)
})
