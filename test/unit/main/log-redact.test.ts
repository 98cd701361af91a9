import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { createPkcePair, createState } from '../../../src/main/auth/pkce'
import { redact } from '../../../src/main/log-redact'

const base64url = (bytes: number): string => randomBytes(bytes).toString('base64url')

/** Credentials shaped as Google issues them, fresh on every run. */
function credentials() {
  const pkce = createPkcePair()
  return {
    accessToken: `ya29.a0${base64url(90)}`,
    refreshToken: `1//0g${base64url(70)}`,
    authorizationCode: `4/0A${base64url(50)}`,
    verifier: pkce.verifier,
    challenge: pkce.challenge,
    state: createState(),
    clientSecret: `GOCSPX-${base64url(21)}`,
    idToken: `eyJ${base64url(20)}.eyJ${base64url(120)}.${base64url(64)}`,
    longVerifier: base64url(96), // 128 characters, the longest a PKCE verifier may be
  }
}

function assertHidden(line: string, secrets: Record<string, string>): void {
  for (const [name, secret] of Object.entries(secrets)) {
    assert.ok(!line.includes(secret), `${name} is hidden in: ${line}`)
    // No recognisable piece either (the first 12 characters after a known prefix).
    assert.ok(!line.includes(secret.slice(4, 16)), `no piece of ${name} in: ${line}`)
  }
}

test('each kind of credential is replaced on its own', () => {
  const c = credentials()
  assert.equal(redact(`token ${c.accessToken} expired`), 'token [access-token] expired')
  assert.equal(redact(`refresh ${c.refreshToken}.`), 'refresh [refresh-token].')
  assert.equal(redact(`code ${c.authorizationCode}`), 'code [authorization-code]')
  assert.equal(redact(`secret ${c.clientSecret}`), 'secret [client-secret]')
  assert.equal(redact(`verifier ${c.verifier}`), 'verifier [redacted]')
  assert.equal(redact(`state ${c.state}`), 'state [redacted]')
  assert.equal(redact(`long ${c.longVerifier}`), 'long [redacted]')
  assert.equal(redact(`id ${c.idToken}`), 'id [jwt]')
  assert.equal(redact('Authorization: Bearer abc.def-123'), 'Authorization: Bearer [redacted]')
  assert.equal(redact('authorization: bearer short'), 'authorization: Bearer [redacted]')
})

test('credentials are hidden inside URLs, form bodies, JSON and headers', () => {
  const c = credentials()
  const lines = [
    `GET /callback?code=${encodeURIComponent(c.authorizationCode)}&state=${c.state}&scope=email`,
    `code=${encodeURIComponent(c.authorizationCode)}&code_verifier=${c.verifier}&client_secret=${c.clientSecret}&grant_type=authorization_code`,
    `grant_type=refresh_token&refresh_token=${encodeURIComponent(c.refreshToken)}&client_id=x`,
    JSON.stringify({
      access_token: c.accessToken,
      refresh_token: c.refreshToken,
      id_token: c.idToken,
      expires_in: 3599,
    }),
    `{"error":"invalid_grant","code": "${c.authorizationCode}", "state":"${c.state}"}`,
    `headers: {"Authorization":"Bearer ${c.accessToken}"}`,
    `https://accounts.google.com/o/oauth2/v2/auth?client_id=1.apps.googleusercontent.com&code_challenge=${c.challenge}&state=${c.state}`,
    `request to https://oauth2.googleapis.com/token failed, reason: ${c.refreshToken} ${c.verifier}`,
  ]
  for (const line of lines) assertHidden(redact(line), c)
})

test('every generated verifier and state is hidden, whatever characters it has', () => {
  for (let i = 0; i < 300; i++) {
    const { verifier } = createPkcePair()
    const state = createState()
    const line = redact(`exchange failed for state=${state} (${verifier}); state ${state}.`)
    assertHidden(line, { verifier, state })
  }
})

test('what a person needs to read the log stays', () => {
  const id = randomUUID()
  const kept = [
    `outbox ${id} failed: disk-full`,
    'Postline uses the Google client from the environment: 123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com',
    'ENOSPC: no space left on device, write',
    'ada@example.com needs to reconnect (invalid_grant)',
    'could not read /home/ada/.config/Postline/drafts/draft.json',
    'error code: 4 of 12/4/2026',
    'RangeError: Maximum call stack size exceeded',
    'Sending failed {"code":"disk-full","state":"held","status":507}',
  ]
  for (const line of kept) assert.equal(redact(line), line)
})

test('redacting twice changes nothing more', () => {
  const c = credentials()
  const once = redact(`${c.accessToken} ${c.refreshToken} ${c.verifier} Bearer ${c.state}`)
  assert.equal(redact(once), once)
})
