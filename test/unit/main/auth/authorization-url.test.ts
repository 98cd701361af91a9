import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildAuthorizationUrl } from '../../../../src/main/auth/authorization-url'
import { GOOGLE_ENDPOINTS } from '../../../../src/main/google-endpoints'

const base = {
  authorizationUrl: GOOGLE_ENDPOINTS.authorizationUrl,
  clientId: 'client-1.apps.googleusercontent.com',
  redirectUri: 'http://127.0.0.1:49152/oauth2/callback',
  state: 'state-123',
  codeChallenge: 'challenge-abc',
}

test('the authorization URL carries every parameter of the installed-app flow', () => {
  const url = new URL(buildAuthorizationUrl(base))
  assert.equal(`${url.origin}${url.pathname}`, 'https://accounts.google.com/o/oauth2/v2/auth')
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: 'client-1.apps.googleusercontent.com',
    redirect_uri: 'http://127.0.0.1:49152/oauth2/callback',
    response_type: 'code',
    scope: 'openid email profile https://www.googleapis.com/auth/gmail.send',
    state: 'state-123',
    code_challenge: 'challenge-abc',
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
  })
})

test('the authorization URL asks for profile (the name for From) and keeps earlier grants', () => {
  const url = new URL(buildAuthorizationUrl({ ...base, loginHint: 'ada@example.com' }))
  assert.ok((url.searchParams.get('scope') ?? '').split(' ').includes('profile'))
  // Incremental authorization: a reconnect of an account added before `profile` adds it.
  assert.equal(url.searchParams.get('include_granted_scopes'), 'true')
})

test('reconnecting adds login_hint with the address', () => {
  const url = new URL(buildAuthorizationUrl({ ...base, loginHint: 'ada+x@example.com' }))
  assert.equal(url.searchParams.get('login_hint'), 'ada+x@example.com')
})

test('the authorization URL never contains a verifier or secret', () => {
  const text = buildAuthorizationUrl(base)
  assert.ok(!/verifier|secret/i.test(text))
})
