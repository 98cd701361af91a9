import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Sandbox } from '../../../src/sandbox/index'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import { answerConsent, httpBrowser } from '../../helpers/consent'
import {
  failed,
  ok,
  sandboxOptions,
  startCore,
  testService,
  waitingForBrowser,
} from '../../helpers/core'
import { secretToolSearch } from '../../helpers/keyring'
import { rawGet } from '../../helpers/http'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, GRACE, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

test('two accounts added through the consent page are listed, switchable and back after a restart', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const first = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))

  const ada = ok(await first.core.handlers['accounts.add'](undefined))
  assert.equal(ada.email, ADA)
  assert.equal(ada.status, 'connected')
  assert.equal(ada.active, true)
  const visit = await browser.visits[0]!
  assert.match(visit.finalPage, /Signed in as ada@sandbox\.test/)
  ok(await first.core.handlers['accounts.add'](undefined))

  const entries = await secretToolSearch(service)
  assert.deepEqual(entries.map((e) => e.account).sort(), [ADA, GRACE])
  assert.ok(entries.every((e) => e.secret.length > 0))

  const switched = ok(await first.core.handlers['accounts.setActive']({ email: GRACE }))
  assert.deepEqual(
    switched.map((a) => [a.email, a.active]),
    [
      [ADA, false],
      [GRACE, true],
    ],
  )
  assert.ok(first.events.some((e) => e.name === 'accounts.changed'))
  await first.core.close()

  const second = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await second.core.verified
  const listed = ok(await second.core.handlers['accounts.list'](undefined))
  assert.deepEqual(
    listed.map((a) => [a.email, a.active, a.status]),
    [
      [ADA, false, 'connected'],
      [GRACE, true, 'connected'],
    ],
  )
  // Postline asks for `profile` (not sensitive) so From can carry the name Google shares.
  assert.deepEqual(
    listed.map((a) => a.name),
    ['Ada Lovelace', 'Grace Hopper'],
  )
})

test('signing out revokes the grant, deletes the keychain entry and forgets the account', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const { core, events } = await startCore(
    t,
    sandboxOptions(sandbox, dir, service, browser.openExternal),
  )
  ok(await core.handlers['accounts.add'](undefined))
  ok(await core.handlers['accounts.add'](undefined))
  const revokedBefore = sandbox.revocations().length

  const remaining = ok(await core.handlers['accounts.signOut']({ email: ADA }))
  assert.deepEqual(
    remaining.map((a) => [a.email, a.active]),
    [[GRACE, true]],
  )
  assert.deepEqual(
    (await secretToolSearch(service)).map((e) => e.account),
    [GRACE],
  )
  const revocations = sandbox.revocations().slice(revokedBefore)
  assert.deepEqual(
    revocations.map((r) => [r.email, r.tokenKind]),
    [[ADA, 'refresh']],
  )
  const last = events.filter((e) => e.name === 'accounts.changed').at(-1)
  assert.deepEqual(last?.payload, remaining)

  const again = failed(await core.handlers['accounts.signOut']({ email: ADA }))
  assert.equal(again.code, 'not-found')
})

test('a revoked grant turns the account to needs-reconnect, and reconnecting keeps it', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: ADA }])
  const first = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  const added = ok(await first.core.handlers['accounts.add'](undefined))
  const oldSecret = (await secretToolSearch(service))[0]!.secret
  await first.core.close()

  sandbox.revokeGrant(ADA)
  const { core } = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await core.verified
  const listed = ok(await core.handlers['accounts.list'](undefined))
  assert.deepEqual(
    listed.map((a) => [a.email, a.status]),
    [[ADA, 'needs-reconnect']],
  )
  const refused = failed(
    await core.handlers['accounts.setActive']({ email: 'nobody@sandbox.test' }),
  )
  assert.equal(refused.code, 'not-found')

  const reconnected = ok(await core.handlers['accounts.reconnect']({ email: ADA }))
  assert.equal(reconnected.status, 'connected')
  assert.equal(reconnected.addedAt, added.addedAt)
  const visit = await browser.visits[1]!
  assert.equal(new URL(visit.authorizationUrl).searchParams.get('login_hint'), ADA)
  const entries = await secretToolSearch(service)
  assert.equal(entries.length, 1)
  assert.notEqual(entries[0]!.secret, oldSecret)
})

test('reconnecting as a different person changes nothing, says so, and revokes the stray grant', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const { core } = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  ok(await core.handlers['accounts.add'](undefined))
  const revokedBefore = sandbox.revocations().length
  const error = failed(await core.handlers['accounts.reconnect']({ email: ADA }))
  assert.equal(error.code, 'account-mismatch')
  assert.match(error.message, /signed in as grace@sandbox\.test/)
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => [a.email, a.status]),
    [[ADA, 'connected']],
  )
  assert.deepEqual(
    (await secretToolSearch(service)).map((e) => e.account),
    [ADA],
  )
  assert.deepEqual(
    sandbox
      .revocations()
      .slice(revokedBefore)
      .map((r) => r.email),
    [GRACE],
  )
  assert.match((await browser.visits[1]!).finalPage, /could not finish signing in/)
})

test('denying consent adds nothing and the browser is told so', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA, decision: 'deny' }])
  const { core } = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  const error = failed(await core.handlers['accounts.add'](undefined))
  assert.equal(error.code, 'access-denied')
  assert.match((await browser.visits[0]!).finalPage, /chose not to give Postline access/)
  assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [])
  assert.deepEqual(await secretToolSearch(service), [])
})

test('unticking Gmail sending gives a clear error, no account, and no grant left behind', async (t) => {
  const who = sandbox.identities[2]!.email
  const browser = httpBrowser([{ identity: who, refuseGmailSend: true }])
  const service = testService()
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
  )
  const revokedBefore = sandbox.revocations().length
  const error = failed(await core.handlers['accounts.add'](undefined))
  assert.equal(error.code, 'scope-not-granted')
  assert.match(error.message, /Send email on your behalf/)
  assert.match((await browser.visits[0]!).finalPage, /Send email on your behalf/)
  assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [])
  assert.deepEqual(await secretToolSearch(service), [])
  assert.deepEqual(
    sandbox
      .revocations()
      .slice(revokedBefore)
      .map((r) => r.email),
    [who],
  )
  assert.ok(
    !sandbox.liveGrants().some((g) => g.email === who && !g.scopes.includes(GMAIL_SEND_SCOPE)),
  )
})

test('a sign-in nobody finishes times out and closes the listener', async (t) => {
  let opened = ''
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), async (url) => void (opened = url), {
      signInTimeoutMs: 150,
    }),
  )
  const error = failed(await core.handlers['accounts.add'](undefined))
  assert.equal(error.code, 'timeout')
  const redirectUri = new URL(opened).searchParams.get('redirect_uri')!
  await assert.rejects(rawGet(redirectUri), { code: 'ECONNREFUSED' })
})

test('cancelling a waiting sign-in adds nothing and closes the listener; a second add meanwhile is busy', async (t) => {
  let opened = ''
  const { core, events } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), async (url) => void (opened = url)),
  )
  const waiting = waitingForBrowser(core)
  const pending = core.handlers['accounts.add'](undefined)
  await waiting
  assert.equal(failed(await core.handlers['accounts.add'](undefined)).code, 'busy')
  assert.deepEqual(ok(await core.handlers['accounts.cancelAdd'](undefined)), { cancelled: true })
  assert.equal(failed(await pending).code, 'cancelled')
  const redirectUri = new URL(opened).searchParams.get('redirect_uri')!
  await assert.rejects(rawGet(redirectUri), { code: 'ECONNREFUSED' })
  assert.deepEqual(ok(await core.handlers['accounts.cancelAdd'](undefined)), { cancelled: false })
  const phases = events
    .filter((e) => e.name === 'signIn.state')
    .map((e) => (e.payload as { phase: string }).phase)
  assert.deepEqual(phases, ['waiting-for-browser', 'idle'])
})

test('hostile requests to the loopback listener never add an account, and the real one still does', async (t) => {
  const service = testService()
  let resolveUrl!: (url: string) => void
  const opened = new Promise<string>((resolve) => (resolveUrl = resolve))
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, async (url) => resolveUrl(url)),
  )
  const pending = core.handlers['accounts.add'](undefined)
  const url = new URL(await opened)
  const redirectUri = url.searchParams.get('redirect_uri')!
  const state = url.searchParams.get('state')!
  const origin = new URL(redirectUri).origin

  const hostile = [
    await rawGet(`${redirectUri}?code=forged&state=wrong`),
    await rawGet(`${redirectUri}?code=forged`),
    await rawGet(`${origin}/other?code=forged&state=${state}`),
    await rawGet(`${redirectUri}?code=forged&state=${state}`, { host: 'attacker.example' }),
    await rawGet(`${redirectUri}?error=access_denied&state=wrong`),
  ]
  assert.deepEqual(
    hostile.map((r) => r.status),
    [400, 400, 404, 400, 400],
  )
  assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [])

  const visit = await answerConsent(url.toString(), { identity: ADA })
  assert.match(visit.finalPage, /Signed in as/)
  assert.equal(ok(await pending).email, ADA)
  // The code was used once; replaying the redirect finds the listener closed.
  await assert.rejects(rawGet(`${redirectUri}?code=replay&state=${state}`), {
    code: 'ECONNREFUSED',
  })
  assert.equal(ok(await core.handlers['accounts.list'](undefined)).length, 1)
})

test('malformed requests are refused with invalid-input and change nothing', async (t) => {
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), async () => {}),
    { verifyAtStart: false },
  )
  const bad: unknown[] = [
    null,
    42,
    'ada',
    [],
    {},
    { email: 42 },
    { email: 'not an address' },
    { email: 'a@b.c', extra: 1 },
    { email: 'x'.repeat(400) + '@b.c' },
  ]
  for (const input of bad) {
    assert.equal(failed(await core.handlers['accounts.signOut'](input)).code, 'invalid-input')
    assert.equal(failed(await core.handlers['accounts.setActive'](input)).code, 'invalid-input')
    assert.equal(failed(await core.handlers['accounts.reconnect'](input)).code, 'invalid-input')
  }
  assert.equal(failed(await core.handlers['accounts.list']({ sneaky: true })).code, 'invalid-input')
  assert.equal(failed(await core.handlers['accounts.add']('go')).code, 'invalid-input')
})
