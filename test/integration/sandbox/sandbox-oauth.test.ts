import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import {
  authorizationCode,
  authorizationUrl,
  consent,
  exchangeCode,
  inputsOf,
  jwtClaims,
  pkce,
  postToken,
  REDIRECT_URI,
  refresh,
  sandboxFor,
  signIn,
  STATE,
  submitConsent,
} from '../../helpers/oauth-flow'
import type { TokenBody } from '../../helpers/oauth-flow'

const INVALID_GRANT = { error: 'invalid_grant', error_description: 'Bad Request' }
const EXPIRED_OR_REVOKED = {
  error: 'invalid_grant',
  error_description: 'Token has been expired or revoked.',
}

test('the consent page preselects the identity named by login_hint', async (t) => {
  const sandbox = await sandboxFor(t)
  const response = await fetch(
    authorizationUrl(sandbox, pkce().challenge, { login_hint: 'grace@sandbox.test' }),
  )
  assert.equal(response.status, 200)
  const radios = inputsOf(await response.text()).filter((input) => input.name === 'identity')
  assert.deepEqual(
    radios.map((radio) => radio.value),
    sandbox.identities.map((identity) => identity.email),
  )
  assert.deepEqual(
    radios.filter((radio) => radio.checked === true).map((radio) => radio.value),
    ['grace@sandbox.test'],
  )
})

test('the consent page offers gmail.send as a ticked checkbox and says it is not Google', async (t) => {
  const sandbox = await sandboxFor(t)
  const html = await (await fetch(authorizationUrl(sandbox, pkce().challenge))).text()
  const send = inputsOf(html).find(
    (input) => input.name === 'scope' && input.value === GMAIL_SEND_SCOPE,
  )
  assert.equal(send?.type, 'checkbox')
  assert.equal(send?.checked, true)
  assert.match(html, /Send email on your behalf/)
  assert.match(html, /See your email address/)
  assert.match(html, /Sandbox — not Google/)
  assert.match(html, /<button[^>]*name="decision" value="allow"[^>]*>Allow<\/button>/)
  assert.match(html, /<button[^>]*name="decision" value="deny"[^>]*>Deny<\/button>/)
})

test('the consent page escapes the names it shows', async (t) => {
  const sandbox = await sandboxFor(t, {
    identities: [{ email: 'eve@sandbox.test', name: '<script>alert("x")</script>', sub: '1' }],
  })
  const html = await (await fetch(authorizationUrl(sandbox, pkce().challenge))).text()
  assert.doesNotMatch(html, /<script>/)
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/)
})

test('an unknown client_id gets an invalid_client error page and no redirect', async (t) => {
  const sandbox = await sandboxFor(t)
  const url = authorizationUrl(sandbox, pkce().challenge, {
    client_id: 'someone-else.apps.googleusercontent.com',
  })
  const response = await fetch(url, { redirect: 'manual' })
  assert.equal(response.status, 401)
  assert.equal(response.headers.get('location'), null)
  assert.match(await response.text(), /Error 401: invalid_client/)
})

test('a redirect_uri that is not loopback http gets a redirect_uri_mismatch page and no redirect', async (t) => {
  const sandbox = await sandboxFor(t)
  for (const redirectUri of [
    'https://127.0.0.1:4000/cb',
    'http://example.com:4000/cb',
    'http://127.0.0.1:4000/cb#x',
  ]) {
    const response = await fetch(
      authorizationUrl(sandbox, pkce().challenge, { redirect_uri: redirectUri }),
      {
        redirect: 'manual',
      },
    )
    assert.equal(response.status, 400, redirectUri)
    assert.equal(response.headers.get('location'), null)
    assert.match(await response.text(), /Error 400: redirect_uri_mismatch/)
  }
})

test('a request without an S256 code challenge gets an invalid_request page', async (t) => {
  const sandbox = await sandboxFor(t)
  for (const overrides of [{ code_challenge: undefined }, { code_challenge_method: 'plain' }]) {
    const response = await fetch(authorizationUrl(sandbox, pkce().challenge, overrides), {
      redirect: 'manual',
    })
    assert.equal(response.status, 400)
    assert.match(await response.text(), /Error 400: invalid_request/)
  }
})

test('Allow redirects to redirect_uri with a code, the state and the granted scopes', async (t) => {
  const sandbox = await sandboxFor(t)
  const { location } = await consent(sandbox, { decision: 'allow', identity: 'ada@sandbox.test' })
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI)
  assert.match(location.searchParams.get('code') ?? '', /^sbx-code-/)
  assert.equal(location.searchParams.get('state'), STATE)
  assert.equal(location.searchParams.get('scope'), `openid email profile ${GMAIL_SEND_SCOPE}`)
})

test('Deny redirects to redirect_uri with access_denied and the state', async (t) => {
  const sandbox = await sandboxFor(t)
  const { location } = await consent(sandbox, { decision: 'deny' })
  assert.equal(location.searchParams.get('error'), 'access_denied')
  assert.equal(location.searchParams.get('state'), STATE)
  assert.equal(location.searchParams.get('code'), null)
})

test('unticking gmail.send leaves it out of the granted scopes', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox, 'ada@sandbox.test', [
    GMAIL_SEND_SCOPE,
  ])
  const body = (await (await exchangeCode(sandbox, code, verifier)).json()) as TokenBody
  assert.equal(body.scope, 'openid email profile')
})

test('a consent form is answered only once', async (t) => {
  const sandbox = await sandboxFor(t)
  const html = await (await fetch(authorizationUrl(sandbox, pkce().challenge))).text()
  assert.equal((await submitConsent(sandbox, html, { decision: 'allow' })).status, 302)
  const again = await submitConsent(sandbox, html, { decision: 'allow' })
  assert.equal(again.status, 400)
  assert.equal(again.headers.get('location'), null)
})

test('a code exchanged with the right verifier returns Google’s token body', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox, 'grace@sandbox.test')
  const response = await exchangeCode(sandbox, code, verifier)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('cache-control') ?? '', /no-store/)
  const body = (await response.json()) as TokenBody
  assert.deepEqual(Object.keys(body), [
    'access_token',
    'expires_in',
    'refresh_token',
    'scope',
    'token_type',
    'id_token',
  ])
  assert.match(body.access_token, /^sbx-at-/)
  assert.match(body.refresh_token ?? '', /^sbx-rt-/)
  assert.equal(body.expires_in, 3599)
  assert.equal(body.scope, `openid email profile ${GMAIL_SEND_SCOPE}`)
  assert.equal(body.token_type, 'Bearer')
  const claims = jwtClaims(body.id_token ?? '')
  assert.equal(claims.iss, sandbox.url)
  assert.equal(claims.aud, sandbox.clientId)
  assert.equal(claims.sub, '100000000000000000002')
  assert.equal(claims.email, 'grace@sandbox.test')
  assert.equal(claims.email_verified, true)
  assert.equal((claims.exp as number) - (claims.iat as number), 3600)
})

test('a wrong code verifier gives invalid_grant', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code } = await authorizationCode(sandbox)
  const response = await exchangeCode(sandbox, code, pkce().verifier)
  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), INVALID_GRANT)
})

test('a redirect_uri other than the authorization request’s gives invalid_grant', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox)
  const response = await exchangeCode(sandbox, code, verifier, {
    redirect_uri: 'http://127.0.0.1:43118/oauth2/callback',
  })
  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), INVALID_GRANT)
})

test('a reused code gives invalid_grant and revokes the grant it produced', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox)
  const first = (await (await exchangeCode(sandbox, code, verifier)).json()) as TokenBody
  const second = await exchangeCode(sandbox, code, verifier)
  assert.equal(second.status, 400)
  assert.deepEqual(await second.json(), INVALID_GRANT)
  assert.deepEqual(
    await (await refresh(sandbox, first.refresh_token ?? '')).json(),
    EXPIRED_OR_REVOKED,
  )
  assert.deepEqual(sandbox.liveGrants(), [])
})

test('a wrong client secret gives 401 invalid_client', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox)
  const response = await exchangeCode(sandbox, code, verifier, { client_secret: 'not-the-secret' })
  assert.equal(response.status, 401)
  assert.deepEqual(await response.json(), {
    error: 'invalid_client',
    error_description: 'Unauthorized',
  })
})

test('client credentials in HTTP Basic are accepted', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox)
  const basic = Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')
  const response = await postToken(
    sandbox,
    { code, code_verifier: verifier, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI },
    { Authorization: `Basic ${basic}` },
  )
  assert.equal(response.status, 200)
})

test('a JSON body is accepted by the token endpoint', async (t) => {
  const sandbox = await sandboxFor(t)
  const { refresh_token } = await signIn(sandbox)
  const response = await fetch(sandbox.endpoints.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      refresh_token,
      grant_type: 'refresh_token',
    }),
  })
  assert.equal(response.status, 200)
})

test('a refresh returns a new access token and no refresh token', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  const response = await refresh(sandbox, tokens.refresh_token ?? '')
  assert.equal(response.status, 200)
  const body = (await response.json()) as TokenBody
  assert.deepEqual(Object.keys(body), [
    'access_token',
    'expires_in',
    'scope',
    'token_type',
    'id_token',
  ])
  assert.notEqual(body.access_token, tokens.access_token)
  assert.equal(body.scope, tokens.scope)
})

test('a refresh after the person revokes access gives invalid_grant “Token has been expired or revoked.”', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.revokeGrant('ada@sandbox.test')
  const response = await refresh(sandbox, tokens.refresh_token ?? '')
  assert.equal(response.status, 400)
  assert.deepEqual(await response.json(), EXPIRED_OR_REVOKED)
})

test('an unknown grant_type gives unsupported_grant_type', async (t) => {
  const sandbox = await sandboxFor(t)
  const response = await postToken(sandbox, {
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    grant_type: 'password',
  })
  assert.equal(response.status, 400)
  assert.equal(((await response.json()) as { error: string }).error, 'unsupported_grant_type')
})
