import { test } from 'node:test'
import type { TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { OAuth2Client } from 'google-auth-library'
import { GoogleOAuth } from '../../../../src/main/auth/google-oauth'
import { GMAIL_SEND_SCOPE } from '../../../../src/main/google-endpoints'
import { GmailSendError } from '../../../../src/main/mail/gmail-errors'
import { GmailTransport } from '../../../../src/main/mail/gmail-transport'
import type { GmailTransportOptions } from '../../../../src/main/mail/gmail-transport'
import type { SendRequest } from '../../../../src/main/mail/types'
import { gmailErrors } from '../../../../src/sandbox/index'
import type { Sandbox } from '../../../../src/sandbox/index'
import { messageOfSize, rawMessage, sha256 } from '../../../helpers/raw-message'
import { tempDir } from '../../../helpers/temp-dir'
import { authorizationCode, exchangeCode, sandboxFor, signIn } from '../../../helpers/oauth-flow'
import type { TokenBody } from '../../../helpers/oauth-flow'

const ADA = 'ada@sandbox.test'
const SEND = '/gmail/v1/users/me/messages/send'
const UPLOAD = '/upload/gmail/v1/users/me/messages/send'

interface Setup {
  readonly sandbox: Sandbox
  readonly client: OAuth2Client
  readonly transport: GmailTransport
  readonly tokens: TokenBody
  /** Writes a message to disk and returns the request to send it. */
  message(raw: Buffer, extra?: Partial<SendRequest>): Promise<SendRequest>
}

/**
 * A sandbox, a signed-in account's OAuth2Client as Postline makes it (holding only the refresh
 * token, like after a restart), and a transport pointed at the sandbox.
 */
async function setup(
  t: TestContext,
  options: Partial<GmailTransportOptions> = {},
  tokens?: (sandbox: Sandbox) => Promise<TokenBody>,
): Promise<Setup> {
  const sandbox = await sandboxFor(t)
  const granted = await (tokens ?? ((s: Sandbox) => signIn(s, ADA)))(sandbox)
  const oauth = new GoogleOAuth({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    endpoints: sandbox.endpoints,
  })
  const client = oauth.createClient(granted.refresh_token)
  const transport = new GmailTransport({ rootUrl: `${sandbox.url}/`, ...options })
  const dir = await tempDir(t, 'postline-gmail-')
  let count = 0
  return {
    sandbox,
    client,
    transport,
    tokens: granted,
    async message(raw, extra = {}) {
      const emlPath = join(dir, `message-${++count}.eml`)
      await writeFile(emlPath, raw)
      return { client, emlPath, size: raw.length, ...extra }
    },
  }
}

function gmailRequests(sandbox: Sandbox): number {
  return sandbox.requests().filter((request) => request.path === SEND || request.path === UPLOAD)
    .length
}

function refreshes(sandbox: Sandbox): number {
  return sandbox
    .requests()
    .filter((request) => request.path === '/token' && request.grantType === 'refresh_token').length
}

async function sendFailure(
  transport: GmailTransport,
  request: SendRequest,
): Promise<GmailSendError> {
  try {
    await transport.send(request)
  } catch (error) {
    assert.ok(error instanceof GmailSendError, `expected a GmailSendError, got ${String(error)}`)
    return error
  }
  assert.fail('the send succeeded')
}

/** Sends once so the client holds a fresh access token. */
async function warmUp(setupResult: Setup): Promise<void> {
  await setupResult.transport.send(await setupResult.message(rawMessage({ subject: 'warm-up' })))
}

test('a small message goes as JSON and arrives byte for byte', async (t) => {
  const s = await setup(t)
  const raw = rawMessage({ subject: 'Small', html: '<p>Hello</p>' })
  const progress: [number, number][] = []
  const sent = await s.transport.send(
    await s.message(raw, { onProgress: (sentBytes, total) => progress.push([sentBytes, total]) }),
  )
  const [stored] = s.sandbox.mailbox()
  assert.equal(stored?.id, sent.id)
  assert.equal(stored?.threadId, sent.threadId)
  assert.equal(stored?.via, 'json')
  assert.equal(stored?.account, ADA)
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
  assert.deepEqual(progress, [
    [0, raw.length],
    [raw.length, raw.length],
  ])
})

test('bytes the outbox kept are sent as they are, without reading the file', async (t) => {
  const s = await setup(t)
  const raw = rawMessage({ subject: 'Kept', html: '<p>In memory</p>' })
  // The file is gone: only the kept bytes can make this send succeed.
  const request = { ...(await s.message(raw)), emlPath: join(tmpdir(), 'postline-no-such.eml') }
  const sent = await s.transport.send({ ...request, bytes: raw })
  const [stored] = s.sandbox.mailbox()
  assert.equal(stored?.id, sent.id)
  assert.equal(stored?.via, 'json')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('kept bytes of a message over the threshold still go through the upload, from the file', async (t) => {
  const s = await setup(t, { uploadThresholdBytes: 1024 })
  const raw = messageOfSize(4096)
  const sent = await s.transport.send({ ...(await s.message(raw)), bytes: raw })
  const [stored] = s.sandbox.mailbox()
  assert.equal(stored?.id, sent.id)
  assert.equal(stored?.via, 'multipart')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('a 12 MB message is streamed to the upload endpoint with progress up to its size', async (t) => {
  const s = await setup(t)
  const raw = messageOfSize(12 * 1024 * 1024)
  const progress: number[] = []
  await s.transport.send(
    await s.message(raw, {
      onProgress: (sentBytes, total) => {
        assert.equal(total, raw.length)
        progress.push(sentBytes)
      },
    }),
  )
  const [stored] = s.sandbox.mailbox()
  assert.equal(stored?.via, 'multipart')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
  assert.deepEqual(
    s.sandbox
      .requests()
      .filter((request) => request.path.includes('/gmail/'))
      .map(({ method, path }) => `${method} ${path}`),
    [`POST ${UPLOAD}`],
  )
  assert.equal(progress[0], 0)
  assert.equal(progress.at(-1), raw.length)
  assert.ok(progress.length > 10, `only ${progress.length} progress events`)
  assert.ok(progress.every((sent, i) => i === 0 || sent >= (progress[i - 1] as number)))
})

test('the threshold counts the JSON body, so a 4.5 MB message is uploaded by default', async (t) => {
  const s = await setup(t)
  await s.transport.send(await s.message(messageOfSize(4.5 * 1024 * 1024)))
  assert.equal(s.sandbox.mailbox()[0]?.via, 'multipart')
})

test('a message over 35 MB is refused before any request', async (t) => {
  const s = await setup(t)
  const before = s.sandbox.requests().length
  const raw = Buffer.alloc(36_700_161, 0x41)
  rawMessage().copy(raw)
  const error = await sendFailure(s.transport, await s.message(raw))
  assert.equal(error.code, 'too-large')
  assert.equal(error.kind, 'permanent')
  assert.equal(
    error.message,
    'This message is 35.1 MB; Gmail accepts up to 35 MB. Remove an attachment and send again.',
  )
  assert.equal(s.sandbox.requests().length, before)
})

test('a 429 with Retry-After is retryable, rate-limited, with the wait Google asked for', async (t) => {
  const s = await setup(t)
  s.sandbox.failNext(SEND, gmailErrors.rateLimited(30))
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.equal(error.kind, 'retryable')
  assert.equal(error.code, 'rate-limited')
  assert.equal(error.status, 429)
  assert.equal(error.reason, 'rateLimitExceeded')
  assert.equal(error.retryAfterMs, 30_000)
  assert.equal(gmailRequests(s.sandbox), 1)
})

test('a 403 userRateLimitExceeded is retryable and not resent after a refresh', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  const [requestsBefore, refreshesBefore] = [gmailRequests(s.sandbox), refreshes(s.sandbox)]
  s.sandbox.failNext(SEND, gmailErrors.userRateLimit())
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code, error.status], ['retryable', 'rate-limited', 403])
  assert.equal(error.reason, 'userRateLimitExceeded')
  assert.equal(gmailRequests(s.sandbox) - requestsBefore, 1)
  assert.equal(refreshes(s.sandbox), refreshesBefore)
})

test('a 500 backendError is retryable and reaches Gmail once', async (t) => {
  const s = await setup(t)
  s.sandbox.failNext(SEND, gmailErrors.backendError())
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code, error.status], ['retryable', 'offline', 500])
  assert.equal(error.reason, 'backendError')
  assert.equal(gmailRequests(s.sandbox), 1)
})

test('a dropped connection on the JSON path is unknown and reaches Gmail exactly once', async (t) => {
  const s = await setup(t)
  s.sandbox.failNext(SEND, { kind: 'drop' })
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.equal(error.kind, 'unknown')
  assert.equal(error.code, 'offline')
  assert.match(error.message, /may have been sent/)
  assert.equal(gmailRequests(s.sandbox), 1)
  assert.deepEqual(s.sandbox.mailbox(), [])
})

test('a dropped connection on the upload path is unknown and reaches Gmail exactly once', async (t) => {
  const s = await setup(t, { uploadThresholdBytes: 1024 })
  s.sandbox.failNext(UPLOAD, { kind: 'drop' })
  const error = await sendFailure(s.transport, await s.message(messageOfSize(300_000)))
  assert.equal(error.kind, 'unknown')
  assert.equal(gmailRequests(s.sandbox), 1)
})

test('a refused connection is retryable: the message never left', async (t) => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const s = await setup(t, { rootUrl: `http://127.0.0.1:${port}/` })
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.equal(error.kind, 'retryable')
  assert.equal(error.code, 'offline')
  assert.match(error.message, /not sent/)
})

test('no answer within the timeout is unknown: the message may have been sent', async (t) => {
  const s = await setup(t, { timeoutMs: 300 })
  s.sandbox.failNext(SEND, { kind: 'delay', ms: 10_000 })
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.equal(error.kind, 'unknown')
  assert.match(error.message, /may have been sent/)
  assert.equal(gmailRequests(s.sandbox), 1)
})

test('a cancelled send stops waiting and says it may have been sent', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  s.sandbox.failNext(SEND, { kind: 'delay', ms: 10_000 })
  const controller = new AbortController()
  const pending = sendFailure(
    s.transport,
    await s.message(rawMessage(), { signal: controller.signal }),
  )
  while (gmailRequests(s.sandbox) < 2) await new Promise((resolve) => setImmediate(resolve))
  controller.abort()
  const error = await pending
  assert.deepEqual([error.code, error.kind], ['cancelled', 'unknown'])
})

test('a 400 from Gmail is permanent and carries Google’s message', async (t) => {
  const s = await setup(t)
  s.sandbox.failNext(SEND, gmailErrors.invalidArgument('Invalid To header'))
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code, error.status], ['permanent', 'invalid-address', 400])
  assert.equal(error.message, 'Invalid To header')
  assert.equal(error.reason, 'invalidArgument')
})

test('a message without recipients is refused by Gmail as permanent', async (t) => {
  const s = await setup(t)
  const error = await sendFailure(s.transport, await s.message(rawMessage({ to: null })))
  assert.deepEqual([error.kind, error.code], ['permanent', 'invalid-address'])
  assert.equal(error.message, 'Recipient address required')
})

test('a Google message quoting the request does not carry the message into the error', async (t) => {
  const s = await setup(t)
  const raw = rawMessage({ text: 'confidential body text' })
  s.sandbox.failNext(
    SEND,
    gmailErrors.invalidArgument(
      `Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed for "${raw.toString('base64url')}"`,
    ),
  )
  const error = await sendFailure(s.transport, await s.message(raw))
  assert.equal(error.kind, 'permanent')
  assert.ok(!error.message.includes(raw.toString('base64url')))
  assert.ok(!JSON.stringify(error).includes(raw.toString('base64url')))
})

test('a 401 on a fresh token gets one refresh and one retry on the JSON path', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  const [requestsBefore, refreshesBefore] = [gmailRequests(s.sandbox), refreshes(s.sandbox)]
  s.sandbox.failNext(SEND, gmailErrors.unauthenticated())
  const raw = rawMessage({ subject: 'after 401' })
  const sent = await s.transport.send(await s.message(raw))
  assert.equal(refreshes(s.sandbox) - refreshesBefore, 1)
  assert.equal(gmailRequests(s.sandbox) - requestsBefore, 2)
  const stored = s.sandbox.mailbox().at(-1)
  assert.equal(stored?.id, sent.id)
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('a 401 on a fresh token gets one refresh and one retry on the upload path', async (t) => {
  const s = await setup(t, { uploadThresholdBytes: 1024 })
  await warmUp(s)
  const [requestsBefore, refreshesBefore] = [gmailRequests(s.sandbox), refreshes(s.sandbox)]
  s.sandbox.failNext(UPLOAD, gmailErrors.unauthenticated())
  const raw = messageOfSize(500_000)
  const progress: number[] = []
  await s.transport.send(
    await s.message(raw, { onProgress: (sentBytes) => progress.push(sentBytes) }),
  )
  assert.equal(refreshes(s.sandbox) - refreshesBefore, 1)
  assert.equal(gmailRequests(s.sandbox) - requestsBefore, 2)
  const stored = s.sandbox.mailbox().at(-1)
  assert.equal(stored?.via, 'multipart')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
  assert.equal(progress.at(-1), raw.length)
})

test('a second 401 after the refresh is an auth failure', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  const [requestsBefore, refreshesBefore] = [gmailRequests(s.sandbox), refreshes(s.sandbox)]
  s.sandbox.failNext(SEND, gmailErrors.unauthenticated(), 2)
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code, error.status], ['auth', 'needs-reconnect', 401])
  assert.equal(refreshes(s.sandbox) - refreshesBefore, 1)
  assert.equal(gmailRequests(s.sandbox) - requestsBefore, 2)
})

test('a revoked grant is an auth failure that asks for a reconnect', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  s.sandbox.revokeGrant(ADA)
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code], ['auth', 'needs-reconnect'])
  assert.equal(error.reason, 'invalid_grant')
  assert.equal(s.sandbox.mailbox().length, 1)
})

test('a grant without gmail.send is an auth failure naming the missing permission', async (t) => {
  const s = await setup(t, {}, async (sandbox) => {
    const { code, verifier } = await authorizationCode(sandbox, ADA, [GMAIL_SEND_SCOPE])
    return (await (await exchangeCode(sandbox, code, verifier)).json()) as TokenBody
  })
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  assert.deepEqual([error.kind, error.code, error.status], ['auth', 'insufficient-permission', 403])
  assert.equal(gmailRequests(s.sandbox), 1)
})

test('failures never carry the access or refresh token', async (t) => {
  const s = await setup(t)
  await warmUp(s)
  s.sandbox.failNext(SEND, gmailErrors.unauthenticated(), 2)
  const error = await sendFailure(s.transport, await s.message(rawMessage()))
  const text = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`
  for (const secret of [s.client.credentials.access_token, s.tokens.refresh_token]) {
    assert.ok(typeof secret === 'string' && secret.length > 0)
    assert.ok(!text.includes(secret))
  }
})
