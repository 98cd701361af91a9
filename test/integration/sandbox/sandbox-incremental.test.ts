import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GMAIL_SEND_SCOPE } from '../../../src/sandbox/google-facts'
import { consent, exchangeCode, sandboxFor, type TokenBody } from '../../helpers/oauth-flow'

async function grant(
  sandbox: Awaited<ReturnType<typeof sandboxFor>>,
  overrides: Record<string, string | undefined>,
): Promise<TokenBody> {
  const { location, verifier } = await consent(
    sandbox,
    { decision: 'allow', identity: 'ada@sandbox.test' },
    overrides,
  )
  const response = await exchangeCode(sandbox, location.searchParams.get('code') ?? '', verifier)
  assert.equal(response.status, 200)
  return (await response.json()) as TokenBody
}

async function userinfo(sandbox: Awaited<ReturnType<typeof sandboxFor>>, token: string) {
  const response = await fetch(sandbox.endpoints.userinfoUrl, {
    headers: { Authorization: `Bearer ${token}` },
  })
  return (await response.json()) as Record<string, unknown>
}

test('userinfo names the person only when profile was granted', async (t) => {
  const sandbox = await sandboxFor(t)
  const without = await grant(sandbox, {
    scope: `openid email ${GMAIL_SEND_SCOPE}`,
    include_granted_scopes: undefined,
  })
  const bare = await userinfo(sandbox, without.access_token)
  assert.equal(bare.email, 'ada@sandbox.test')
  assert.equal('name' in bare, false)
  const withProfile = await grant(sandbox, {})
  assert.equal((await userinfo(sandbox, withProfile.access_token)).name, 'Ada Lovelace')
})

test('include_granted_scopes=true adds what the person granted this client before', async (t) => {
  const sandbox = await sandboxFor(t)
  await grant(sandbox, {
    scope: `openid email ${GMAIL_SEND_SCOPE}`,
    include_granted_scopes: undefined,
  })
  // Asking only for profile now: with include_granted_scopes the answer keeps gmail.send.
  const incremental = await grant(sandbox, { scope: 'openid profile' })
  assert.deepEqual(
    incremental.scope.split(' ').sort(),
    ['email', 'openid', 'profile', GMAIL_SEND_SCOPE].sort(),
  )
  // Without it, only what was asked.
  const alone = await grant(sandbox, { scope: 'openid profile', include_granted_scopes: undefined })
  assert.deepEqual(alone.scope.split(' ').sort(), ['openid', 'profile'])
})
