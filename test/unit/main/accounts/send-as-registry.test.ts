import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AccountRegistry, REGISTRY_FILE } from '../../../../src/main/accounts/registry'
import { sendAsSettingsUrl, type SendAsInput } from '../../../../src/main/accounts/send-as'
import { PostlineFailure } from '../../../../src/main/errors'
import { checkExternalUrl } from '../../../../src/main/external-url'
import { faultyFileSystem } from '../../../../src/main/store/file-system'
import { tempDir } from '../../../helpers/temp-dir'

const ada = {
  email: 'ada@example.com',
  name: 'Ada',
  addedAt: '2026-01-01T00:00:00.000Z',
  status: 'connected' as const,
}
const NOW = new Date('2026-03-01T10:00:00.000Z')
const work: SendAsInput = {
  address: ' ada@work.example ',
  name: ' Ada at work ',
  replyTo: 'desk@work.example',
  signature: 'Ada\nWork',
  confirmed: true,
}

async function written(dir: string): Promise<{ accounts: Record<string, unknown>[] }> {
  return JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8')) as {
    accounts: Record<string, unknown>[]
  }
}

/** Runs `promise`, which must fail with a PostlineFailure of `code` and `detail`. */
async function refused(promise: Promise<unknown>, code: string, detail: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof PostlineFailure, String(error))
    assert.equal(error.code, code)
    assert.equal(error.params?.detail, detail)
    return true
  })
}

test('a send-as address is written to accounts.json before the registry shows it, and survives a reopen', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  assert.equal(await registry.addSendAs('ADA@example.com', work, NOW), true)
  const expected = {
    address: 'ada@work.example',
    name: 'Ada at work',
    replyTo: 'desk@work.example',
    signature: 'Ada\nWork',
    confirmedAt: NOW.toISOString(),
  }
  assert.deepEqual((await written(dir)).accounts[0]?.sendAs, [expected])
  assert.deepEqual(registry.find(ada.email)?.sendAs, [expected])
  const again = await AccountRegistry.open(dir)
  assert.deepEqual(again.views()[0]?.sendAs, [expected])
})

test('a send-as address without Reply-To keeps none; an unknown account changes nothing', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  await registry.addSendAs(ada.email, { ...work, replyTo: '  ' }, NOW)
  assert.equal(registry.find(ada.email)?.sendAs?.[0]?.replyTo, undefined)
  assert.equal('replyTo' in ((await written(dir)).accounts[0]?.sendAs as object[])[0]!, false)
  assert.equal(await registry.addSendAs('nobody@example.com', work, NOW), false)
})

test('bad input is refused with its own error and nothing is written', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  await registry.addSendAs(ada.email, work, NOW)
  const before = await readFile(join(dir, REGISTRY_FILE), 'utf8')
  await refused(
    registry.addSendAs(ada.email, { ...work, address: 'not an address' }, NOW),
    'invalid-address',
    'sendAsBadAddress',
  )
  await refused(
    registry.addSendAs(ada.email, { ...work, address: 'x@y.example', replyTo: 'desk@' }, NOW),
    'invalid-address',
    'sendAsBadReplyTo',
  )
  await refused(
    registry.addSendAs(ada.email, { ...work, address: 'ADA@EXAMPLE.COM' }, NOW),
    'invalid-input',
    'sendAsOwnAddress',
  )
  await refused(
    registry.addSendAs(ada.email, { ...work, address: 'Ada@Work.example' }, NOW),
    'invalid-input',
    'sendAsDuplicate',
  )
  await refused(
    registry.addSendAs(ada.email, { ...work, address: 'new@work.example', confirmed: false }, NOW),
    'invalid-input',
    'sendAsNotConfirmed',
  )
  await refused(
    registry.removeSendAs(ada.email, 'never@work.example'),
    'not-found',
    'sendAsUnknown',
  )
  await refused(
    registry.setDefaultFrom(ada.email, 'never@work.example'),
    'not-found',
    'sendAsUnknown',
  )
  assert.equal(await readFile(join(dir, REGISTRY_FILE), 'utf8'), before)
  assert.equal(registry.find(ada.email)?.sendAs?.length, 1)
})

test('disk first: a write that fails leaves the list as it was, in memory and on disk', async (t) => {
  const dir = await tempDir(t)
  const fs = faultyFileSystem()
  const registry = await AccountRegistry.open(dir, undefined, fs)
  await registry.upsert(ada)
  const before = await readFile(join(dir, REGISTRY_FILE), 'utf8')
  fs.setFaults([{ op: 'open', code: 'ENOSPC' }])
  await assert.rejects(registry.addSendAs(ada.email, work, NOW), { code: 'ENOSPC' })
  assert.equal(registry.find(ada.email)?.sendAs, undefined)
  assert.equal(await readFile(join(dir, REGISTRY_FILE), 'utf8'), before)
  fs.setFaults([])
  await registry.addSendAs(ada.email, work, NOW)
  await registry.setDefaultFrom(ada.email, 'ada@work.example')
  fs.setFaults([{ op: 'open', code: 'EROFS' }])
  await assert.rejects(registry.removeSendAs(ada.email, 'ada@work.example'), { code: 'EROFS' })
  assert.equal(registry.find(ada.email)?.sendAs?.length, 1)
  assert.equal(registry.find(ada.email)?.defaultFrom, 'ada@work.example')
})

test('the default: one of the list, back to the account’s own with null, gone with its address', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  await registry.addSendAs(ada.email, work, NOW)
  await registry.addSendAs(ada.email, { ...work, address: 'ada@club.example', name: '' }, NOW)
  await registry.setDefaultFrom(ada.email, 'ADA@club.example')
  assert.equal(registry.find(ada.email)?.defaultFrom, 'ada@club.example')
  assert.equal((await written(dir)).accounts[0]?.defaultFrom, 'ada@club.example')
  await registry.setDefaultFrom(ada.email, null)
  assert.equal(registry.find(ada.email)?.defaultFrom, undefined)
  await registry.setDefaultFrom(ada.email, 'ada@work.example')
  await registry.removeSendAs(ada.email, 'ada@work.example')
  assert.equal(registry.find(ada.email)?.defaultFrom, undefined)
  assert.deepEqual(
    registry.find(ada.email)?.sendAs?.map((known) => known.address),
    ['ada@club.example'],
  )
  await registry.removeSendAs(ada.email, 'ada@club.example')
  assert.equal('sendAs' in (await written(dir)).accounts[0]!, false)
})

test('a reconnect (upsert of the same account) keeps the list and the default', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  await registry.upsert(ada)
  await registry.addSendAs(ada.email, work, NOW)
  await registry.setDefaultFrom(ada.email, 'ada@work.example')
  await registry.upsert({ ...ada, name: 'Ada L.', status: 'connected' })
  assert.equal(registry.find(ada.email)?.sendAs?.length, 1)
  assert.equal(registry.find(ada.email)?.defaultFrom, 'ada@work.example')
})

test('an accounts.json written before send-as addresses reads as none, and a damaged list sets only its entry aside', async (t) => {
  const dir = await tempDir(t)
  const grace = { ...ada, email: 'grace@example.com', name: 'Grace' }
  await writeFile(
    join(dir, REGISTRY_FILE),
    JSON.stringify({
      version: 1,
      active: ada.email,
      accounts: [ada, { ...grace, sendAs: [{ address: 42 }] }],
    }),
  )
  const damaged: string[] = []
  const registry = await AccountRegistry.open(dir, (movedTo) => damaged.push(movedTo))
  assert.deepEqual(
    registry.views().map((view) => [view.email, view.sendAs]),
    [[ada.email, undefined]],
  )
  assert.equal(damaged.length, 1)
  // The old account takes a send-as address like any other.
  await registry.addSendAs(ada.email, work, NOW)
  assert.equal(registry.find(ada.email)?.sendAs?.length, 1)
})

test('Gmail’s Send mail as settings: in the account, through the allow-list; the sandbox’s own page there', () => {
  const gmail = sendAsSettingsUrl(
    { mode: 'google', gmailRootUrl: 'https://gmail.googleapis.com/' },
    'ada@example.com',
  )
  assert.equal(
    gmail,
    'https://mail.google.com/mail/u/?authuser=ada%40example.com#settings/accounts',
  )
  assert.deepEqual(checkExternalUrl(gmail), { ok: true, href: gmail })
  const sandbox = sendAsSettingsUrl(
    { mode: 'sandbox', gmailRootUrl: 'http://127.0.0.1:4567/' },
    'ada@example.com',
  )
  assert.equal(sandbox, 'http://127.0.0.1:4567/_sandbox/send-as.html?email=ada%40example.com')
  assert.equal(checkExternalUrl(sandbox).ok, false)
  assert.equal(checkExternalUrl(sandbox, { httpOrigins: ['http://127.0.0.1:4567'] }).ok, true)
})
