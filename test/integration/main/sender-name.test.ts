import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import type { Sandbox } from '../../../src/sandbox/index'
import type { PostlineCore } from '../../../src/main/core'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import { answerConsent, type ConsentChoice } from '../../helpers/consent'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { coreWithAccounts, FAST, newDraft, outboxState } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const ZOE = 'zoe@sandbox.test'

function from(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((group) => group.value.map((entry) => `${entry.name}|${entry.address}`))
}

/** Sends one message from `account` and answers the raw From header and what mailparser read. */
async function sendAndRead(core: PostlineCore, account: string) {
  const before = sandbox.mailbox().length
  const draftId = await newDraft(core, { from: account, to: ['grace@example.com'] })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const raw = sandbox.mailbox().slice(before)[0]!.raw
  const header = /^From: (.*)\r$/m.exec(raw.toString('latin1'))?.[1] ?? ''
  return { header, parsed: from((await simpleParser(raw)).from) }
}

/**
 * A browser answering the way an older Postline asked: without `profile` and without
 * `include_granted_scopes`, so the grant carries no name.
 */
function olderPostlineBrowser(choices: ConsentChoice[]) {
  const urls: string[] = []
  const openExternal = async (url: string): Promise<void> => {
    urls.push(url)
    const choice = choices.shift()
    if (choice === undefined) throw new Error(`unexpected browser open: ${url}`)
    const asked = new URL(url)
    if (choice.identity.startsWith('old:')) {
      asked.searchParams.set('scope', `openid email ${GMAIL_SEND_SCOPE}`)
      asked.searchParams.delete('include_granted_scopes')
    }
    answerConsent(asked.toString(), { identity: choice.identity.replace(/^old:/, '') }).catch(
      () => {},
    )
  }
  return { openExternal, urls }
}

test('with profile granted, From carries the name Google shares (RFC 2047 for a non-ASCII one)', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA, ZOE])
  const accounts = ok(await core.handlers['accounts.list'](undefined))
  assert.deepEqual(
    accounts.map((account) => [account.email, account.name]),
    [
      [ADA, 'Ada Lovelace'],
      [ZOE, 'Zoë Ångström'],
    ],
  )
  const ada = await sendAndRead(core, ADA)
  assert.equal(ada.header, `Ada Lovelace <${ADA}>`)
  assert.deepEqual(ada.parsed, [`Ada Lovelace|${ADA}`])
  const zoe = await sendAndRead(core, ZOE)
  assert.match(zoe.header, /^=\?UTF-8\?[BQ]\?.+\?= <zoe@sandbox\.test>$/)
  assert.deepEqual(zoe.parsed, [`Zoë Ångström|${ZOE}`])
})

test('an account added before profile: bare address, then the typed name, then Google’s after a reconnect', async (t) => {
  const dataDir = await tempDir(t)
  const keychainService = testService()
  const choices: ConsentChoice[] = [{ identity: `old:${ADA}` }]
  const browser = olderPostlineBrowser(choices)
  const options = sandboxOptions(sandbox, dataDir, keychainService, browser.openExternal)
  const first = await startCore(t, options, { sendTiming: FAST })
  ok(await first.core.handlers['accounts.add'](undefined))
  assert.deepEqual(
    sandbox
      .liveGrants()
      .filter((grant) => grant.email === ADA)
      .at(-1)?.scopes,
    ['openid', 'email', GMAIL_SEND_SCOPE],
  )
  await first.core.close()

  // accounts.json as an older Postline wrote it: no name at all.
  const file = join(dataDir, 'accounts.json')
  const stored = JSON.parse(await readFile(file, 'utf8')) as { accounts: Record<string, unknown>[] }
  for (const entry of stored.accounts) delete entry.name
  await writeFile(file, JSON.stringify(stored))

  const { core } = await startCore(t, options, { sendTiming: FAST })
  const [account] = ok(await core.handlers['accounts.list'](undefined))
  assert.equal(account?.name, '')
  assert.equal(account?.status, 'connected')
  const bare = await sendAndRead(core, ADA)
  assert.equal(bare.header, ADA)
  assert.deepEqual(bare.parsed, [`|${ADA}`])

  // The person types a name in Settings: disk first, and From carries it.
  const named = ok(
    await core.handlers['accounts.setSenderName']({ email: ADA, name: '  João Araújo ' }),
  )
  assert.equal(named[0]?.senderName, 'João Araújo')
  const written = JSON.parse(await readFile(file, 'utf8')) as {
    accounts: { senderName?: string }[]
  }
  assert.equal(written.accounts[0]?.senderName, 'João Araújo')
  const typed = await sendAndRead(core, ADA)
  assert.match(typed.header, /^=\?UTF-8\?[BQ]\?.+\?= <ada@sandbox\.test>$/)
  assert.deepEqual(typed.parsed, [`João Araújo|${ADA}`])

  // Reconnecting with today's request adds profile incrementally; the typed name still wins.
  choices.push({ identity: ADA })
  ok(await core.handlers['accounts.reconnect']({ email: ADA }))
  const asked = new URL(browser.urls.at(-1)!)
  assert.ok(asked.searchParams.get('scope')!.split(' ').includes('profile'))
  assert.equal(asked.searchParams.get('include_granted_scopes'), 'true')
  assert.ok(sandbox.liveGrants().some((g) => g.email === ADA && g.scopes.includes('profile')))
  const [reconnected] = ok(await core.handlers['accounts.list'](undefined))
  assert.equal(reconnected?.name, 'Ada Lovelace')
  assert.equal(reconnected?.senderName, 'João Araújo')
  assert.deepEqual((await sendAndRead(core, ADA)).parsed, [`João Araújo|${ADA}`])

  // Emptying the field gives From back to Google's name.
  const cleared = ok(await core.handlers['accounts.setSenderName']({ email: ADA, name: '' }))
  assert.equal(cleared[0]?.senderName, undefined)
  assert.deepEqual((await sendAndRead(core, ADA)).parsed, [`Ada Lovelace|${ADA}`])
})

test('a grant without profile still works: no name, and the typed one goes into From', async (t) => {
  const dataDir = await tempDir(t)
  const choices: ConsentChoice[] = [{ identity: `old:${ADA}` }]
  const browser = olderPostlineBrowser(choices)
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), browser.openExternal),
    { sendTiming: FAST },
  )
  const added = ok(await core.handlers['accounts.add'](undefined))
  assert.equal(added.name, '')
  ok(await core.handlers['accounts.setSenderName']({ email: ADA, name: 'Ada' }))
  assert.deepEqual((await sendAndRead(core, ADA)).parsed, [`Ada|${ADA}`])
})

test('a name with a line break or for an unknown account is refused, and nothing changes', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const before = await readFile(join(dataDir, 'accounts.json'), 'utf8')
  assert.equal(
    failed(await core.handlers['accounts.setSenderName']({ email: ADA, name: 'Ada\r\nBcc: x@y.z' }))
      .code,
    'invalid-input',
  )
  assert.equal(
    failed(
      await core.handlers['accounts.setSenderName']({ email: 'nobody@sandbox.test', name: 'X' }),
    ).code,
    'not-found',
  )
  assert.equal(await readFile(join(dataDir, 'accounts.json'), 'utf8'), before)
})
