import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { GrantStore } from '../../../src/sandbox/grant-store'

const ADA = { email: 'ada@sandbox.test', name: 'Ada Lovelace', sub: '1' }
const VERIFIER = 'v'.repeat(43)
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')
const REDIRECT = 'http://127.0.0.1:1/cb'

function storeWithClock() {
  const clock = { now: 1_000_000 }
  const store = new GrantStore(3599, () => clock.now)
  const code = store.issueCode({
    clientId: 'client',
    redirectUri: REDIRECT,
    codeChallenge: CHALLENGE,
    identity: ADA,
    scopes: ['openid', 'email'],
  })
  const redeem = () =>
    store.redeemCode({ code, clientId: 'client', redirectUri: REDIRECT, codeVerifier: VERIFIER })
  return { clock, store, redeem }
}

test('an authorization code is refused once five minutes have passed', () => {
  const { clock, redeem } = storeWithClock()
  clock.now += 5 * 60_000
  assert.deepEqual(redeem(), { ok: false, description: 'Bad Request' })
})

test('an authorization code is accepted just before it expires', () => {
  const { clock, redeem } = storeWithClock()
  clock.now += 5 * 60_000 - 1
  assert.equal(redeem().ok, true)
})

test('an access token is refused from the moment its lifetime ends', () => {
  const { clock, store, redeem } = storeWithClock()
  const issued = redeem()
  assert.ok(issued.ok)
  clock.now += 3599 * 1000
  assert.deepEqual(store.checkAccessToken(issued.accessToken), { ok: false, reason: 'expired' })
})

test('a consent page left open for half an hour can no longer be answered', () => {
  const { clock, store } = storeWithClock()
  const consent = store.openConsent({
    clientId: 'client',
    redirectUri: REDIRECT,
    state: undefined,
    codeChallenge: CHALLENGE,
    scopes: ['openid'],
    loginHint: undefined,
    includeGrantedScopes: false,
  })
  clock.now += 30 * 60_000
  assert.equal(store.consent(consent.id), undefined)
})

test('a code verifier outside RFC 7636’s alphabet is refused even if its hash matches', () => {
  const store = new GrantStore(3599)
  const verifier = 'v'.repeat(42) + '!'
  const code = store.issueCode({
    clientId: 'client',
    redirectUri: REDIRECT,
    codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    identity: ADA,
    scopes: ['openid'],
  })
  assert.equal(
    store.redeemCode({ code, clientId: 'client', redirectUri: REDIRECT, codeVerifier: verifier })
      .ok,
    false,
  )
})
