import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rawGet } from '../../helpers/http'
import { refresh, sandboxFor, signIn, userinfo } from '../../helpers/oauth-flow'

test('failNext with a status answers that status, body and headers once, then the endpoint recovers', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/token', {
    kind: 'status',
    status: 503,
    body: { error: 'backend_error' },
    headers: { 'Retry-After': '7' },
  })
  const failed = await refresh(sandbox, tokens.refresh_token ?? '')
  assert.equal(failed.status, 503)
  assert.equal(failed.headers.get('retry-after'), '7')
  assert.deepEqual(await failed.json(), { error: 'backend_error' })
  assert.equal((await refresh(sandbox, tokens.refresh_token ?? '')).status, 200)
})

test('failNext applies a fault to as many requests as asked', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/v1/userinfo', { kind: 'status', status: 500 }, 2)
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await userinfo(sandbox, tokens.access_token)).status)
  assert.deepEqual(statuses, [500, 500, 200])
})

test('failNext leaves requests to other paths alone', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/revoke', { kind: 'status', status: 500 })
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 200)
})

test('failNext with a delay answers normally after the delay', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/token', { kind: 'delay', ms: 200 })
  const started = performance.now()
  const response = await refresh(sandbox, tokens.refresh_token ?? '')
  assert.ok(performance.now() - started >= 190, 'answered before the delay')
  assert.equal(response.status, 200)
})

test('failNext with drop closes the connection without an answer', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/token', { kind: 'drop' })
  await assert.rejects(refresh(sandbox, tokens.refresh_token ?? ''), TypeError)
  assert.equal(sandbox.requests().at(-1)?.path, '/token')
})

test('failNext refuses a fault it cannot apply', async (t) => {
  const sandbox = await sandboxFor(t)
  assert.throws(() => sandbox.failNext('/token', { kind: 'status', status: 42 }), RangeError)
  assert.throws(() => sandbox.failNext('/token', { kind: 'drop' }, 0), RangeError)
})

test('requests() records each token request with its grant_type', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  await refresh(sandbox, tokens.refresh_token ?? '')
  const tokenRequests = sandbox.requests().filter((request) => request.path === '/token')
  assert.deepEqual(
    tokenRequests.map(({ method, grantType }) => ({ method, grantType })),
    [
      { method: 'POST', grantType: 'authorization_code' },
      { method: 'POST', grantType: 'refresh_token' },
    ],
  )
})

test('GET /_sandbox/state reports identities, live grants, revocations and the request count', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox, 'grace@sandbox.test')
  await fetch(`${sandbox.endpoints.revocationUrl}?token=${tokens.access_token}`, { method: 'POST' })
  await signIn(sandbox, 'ada@sandbox.test')
  const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as Record<
    string,
    unknown
  >
  assert.deepEqual(state.identities, sandbox.identities)
  assert.deepEqual(state.liveGrants, [
    { email: 'ada@sandbox.test', scopes: tokens.scope.split(' ') },
  ])
  assert.deepEqual(state.revocations, sandbox.revocations())
  assert.equal(state.requestCount, sandbox.requests().length)
})

test('control requests are not logged', async (t) => {
  const sandbox = await sandboxFor(t)
  await fetch(`${sandbox.url}/_sandbox/state`)
  await fetch(`${sandbox.url}/`)
  assert.deepEqual(sandbox.requests(), [])
})

test('POST /_sandbox/revoke revokes the grants of that identity', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const tokens = await signIn(sandbox, 'zoe@sandbox.test')
  const response = await fetch(`${sandbox.url}/_sandbox/revoke?email=zoe%40sandbox.test`, {
    method: 'POST',
  })
  assert.equal(response.status, 200)
  assert.equal((await refresh(sandbox, tokens.refresh_token ?? '')).status, 400)
})

test('POST /_sandbox/revoke answers 404 for an unknown identity', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const response = await fetch(`${sandbox.url}/_sandbox/revoke?email=nobody%40sandbox.test`, {
    method: 'POST',
  })
  assert.equal(response.status, 404)
})

test('POST /_sandbox/withdraw-scope takes one scope from the grants of that identity', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  await signIn(sandbox, 'zoe@sandbox.test')
  const scope = 'https://www.googleapis.com/auth/gmail.send'
  const url = `${sandbox.url}/_sandbox/withdraw-scope?email=zoe%40sandbox.test&scope=${encodeURIComponent(scope)}`
  assert.equal((await fetch(url, { method: 'POST' })).status, 200)
  const grant = sandbox.liveGrants().find((live) => live.email === 'zoe@sandbox.test')!
  assert.ok(!grant.scopes.includes(scope))
  assert.ok(grant.scopes.includes('openid'))
  const noScope = await fetch(`${sandbox.url}/_sandbox/withdraw-scope?email=zoe%40sandbox.test`, {
    method: 'POST',
  })
  assert.equal(noScope.status, 400)
  const unknown = await fetch(
    `${sandbox.url}/_sandbox/withdraw-scope?email=nobody%40sandbox.test&scope=openid`,
    { method: 'POST' },
  )
  assert.equal(unknown.status, 404)
})

test('without test controls there is no withdraw-scope route', async (t) => {
  const sandbox = await sandboxFor(t)
  const response = await fetch(
    `${sandbox.url}/_sandbox/withdraw-scope?email=zoe%40sandbox.test&scope=openid`,
    { method: 'POST' },
  )
  assert.notEqual(response.status, 200)
  assert.equal(response.status, 404)
})

test('POST /_sandbox/expire expires access tokens but not refresh tokens', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const tokens = await signIn(sandbox)
  assert.equal((await fetch(`${sandbox.url}/_sandbox/expire`, { method: 'POST' })).status, 200)
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 401)
  assert.equal((await refresh(sandbox, tokens.refresh_token ?? '')).status, 200)
})

test('POST /_sandbox/fail registers a fault over HTTP', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const tokens = await signIn(sandbox)
  const response = await fetch(`${sandbox.url}/_sandbox/fail`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ pathPrefix: '/v1/', fault: { kind: 'status', status: 429 } }),
  })
  assert.equal(response.status, 200)
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 429)
})

test('the index page links to the state and lists the identities', async (t) => {
  const sandbox = await sandboxFor(t)
  const response = await fetch(`${sandbox.url}/`)
  assert.equal(response.status, 200)
  const html = await response.text()
  assert.match(html, /href="\/_sandbox\/state"/)
  assert.match(html, /Zoë Ångström/)
})

test('the sandbox the app starts (no option) has no routes that change it from outside', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox, 'zoe@sandbox.test')
  for (const path of [
    '/_sandbox/revoke?email=zoe%40sandbox.test',
    '/_sandbox/expire',
    '/_sandbox/fail',
    '/_sandbox/mailbox/clear',
  ]) {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ pathPrefix: '/v1/', fault: { kind: 'status', status: 429 } }),
    })
    assert.equal(response.status, 404, path)
  }
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 200)
  assert.equal((await refresh(sandbox, tokens.refresh_token ?? '')).status, 200)
  const index = await (await fetch(`${sandbox.url}/`)).text()
  assert.doesNotMatch(index, /Revoke access|Expire tokens|action="\/_sandbox/)
  assert.equal((await fetch(`${sandbox.url}/_sandbox/state`)).status, 200)
})

test('with testControls the index page has the revoke and expire buttons', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const index = await (await fetch(`${sandbox.url}/`)).text()
  assert.match(index, /action="\/_sandbox\/revoke\?email=ada%40sandbox\.test"/)
  assert.match(index, /action="\/_sandbox\/expire\?email=ada%40sandbox\.test"/)
})

test('a request for any other Host (DNS rebinding) gets 421 and changes nothing', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const tokens = await signIn(sandbox, 'zoe@sandbox.test')
  const port = new URL(sandbox.url).port
  const before = sandbox.requests().length
  for (const host of [`rebind.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:1`]) {
    for (const [method, path] of [
      ['GET', '/_sandbox/state'],
      ['GET', '/_sandbox/mailbox'],
      ['GET', '/'],
      ['POST', '/_sandbox/revoke?email=zoe%40sandbox.test'],
      ['POST', '/_sandbox/expire'],
      ['POST', `/revoke?token=${tokens.access_token}`],
    ] as const) {
      const answer = await rawGet(`${sandbox.url}${path}`, { host, method })
      assert.equal(answer.status, 421, `${method} ${path} with Host ${host}`)
      assert.doesNotMatch(answer.body, /zoe@sandbox\.test/)
    }
  }
  assert.equal(sandbox.requests().length, before)
  assert.equal(sandbox.liveGrants().length, 1)
  assert.deepEqual(sandbox.revocations(), [])
  assert.equal((await userinfo(sandbox, tokens.access_token)).status, 200)
  const own = await rawGet(`${sandbox.url}/_sandbox/state`, { host: `127.0.0.1:${port}` })
  assert.equal(own.status, 200)
})

test('an unknown path answers 404 and a wrong method 405', async (t) => {
  const sandbox = await sandboxFor(t)
  assert.equal((await fetch(`${sandbox.url}/nowhere`)).status, 404)
  const wrongMethod = await fetch(sandbox.endpoints.tokenUrl)
  assert.equal(wrongMethod.status, 405)
  assert.equal(wrongMethod.headers.get('allow'), 'POST')
})

test('close() ends a request held by a delay fault', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox)
  sandbox.failNext('/token', { kind: 'delay', ms: 60_000 })
  const held = refresh(sandbox, tokens.refresh_token ?? '')
  // The server logs the request before it applies the fault; its grant_type is noted after.
  while (
    !sandbox
      .requests()
      .some((request) => request.path === '/token' && request.grantType === undefined)
  ) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  const started = performance.now()
  await sandbox.close()
  await assert.rejects(held)
  assert.ok(performance.now() - started < 5_000)
})
