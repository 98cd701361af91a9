import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import type { Sandbox } from '../../../src/sandbox/index'
import type { PostlineCore } from '../../../src/main/core'
import type { PostlineError, Result } from '../../../src/shared/errors'
import { ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { coreWithAccounts, FAST, newDraft, outboxState } from '../../helpers/sending'
import { ADA, GRACE, sandboxForFile } from '../../helpers/sandbox'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const WORK = 'ada@work.example'
const CLUB = 'ada@club.example'

/** The error of a refused request, with its params. */
function failed<T>(result: Result<T>): PostlineError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

function mailboxes(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((group) => group.value.map((entry) => `${entry.name}|${entry.address}`))
}

/** Sends one message and answers the outbox item and what mailparser read from what Gmail kept. */
async function sendAndRead(
  core: PostlineCore,
  from: string,
  fromAddress: string | null | undefined,
) {
  const before = sandbox.mailbox().length
  const draftId = await newDraft(core, {
    from,
    ...(fromAddress !== undefined ? { fromAddress } : {}),
    to: ['grace@example.com'],
  })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const item = await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])
  assert.equal(item.state, 'sent')
  const stored = sandbox.mailbox().slice(before)
  assert.equal(stored.length, 1)
  assert.equal(stored[0]!.account, from)
  const parsed = await simpleParser(stored[0]!.raw)
  return { item, from: mailboxes(parsed.from), replyTo: mailboxes(parsed.replyTo) }
}

async function addSendAs(
  core: PostlineCore,
  email: string,
  address: string,
  extra: { name?: string; replyTo?: string } = {},
) {
  return ok(
    await core.handlers['accounts.addSendAs']({
      email,
      address,
      name: extra.name ?? '',
      replyTo: extra.replyTo ?? '',
      signature: '',
      confirmed: true,
    }),
  )
}

test('From of the account, of a verified send-as address (name, Reply-To), and of one Gmail does not know (replaced)', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.addSendAs(ADA, WORK)
  await addSendAs(core, ADA, WORK, { name: 'Ada at Work', replyTo: 'desk@work.example' })
  await addSendAs(core, ADA, CLUB)

  // The account's own address, with Google's name.
  const own = await sendAndRead(core, ADA, null)
  assert.deepEqual(own.from, [`Ada Lovelace|${ADA}`])
  assert.deepEqual(own.replyTo, [])
  assert.equal(own.item.fromAddress, undefined)

  // A send-as address the sandbox's Gmail has verified: its name, its address, its Reply-To.
  const work = await sendAndRead(core, ADA, WORK)
  assert.deepEqual(work.from, [`Ada at Work|${WORK}`])
  assert.deepEqual(work.replyTo, [`|desk@work.example`])
  assert.equal(work.item.from, ADA)
  assert.equal(work.item.fromAddress, WORK)

  // Postline has it (the person confirmed), Gmail does not: Gmail puts the account's address in
  // From and keeps the name (a send-as address without a name carries the account's).
  const club = await sendAndRead(core, ADA, CLUB)
  assert.deepEqual(club.from, [`Ada Lovelace|${ADA}`])
  assert.equal(club.item.fromAddress, CLUB)
})

test('an unknown From keeps its display name when Gmail replaces the address', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  await addSendAs(core, ADA, 'ada@elsewhere.example', { name: 'Ada Elsewhere' })
  const sent = await sendAndRead(core, ADA, 'ada@elsewhere.example')
  assert.deepEqual(sent.from, [`Ada Elsewhere|${ADA}`])
})

test('a new message follows the default address; a removed address refuses to send and keeps the draft', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [GRACE])
  sandbox.addSendAs(GRACE, 'grace@navy.example')
  await addSendAs(core, GRACE, 'grace@navy.example', { name: 'Rear Admiral Hopper' })
  const accounts = ok(
    await core.handlers['accounts.setDefaultFrom']({ email: GRACE, address: 'grace@navy.example' }),
  )
  assert.equal(
    accounts.find((account) => account.email === GRACE)?.defaultFrom,
    'grace@navy.example',
  )
  const sent = await sendAndRead(core, GRACE, 'grace@navy.example')
  assert.deepEqual(sent.from, [`Rear Admiral Hopper|grace@navy.example`])

  const draftId = await newDraft(core, {
    from: GRACE,
    fromAddress: 'grace@navy.example',
    to: ['ada@example.com'],
  })
  ok(await core.handlers['accounts.removeSendAs']({ email: GRACE, address: 'grace@navy.example' }))
  const refused = failed(await core.handlers['mail.send']({ draftId }))
  assert.equal(refused.code, 'not-found')
  assert.equal(refused.params?.detail, 'sendAsUnknown')
  assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).outboxId, null)
  const list = ok(await core.handlers['accounts.list'](undefined))
  assert.equal(list.find((account) => account.email === GRACE)?.defaultFrom, undefined)
})

test('the channels refuse bad input with their own errors', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const base = { email: ADA, name: '', replyTo: '', signature: '', confirmed: true }
  const cases: [Record<string, unknown>, string, string][] = [
    [{ address: 'ada at work' }, 'invalid-address', 'sendAsBadAddress'],
    [{ address: ADA.toUpperCase() }, 'invalid-input', 'sendAsOwnAddress'],
    [{ address: WORK, confirmed: false }, 'invalid-input', 'sendAsNotConfirmed'],
    [{ address: WORK, replyTo: 'nope' }, 'invalid-address', 'sendAsBadReplyTo'],
  ]
  for (const [change, code, detail] of cases) {
    const error = failed(await core.handlers['accounts.addSendAs']({ ...base, ...change }))
    assert.equal(error.code, code, detail)
    assert.equal(error.params?.detail, detail)
  }
  await addSendAs(core, ADA, WORK)
  const duplicate = failed(
    await core.handlers['accounts.addSendAs']({ ...base, address: 'Ada@Work.Example' }),
  )
  assert.equal(duplicate.params?.detail, 'sendAsDuplicate')
  const unknownAccount = failed(
    await core.handlers['accounts.addSendAs']({
      ...base,
      email: 'nobody@sandbox.test',
      address: WORK,
    }),
  )
  assert.equal(unknownAccount.params?.detail, 'noSuchAccount')
  const list = ok(await core.handlers['accounts.list'](undefined))
  assert.deepEqual(
    list[0]?.sendAs?.map((known) => known.address),
    [WORK],
  )
})

test('Open Gmail’s settings goes to the sandbox’s send-as page for that account', async (t) => {
  const opened: string[] = []
  const dataDir = await tempDir(t)
  const options = sandboxOptions(sandbox, dataDir, testService(), async (url) => {
    opened.push(url)
  })
  const { core } = await startCore(t, options, { sendTiming: FAST })
  await core.handlers['accounts.openSendAsSettings']({ email: ADA })
  // Ada has no account here yet: the page is still her sandbox page.
  assert.deepEqual(opened, [
    `${sandbox.url}/_sandbox/send-as.html?email=${encodeURIComponent(ADA)}`,
  ])
})

test('a draft and accounts.json from before send-as addresses still send from the account', async (t) => {
  const dir = await tempDir(t)
  const { core, keychainService } = await coreWithAccounts(t, sandbox, [ADA], FAST, dir)
  const draftId = await newDraft(core, { from: ADA, to: ['grace@example.com'] })
  await core.close()
  const draftFile = join(dir, 'drafts', `${draftId}.json`)
  const stored = JSON.parse(await readFile(draftFile, 'utf8')) as {
    fields: Record<string, unknown>
  }
  delete stored.fields.fromAddress
  await writeFile(draftFile, JSON.stringify(stored))
  const accounts = JSON.parse(await readFile(join(dir, 'accounts.json'), 'utf8')) as {
    accounts: Record<string, unknown>[]
  }
  assert.equal('sendAs' in accounts.accounts[0]!, false)
  const again = await coreWithAccounts(t, sandbox, [], FAST, dir, keychainService)
  const before = sandbox.mailbox().length
  const queued = ok(await again.core.handlers['mail.send']({ draftId }))
  assert.equal((await outboxState(again.core, queued.id, ['sent', 'failed'])).state, 'sent')
  const parsed = await simpleParser(sandbox.mailbox()[before]!.raw)
  assert.deepEqual(mailboxes(parsed.from), [`Ada Lovelace|${ADA}`])
})
