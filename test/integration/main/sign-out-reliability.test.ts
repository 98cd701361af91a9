import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AccountService } from '../../../src/main/accounts/account-service'
import { KeytarSecretStore } from '../../../src/main/accounts/keychain'
import { AccountRegistry } from '../../../src/main/accounts/registry'
import { GoogleOAuth } from '../../../src/main/auth/google-oauth'
import { EventHub } from '../../../src/main/event-hub'
import type { Sandbox } from '../../../src/sandbox/index'
import type { SandboxFault } from '../../../src/sandbox/types'
import { PENDING_REVOCATIONS_ACCOUNT } from '../../../src/main/accounts/pending-revocations'
import { httpBrowser } from '../../helpers/consent'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { eventually } from '../../helpers/eventually'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, GRACE, revokedSince, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

function liveGrants(email: string): number {
  return sandbox.liveGrants().filter((grant) => grant.email === email).length
}

async function keychainAccounts(service: string): Promise<string[]> {
  return (await secretToolSearch(service)).map((entry) => entry.account)
}

/**
 * Makes the next revocation fail as `fault` says. google-auth-library retries a revocation that
 * got no answer (twice) or a 5xx (three times), so the fault is queued for every attempt.
 */
function failRevocation(fault: SandboxFault): void {
  const retried = fault.kind === 'drop' ? 3 : fault.kind === 'status' && fault.status >= 500 ? 4 : 1
  sandbox.failNext('/revoke', fault, retried)
}

const REFUSALS: { name: string; fault: SandboxFault; reason: 'offline' | 'refused' }[] = [
  { name: 'Google cannot be reached', fault: { kind: 'drop' }, reason: 'offline' },
  { name: 'Google answers 503', fault: { kind: 'status', status: 503 }, reason: 'refused' },
  { name: 'Google answers 403', fault: { kind: 'status', status: 403 }, reason: 'refused' },
  {
    name: 'Google answers an unexpected 400',
    fault: {
      kind: 'status',
      status: 400,
      body: { error: 'invalid_request', error_description: 'Bad Request' },
    },
    reason: 'refused',
  },
]

for (const { name, fault, reason } of REFUSALS) {
  test(`sign-out when ${name}: revoke-failed says so, and nothing is removed`, async (t) => {
    const service = testService()
    const browser = httpBrowser([{ identity: ADA }])
    const { core } = await startCore(
      t,
      sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
    )
    ok(await core.handlers['accounts.add'](undefined))
    const revokedBefore = sandbox.revocations().length
    failRevocation(fault)

    const error = failed(await core.handlers['accounts.signOut']({ email: ADA }))
    assert.equal(error.code, 'revoke-failed')
    const params = (error as { params?: Record<string, unknown> }).params
    assert.equal(params?.email, ADA)
    assert.equal(params?.reason, reason)
    assert.equal(params?.detail, reason === 'offline' ? 'revokeOffline' : 'revokeRefused')
    // Google's own reason crosses as Google gave it; the window words the rest.
    if (reason === 'refused') assert.equal(typeof params?.googleReason, 'string')
    else assert.equal(params?.googleReason, undefined)
    assert.match(
      error.message,
      reason === 'offline'
        ? /could not reach Google to revoke its access to ada@sandbox\.test, so nothing was removed/
        : /Google refused to revoke Postline’s access to ada@sandbox\.test .*so nothing was removed/,
    )
    assert.match(error.message, /remove the account from this computer/)
    assert.deepEqual(
      ok(await core.handlers['accounts.list'](undefined)).map((a) => [a.email, a.status]),
      [[ADA, 'connected']],
    )
    assert.deepEqual(await keychainAccounts(service), [ADA])
    assert.deepEqual(revokedSince(sandbox, revokedBefore), [])

    // Once Google answers again, signing out works as usual.
    ok(await core.handlers['accounts.signOut']({ email: ADA }))
    assert.deepEqual(revokedSince(sandbox, revokedBefore), [ADA])
    assert.deepEqual(await keychainAccounts(service), [])
  })
}

test('a token Google says is already revoked (400 invalid_token) counts as signed out', async (t) => {
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
  )
  ok(await core.handlers['accounts.add'](undefined))
  sandbox.revokeGrant(ADA) // revoked elsewhere: the revocation endpoint answers invalid_token
  assert.deepEqual(ok(await core.handlers['accounts.signOut']({ email: ADA })), [])
  assert.deepEqual(await keychainAccounts(service), [])
})

test('remove from this computer: the account and its entry go, the token waits in the keychain and is revoked after the next successful Google request', async (t) => {
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
  )
  ok(await core.handlers['accounts.add'](undefined))
  ok(await core.handlers['accounts.add'](undefined))
  const adaToken = (await secretToolSearch(service)).find((e) => e.account === ADA)!.secret
  const revokedBefore = sandbox.revocations().length
  const adaGrants = liveGrants(ADA)
  failRevocation({ kind: 'drop' })
  assert.equal(
    failed(await core.handlers['accounts.signOut']({ email: ADA })).code,
    'revoke-failed',
  )

  const left = ok(await core.handlers['accounts.removeFromComputer']({ email: ADA }))
  assert.deepEqual(
    left.map((a) => a.email),
    [GRACE],
  )
  const entries = await secretToolSearch(service)
  assert.deepEqual(entries.map((e) => e.account).sort(), [GRACE, PENDING_REVOCATIONS_ACCOUNT])
  // The waiting token is in the keychain only, next to nothing that names a file.
  const pending = JSON.parse(entries.find((e) => e.account === PENDING_REVOCATIONS_ACCOUNT)!.secret)
  assert.deepEqual(
    pending.map((p: { token: string; email: string }) => [p.token, p.email]),
    [[adaToken, ADA]],
  )
  assert.equal(liveGrants(ADA), adaGrants, 'the grant is live until Google is told')
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [])

  // The next request Google answers (here a refresh for Grace) lets Postline revoke it.
  await core.accounts.forgetAccessToken(GRACE)
  await core.accounts.accessToken(GRACE)
  await eventually(() => revokedSince(sandbox, revokedBefore).includes(ADA), 'Ada revoked')
  await eventually(
    async () => (await keychainAccounts(service)).join() === GRACE,
    'the pending entry removed',
  )
  assert.equal(liveGrants(ADA), adaGrants - 1)
})

test('a pending revocation Google cannot take yet is revoked at the next start', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }])
  const first = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  ok(await first.core.handlers['accounts.add'](undefined))
  const revokedBefore = sandbox.revocations().length
  const adaGrants = liveGrants(ADA)
  failRevocation({ kind: 'status', status: 500 })
  failed(await first.core.handlers['accounts.signOut']({ email: ADA }))
  ok(await first.core.handlers['accounts.removeFromComputer']({ email: ADA }))
  await first.core.close()
  assert.deepEqual(await keychainAccounts(service), [PENDING_REVOCATIONS_ACCOUNT])
  assert.equal(liveGrants(ADA), adaGrants)

  // Still refused at the first try of the next start: the entry stays.
  failRevocation({ kind: 'status', status: 503 })
  const second = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await second.core.verified
  assert.deepEqual(await keychainAccounts(service), [PENDING_REVOCATIONS_ACCOUNT])
  await second.core.close()

  const third = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await third.core.verified
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [ADA])
  assert.equal(liveGrants(ADA), adaGrants - 1)
  assert.deepEqual(await keychainAccounts(service), [])
  assert.deepEqual(ok(await third.core.handlers['accounts.list'](undefined)), [])
})

test('a pending token of an account Postline has again is not revoked: that would end its grant', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: ADA }])
  const first = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  ok(await first.core.handlers['accounts.add'](undefined))
  failRevocation({ kind: 'drop' })
  failed(await first.core.handlers['accounts.signOut']({ email: ADA }))
  ok(await first.core.handlers['accounts.removeFromComputer']({ email: ADA }))
  // Added again before Google could be told.
  ok(await first.core.handlers['accounts.add'](undefined))
  await first.core.close()
  const revokedBefore = sandbox.revocations().length

  const { core } = await startCore(t, sandboxOptions(sandbox, dir, service, browser.openExternal))
  await core.verified
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [])
  assert.deepEqual(await keychainAccounts(service), [ADA])
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => [a.email, a.status]),
    [[ADA, 'connected']],
  )
})

test('removing from this computer when the keychain cannot keep the token removes nothing', async (t) => {
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }])
  const real = new KeytarSecretStore(service)
  let refuse = false
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, browser.openExternal),
    {
      secrets: {
        get: (account) => real.get(account),
        delete: (account) => real.delete(account),
        set: async (account, secret) => {
          if (refuse) {
            const { KeychainUnavailableError } = await import('../../../src/main/errors')
            throw new KeychainUnavailableError('Your system keychain is locked.', 'test')
          }
          return real.set(account, secret)
        },
      },
    },
  )
  ok(await core.handlers['accounts.add'](undefined))
  refuse = true
  const error = failed(await core.handlers['accounts.removeFromComputer']({ email: ADA }))
  assert.equal(error.code, 'keychain-unavailable')
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => a.email),
    [ADA],
  )
  assert.deepEqual(await keychainAccounts(service), [ADA])
})

test('the Google access page opens through main’s openExternal', async (t) => {
  const opened: string[] = []
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), async (url) => {
      opened.push(url)
    }),
    { verifyAtStart: false },
  )
  assert.deepEqual(ok(await core.handlers['accounts.openGoogleAccessPage'](undefined)), {
    opened: true,
  })
  assert.deepEqual(opened, ['https://myaccount.google.com/permissions'])
  assert.equal(
    failed(await core.handlers['accounts.openGoogleAccessPage']({ url: 'https://evil' })).code,
    'invalid-input',
  )
})

test('the Google access page says where to go when no browser opens', async (t) => {
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), async () => {
      throw new Error('no browser')
    }),
    { verifyAtStart: false },
  )
  const error = failed(await core.handlers['accounts.openGoogleAccessPage'](undefined))
  assert.equal(error.code, 'browser-unavailable')
  assert.match(error.message, /myaccount\.google\.com\/permissions/)
})

test('beforeSignOut runs before the revocation and before removal from this computer; if it throws nothing is removed', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const calls: { email: string; revocations: number; accounts: number }[] = []
  let refuse = false
  const registry = await AccountRegistry.open(dir)
  const accounts = new AccountService({
    registry,
    secrets: new KeytarSecretStore(service),
    oauth: new GoogleOAuth({ ...sandbox, endpoints: sandbox.endpoints }),
    events: new EventHub(),
    authorizationUrl: sandbox.endpoints.authorizationUrl,
    clientId: sandbox.clientId,
    openExternal: browser.openExternal,
    signInTimeoutMs: 10_000,
    beforeSignOut: async (email) => {
      calls.push({
        email,
        revocations: sandbox.revocations().length,
        accounts: registry.list().length,
      })
      if (refuse) throw new Error('the outbox could not stop')
    },
  })
  t.after(() => accounts.close())
  await accounts.add()
  await accounts.add()
  const revokedBefore = sandbox.revocations().length

  refuse = true
  await assert.rejects(accounts.signOut(ADA), /the outbox could not stop/)
  await assert.rejects(accounts.removeFromComputer(GRACE), /the outbox could not stop/)
  assert.equal(registry.list().length, 2)
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [])

  refuse = false
  calls.length = 0
  await accounts.signOut(ADA)
  failRevocation({ kind: 'drop' })
  await assert.rejects(accounts.signOut(GRACE), { code: 'revoke-failed' })
  await accounts.removeFromComputer(GRACE)
  assert.deepEqual(calls, [
    { email: ADA, revocations: revokedBefore, accounts: 2 },
    { email: GRACE, revocations: revokedBefore + 1, accounts: 1 },
    { email: GRACE, revocations: revokedBefore + 1, accounts: 1 },
  ])
  assert.deepEqual(registry.list(), [])
})

test('a session-only account signs out like any other, and one removed from this computer is revoked at close', async (t) => {
  const noKeychain = new KeytarSecretStore(testService(), () => {
    throw new Error('libsecret-1.so.0: cannot open shared object file')
  })
  const browser = httpBrowser([{ identity: ADA }, { identity: GRACE }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), browser.openExternal),
    { secrets: noKeychain },
  )
  const revokedBefore = sandbox.revocations().length
  const graceGrants = liveGrants(GRACE)
  assert.equal(ok(await core.handlers['accounts.addForSession'](undefined)).sessionOnly, true)
  assert.equal(ok(await core.handlers['accounts.addForSession'](undefined)).sessionOnly, true)

  assert.deepEqual(
    ok(await core.handlers['accounts.signOut']({ email: ADA })).map((a) => a.email),
    [GRACE],
  )
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [ADA])

  failRevocation({ kind: 'status', status: 503 })
  const error = failed(await core.handlers['accounts.signOut']({ email: GRACE }))
  assert.equal(error.code, 'revoke-failed')
  assert.deepEqual(ok(await core.handlers['accounts.removeFromComputer']({ email: GRACE })), [])
  assert.equal(liveGrants(GRACE), graceGrants + 1)
  await core.close()
  assert.deepEqual(revokedSince(sandbox, revokedBefore), [ADA, GRACE])
  assert.equal(liveGrants(GRACE), graceGrants)
})
