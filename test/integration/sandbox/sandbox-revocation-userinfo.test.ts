import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  consent,
  exchangeCode,
  refresh,
  sandboxFor,
  signIn,
  userinfo,
} from '../../helpers/oauth-flow'
import type { TokenBody } from '../../helpers/oauth-flow'

const EXPIRED_OR_REVOKED = {
  error: 'invalid_grant',
  error_description: 'Token has been expired or revoked.',
}

test('revoking a refresh token in the query string ends the grant and is recorded', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox, 'zoe@sandbox.test')
  const url = `${sandbox.endpoints.revocationUrl}?token=${encodeURIComponent(tokens.refresh_token ?? '')}`
  const response = await fetch(url, { method: 'POST' })
  assert.equal(response.status, 200)
  assert.deepEqual(await response.json(), {})
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 401)
  assert.deepEqual(
    sandbox.revocations().map(({ email, tokenKind }) => ({ email, tokenKind })),
    [{ email: 'zoe@sandbox.test', tokenKind: 'refresh' }],
  )
})

test('revoking an access token in a form body ends its grant', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  const response = await fetch(sandbox.endpoints.revocationUrl, {
    method: 'POST',
    body: new URLSearchParams({ token: tokens.access_token }),
  })
  assert.equal(response.status, 200)
  assert.deepEqual(
    await (await refresh(sandbox, tokens.refresh_token ?? '')).json(),
    EXPIRED_OR_REVOKED,
  )
  assert.equal(sandbox.revocations()[0]?.tokenKind, 'access')
})

test('revoking a token that is already revoked gives invalid_token', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  const url = `${sandbox.endpoints.revocationUrl}?token=${encodeURIComponent(tokens.refresh_token ?? '')}`
  await fetch(url, { method: 'POST' })
  const again = await fetch(url, { method: 'POST' })
  assert.equal(again.status, 400)
  assert.deepEqual(await again.json(), {
    error: 'invalid_token',
    error_description: 'Token expired or revoked',
  })
})

test('userinfo answers with the identity behind a valid access token', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox, 'grace@sandbox.test')
  const response = await userinfo(sandbox, tokens.access_token)
  assert.equal(response.status, 200)
  // Postline's request asks for profile too, so the names come along.
  assert.deepEqual(await response.json(), {
    sub: '100000000000000000002',
    name: 'Grace Hopper',
    given_name: 'Grace',
    family_name: 'Hopper',
    email: 'grace@sandbox.test',
    email_verified: true,
  })
})

test('userinfo gives names only when the profile scope was granted', async (t) => {
  const sandbox = await sandboxFor(t)
  const { location, verifier } = await consent(
    sandbox,
    { decision: 'allow', identity: 'zoe@sandbox.test' },
    { scope: 'openid email profile' },
  )
  const response = await exchangeCode(sandbox, location.searchParams.get('code') ?? '', verifier)
  const tokens = (await response.json()) as TokenBody
  const body = (await (await userinfo(sandbox, tokens.access_token)).json()) as Record<
    string,
    unknown
  >
  assert.equal(body.name, 'Zoë Ångström')
  assert.equal(body.given_name, 'Zoë')
  assert.equal(body.family_name, 'Ångström')
})

test('userinfo answers 401 with WWW-Authenticate for an unknown token', async (t) => {
  const sandbox = await sandboxFor(t)
  const response = await userinfo(sandbox, 'sbx-at-unknown')
  assert.equal(response.status, 401)
  assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"')
  assert.deepEqual(await response.json(), {
    error: 'invalid_request',
    error_description: 'Invalid Credentials',
  })
})

test('expired access tokens are refused by userinfo until a refresh', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.expireAccessTokens('ada@sandbox.test')
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 401)
  const refreshed = (await (await refresh(sandbox, tokens.refresh_token ?? '')).json()) as TokenBody
  assert.equal((await userinfo(sandbox, refreshed.access_token)).status, 200)
})

test('expiring one identity’s access tokens leaves the others working', async (t) => {
  const sandbox = await sandboxFor(t)
  const ada = await signIn(sandbox, 'ada@sandbox.test')
  const grace = await signIn(sandbox, 'grace@sandbox.test')
  sandbox.expireAccessTokens('ada@sandbox.test')
  assert.equal((await userinfo(sandbox, ada.access_token)).status, 401)
  assert.equal((await userinfo(sandbox, grace.access_token)).status, 200)
})

test('setAccessTokenLifetime changes expires_in of tokens issued afterwards', async (t) => {
  const sandbox = await sandboxFor(t, { accessTokenLifetimeSeconds: 120 })
  const tokens = await signIn(sandbox)
  assert.equal(tokens.expires_in, 120)
  sandbox.setAccessTokenLifetime(0)
  const refreshed = (await (await refresh(sandbox, tokens.refresh_token ?? '')).json()) as TokenBody
  assert.equal(refreshed.expires_in, 0)
  assert.equal((await userinfo(sandbox, refreshed.access_token)).status, 401)
})
