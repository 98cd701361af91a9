import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library'
import { GMAIL_SEND_SCOPE, SCOPES } from '../../../src/main/google-endpoints'
import type { Sandbox } from '../../../src/sandbox/index'
import { answerConsentAt, REDIRECT_URI, sandboxFor, userinfo } from '../../helpers/oauth-flow'

/** The client exactly as Postline configures it, pointed at the sandbox. */
function clientFor(sandbox: Sandbox): OAuth2Client {
  return new OAuth2Client({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    endpoints: {
      oauth2AuthBaseUrl: sandbox.endpoints.authorizationUrl,
      oauth2TokenUrl: sandbox.endpoints.tokenUrl,
      oauth2RevokeUrl: sandbox.endpoints.revocationUrl,
    },
  })
}

/** Signs in through the library's own authorization URL and code exchange. */
async function signInWithLibrary(sandbox: Sandbox, client: OAuth2Client) {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync()
  const url = client.generateAuthUrl({
    redirect_uri: REDIRECT_URI,
    scope: [...SCOPES],
    access_type: 'offline',
    prompt: 'consent',
    state: 'library-state',
    login_hint: 'grace@sandbox.test',
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
  })
  const location = await answerConsentAt(sandbox, url, { decision: 'allow' })
  const code = location.searchParams.get('code') ?? ''
  return client.getToken({ code, codeVerifier: codeVerifier ?? '', redirect_uri: REDIRECT_URI })
}

test('OAuth2Client signs in through the sandbox with its own URL and code exchange', async (t) => {
  const sandbox = await sandboxFor(t)
  const client = clientFor(sandbox)
  const { tokens } = await signInWithLibrary(sandbox, client)
  assert.match(tokens.access_token ?? '', /^sbx-at-/)
  assert.match(tokens.refresh_token ?? '', /^sbx-rt-/)
  assert.equal(tokens.scope, `openid email profile ${GMAIL_SEND_SCOPE}`)
  assert.equal(tokens.token_type, 'Bearer')
  assert.ok((tokens.expiry_date ?? 0) > Date.now() + 3_500_000)
  assert.equal(sandbox.liveGrants()[0]?.email, 'grace@sandbox.test')
})

test('OAuth2Client refreshes an expired access token and keeps its refresh token', async (t) => {
  const sandbox = await sandboxFor(t)
  const client = clientFor(sandbox)
  const { tokens } = await signInWithLibrary(sandbox, client)
  client.setCredentials({ refresh_token: tokens.refresh_token ?? null })
  const { token } = await client.getAccessToken()
  assert.match(token ?? '', /^sbx-at-/)
  assert.notEqual(token, tokens.access_token)
  assert.equal(client.credentials.refresh_token, tokens.refresh_token)
  assert.equal((await userinfo(sandbox, token ?? '')).status, 200)
  assert.equal(
    sandbox.requests().filter((request) => request.grantType === 'refresh_token').length,
    1,
  )
})

test('OAuth2Client.refreshAccessToken gets new credentials from the sandbox', async (t) => {
  const sandbox = await sandboxFor(t)
  const client = clientFor(sandbox)
  const { tokens } = await signInWithLibrary(sandbox, client)
  client.setCredentials(tokens)
  const { credentials } = await client.refreshAccessToken()
  assert.match(credentials.access_token ?? '', /^sbx-at-/)
  assert.match(credentials.id_token ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/)
})

test('OAuth2Client reports Google’s invalid_grant body once the grant is revoked', async (t) => {
  const sandbox = await sandboxFor(t)
  const client = clientFor(sandbox)
  const { tokens } = await signInWithLibrary(sandbox, client)
  sandbox.revokeGrant('grace@sandbox.test')
  client.setCredentials({ refresh_token: tokens.refresh_token ?? null })
  await assert.rejects(
    client.getAccessToken(),
    (error: { status?: number; response?: { data?: unknown } }) => {
      assert.equal(error.status, 400)
      assert.deepEqual(error.response?.data, {
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      })
      return true
    },
  )
})

test('OAuth2Client.revokeToken revokes the grant through the query string', async (t) => {
  const sandbox = await sandboxFor(t)
  const client = clientFor(sandbox)
  const { tokens } = await signInWithLibrary(sandbox, client)
  const response = await client.revokeToken(tokens.refresh_token ?? '')
  assert.equal(response.status, 200)
  assert.deepEqual(sandbox.liveGrants(), [])
  assert.deepEqual(
    sandbox.revocations().map(({ email, tokenKind }) => ({ email, tokenKind })),
    [{ email: 'grace@sandbox.test', tokenKind: 'refresh' }],
  )
})
