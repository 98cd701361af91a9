import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '../../../src/sandbox/index'
import { httpBrowser } from '../../helpers/consent'
import { failed, ok, sandboxOptions, signInPhase, startCore, testService } from '../../helpers/core'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, GRACE, revokedSince, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

test('cancel during the code exchange adds nothing and revokes the new grant', async (t) => {
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
  )
  const revokedBefore = sandbox.revocations().length
  // The token endpoint is slow, so the cancel lands while the code is being exchanged.
  sandbox.failNext('/token', { kind: 'delay', ms: 400 })
  const exchanging = signInPhase(core, 'finishing')
  const adding = core.handlers['accounts.add'](undefined)
  await exchanging
  assert.deepEqual(ok(await core.handlers['accounts.cancelAdd'](undefined)), { cancelled: true })

  const error = failed(await adding)
  assert.equal(error.code, 'cancelled')
  assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [])
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [ADA])
  assert.equal(sandbox.liveGrants().filter((g) => g.email === ADA).length, 0)
  // No account entry and no pending revocation left in the keychain.
  assert.deepEqual(await secretToolSearch(service), [])
  assert.match((await browser.visits[0]!).finalPage, /cancelled the sign-in in Postline/)
})

test('cancel during the exchange of a reconnect leaves the account’s grant alone', async (t) => {
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
  )
  ok(await core.handlers['accounts.add'](undefined))
  const before = await secretToolSearch(service)
  const revokedBefore = sandbox.revocations().length
  sandbox.failNext('/token', { kind: 'delay', ms: 400 })
  const exchanging = signInPhase(core, 'finishing')
  const reconnecting = core.handlers['accounts.reconnect']({ email: ADA })
  await exchanging
  assert.deepEqual(ok(await core.handlers['accounts.cancelAdd'](undefined)), { cancelled: true })
  assert.equal(failed(await reconnecting).code, 'cancelled')
  // Revoking the new token would end Ada's grant too (one grant per person and client at Google).
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [])
  assert.deepEqual(await secretToolSearch(service), before)
  await core.accounts.forgetAccessToken(ADA)
  assert.ok(await core.accounts.accessToken(ADA))
})

test('one bad entry in accounts.json hides no other account, and their keychain entries still work', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const first = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  ok(await first.core.handlers['accounts.add'](undefined))
  ok(await first.core.handlers['accounts.add'](undefined))
  await first.core.close()

  const file = join(dir, 'accounts.json')
  const saved = JSON.parse(await readFile(file, 'utf8'))
  const broken = { email: 'broken@sandbox.test', status: 'on fire' }
  saved.accounts.splice(1, 0, broken)
  await writeFile(file, JSON.stringify(saved))

  const { core } = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await core.verified
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => [a.email, a.status]),
    [
      [ADA, 'connected'],
      [GRACE, 'connected'],
    ],
  )
  for (const email of [ADA, GRACE]) {
    await core.accounts.forgetAccessToken(email)
    assert.ok(await core.accounts.accessToken(email))
  }
  const damaged = (await readdir(dir)).filter((name) => name.startsWith('accounts.json.damaged-'))
  assert.equal(damaged.length, 1)
  assert.deepEqual(JSON.parse(await readFile(join(dir, damaged[0]!), 'utf8')).accounts, [broken])
})
