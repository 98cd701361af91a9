import { test } from 'node:test'
import assert from 'node:assert/strict'
import { simpleParser } from 'mailparser'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import {
  GMAIL_MAX_JSON_BYTES,
  GMAIL_MAX_MESSAGE_BYTES,
  gmailErrors,
} from '../../../src/sandbox/index'
import type { Sandbox } from '../../../src/sandbox/index'
import { messageOfSize, rawMessage, sha256 } from '../../helpers/raw-message'
import { authorizationCode, exchangeCode, sandboxFor, signIn } from '../../helpers/oauth-flow'
import type { TokenBody } from '../../helpers/oauth-flow'

const SEND = '/gmail/v1/users/me/messages/send'
const UPLOAD = '/upload/gmail/v1/users/me/messages/send'

interface GmailAnswer {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

async function answerOf(response: Response): Promise<GmailAnswer> {
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/** `users.messages.send` with a JSON body, as googleapis sends it. */
async function sendJson(
  sandbox: Sandbox,
  token: string | undefined,
  body: unknown,
  path = SEND,
): Promise<GmailAnswer> {
  return answerOf(
    await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
}

/** The upload endpoint with `uploadType=media`: the body is the message. */
async function sendMedia(
  sandbox: Sandbox,
  token: string,
  raw: Buffer,
  contentType = 'message/rfc822',
  uploadType = 'media',
): Promise<GmailAnswer> {
  return answerOf(
    await fetch(`${sandbox.url}${UPLOAD}?uploadType=${uploadType}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Authorization: `Bearer ${token}` },
      body: raw,
    }),
  )
}

/** The upload endpoint with `uploadType=multipart`, laid out as googleapis-common does. */
async function sendMultipart(
  sandbox: Sandbox,
  token: string,
  raw: Buffer,
  metadata: unknown = {},
): Promise<GmailAnswer> {
  const boundary = 'b7c1e5d0-4f1e-4e0e-9a59-2a4d3c1c9b11'
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\ncontent-type: message/rfc822\r\n\r\n`,
    ),
    raw,
    Buffer.from(`\r\n--${boundary}--`),
  ])
  return answerOf(
    await fetch(`${sandbox.url}${UPLOAD}?uploadType=multipart`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/related; boundary=${boundary}`,
        Authorization: `Bearer ${token}`,
      },
      body,
    }),
  )
}

function googleError(answer: GmailAnswer): { code: number; message: string; reason: string } {
  const error = answer.body.error as {
    code: number
    message: string
    errors: { reason: string }[]
  }
  return { code: error.code, message: error.message, reason: error.errors[0]?.reason ?? '' }
}

async function sandboxWithToken(
  t: Parameters<typeof sandboxFor>[0],
  options?: Parameters<typeof sandboxFor>[1],
): Promise<{ sandbox: Sandbox; tokens: TokenBody }> {
  const sandbox = await sandboxFor(t, options)
  // The test messages are From Ada: Grace's Gmail may send as her, so they are kept byte for byte
  // (an unverified From is replaced; sandbox-send-as.test.ts checks that rule).
  sandbox.addSendAs('grace@sandbox.test', 'ada@sandbox.test')
  return { sandbox, tokens: await signIn(sandbox, 'grace@sandbox.test') }
}

test('a JSON send stores the decoded message byte for byte and answers ids and SENT', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = rawMessage({ subject: 'JSON path' })
  const answer = await sendJson(sandbox, tokens.access_token, { raw: raw.toString('base64url') })
  assert.equal(answer.status, 200)
  assert.match(String(answer.body.id), /^[0-9a-f]{16}$/)
  assert.equal(answer.body.threadId, answer.body.id)
  assert.deepEqual(answer.body.labelIds, ['SENT'])
  const [stored] = sandbox.mailbox()
  assert.equal(stored?.id, answer.body.id)
  assert.equal(stored?.account, 'grace@sandbox.test')
  assert.equal(stored?.via, 'json')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('raw is accepted with base64 padding as well as without', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = rawMessage({ text: 'x' })
  const padded = raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
  assert.ok(padded.endsWith('='), 'the test message must need padding')
  assert.equal((await sendJson(sandbox, tokens.access_token, { raw: padded })).status, 200)
  assert.deepEqual(sandbox.mailbox()[0]?.raw, raw)
})

test('raw with characters outside the base64url alphabet is refused with invalidArgument', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const standard = rawMessage({ text: '??>??>??>' }).toString('base64')
  assert.match(standard, /[+/]/)
  const answer = await sendJson(sandbox, tokens.access_token, { raw: standard })
  assert.equal(answer.status, 400)
  assert.equal(googleError(answer).reason, 'invalidArgument')
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a JSON body without raw is refused as Google does', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const answer = await sendJson(sandbox, tokens.access_token, {})
  assert.equal(answer.status, 400)
  assert.match(googleError(answer).message, /'raw' RFC822 payload message string/)
})

test('userId may be the token’s own address but not someone else’s', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = { raw: rawMessage().toString('base64url') }
  const own = await sendJson(
    sandbox,
    tokens.access_token,
    raw,
    '/gmail/v1/users/grace%40sandbox.test/messages/send',
  )
  assert.equal(own.status, 200)
  const other = await sendJson(
    sandbox,
    tokens.access_token,
    raw,
    '/gmail/v1/users/ada%40sandbox.test/messages/send',
  )
  assert.equal(other.status, 403)
  assert.equal(googleError(other).message, 'Delegation denied for ada@sandbox.test')
  assert.equal(sandbox.mailbox().length, 1)
})

test('a multipart upload stores the message part byte for byte', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = messageOfSize(200_000)
  const answer = await sendMultipart(sandbox, tokens.access_token, raw)
  assert.equal(answer.status, 200)
  assert.deepEqual(answer.body.labelIds, ['SENT'])
  const [stored] = sandbox.mailbox()
  assert.equal(stored?.via, 'multipart')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('a media upload stores the body as the message', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = messageOfSize(50_000)
  const answer = await sendMedia(sandbox, tokens.access_token, raw)
  assert.equal(answer.status, 200)
  const [stored] = sandbox.mailbox()
  assert.equal(stored?.via, 'media')
  assert.equal(sha256(stored?.raw ?? Buffer.alloc(0)), sha256(raw))
})

test('a media upload that is not message/* is refused with badContent', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const answer = await sendMedia(sandbox, tokens.access_token, rawMessage(), 'text/plain')
  assert.equal(answer.status, 400)
  assert.equal(googleError(answer).reason, 'badContent')
})

test('a resumable upload is refused with 400, as googleapis never starts one', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const answer = await sendMedia(
    sandbox,
    tokens.access_token,
    rawMessage(),
    'message/rfc822',
    'resumable',
  )
  assert.equal(answer.status, 400)
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a threadId of a thread the account has keeps the reply in that thread', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const first = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage().toString('base64url'),
  })
  const reply = await sendMultipart(sandbox, tokens.access_token, rawMessage(), {
    threadId: first.body.threadId,
  })
  assert.equal(reply.body.threadId, first.body.threadId)
  assert.notEqual(reply.body.id, first.body.id)
})

test('a request without a token gets Google’s 401 body and WWW-Authenticate header', async (t) => {
  const { sandbox } = await sandboxWithToken(t)
  const answer = await sendJson(sandbox, undefined, { raw: rawMessage().toString('base64url') })
  assert.equal(answer.status, 401)
  assert.equal(
    answer.headers.get('www-authenticate'),
    'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  )
  assert.deepEqual(answer.body, {
    error: {
      code: 401,
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      errors: [
        {
          message: 'Invalid Credentials',
          domain: 'global',
          reason: 'authError',
          location: 'Authorization',
          locationType: 'header',
        },
      ],
      status: 'UNAUTHENTICATED',
    },
  })
})

test('an expired access token gets 401 on the JSON path and the upload path', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  sandbox.expireAccessTokens()
  const raw = rawMessage()
  const json = await sendJson(sandbox, tokens.access_token, { raw: raw.toString('base64url') })
  assert.equal(json.status, 401)
  assert.equal((await sendMultipart(sandbox, tokens.access_token, raw)).status, 401)
  assert.equal((await sendMedia(sandbox, tokens.access_token, raw)).status, 401)
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a revoked grant’s access token gets 401', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  sandbox.revokeGrant('grace@sandbox.test')
  const answer = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage().toString('base64url'),
  })
  assert.equal(answer.status, 401)
  assert.equal(googleError(answer).reason, 'authError')
})

test('a grant without gmail.send gets 403 insufficientPermissions', async (t) => {
  const sandbox = await sandboxFor(t)
  const { code, verifier } = await authorizationCode(sandbox, 'ada@sandbox.test', [
    GMAIL_SEND_SCOPE,
  ])
  const tokens = (await (await exchangeCode(sandbox, code, verifier)).json()) as TokenBody
  const answer = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage().toString('base64url'),
  })
  assert.equal(answer.status, 403)
  assert.deepEqual(answer.body, {
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [
        { message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' },
      ],
      status: 'PERMISSION_DENIED',
    },
  })
  assert.match(
    answer.headers.get('www-authenticate') ?? '',
    /^Bearer realm="https:\/\/accounts\.google\.com\/", error="insufficient_scope", scope="[^"]*gmail\.send[^"]*"$/,
  )
})

test('a grant whose send scope is withdrawn gets 403 insufficientPermissions, not 401', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const message = { raw: rawMessage().toString('base64url') }
  assert.equal(sandbox.withdrawScope('grace@sandbox.test', GMAIL_SEND_SCOPE), 1)
  assert.equal(sandbox.withdrawScope('grace@sandbox.test', GMAIL_SEND_SCOPE), 0, 'once only')
  const answer = await sendJson(sandbox, tokens.access_token, message)
  assert.equal(answer.status, 403)
  assert.equal(googleError(answer).reason, 'insufficientPermissions')
  assert.deepEqual(sandbox.liveGrants(), [
    {
      email: 'grace@sandbox.test',
      scopes: tokens.scope.split(' ').filter((s) => s !== GMAIL_SEND_SCOPE),
    },
  ])
})

test('a message of exactly 35 MiB is accepted by the media upload', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = Buffer.concat([rawMessage(), Buffer.from('\r\n')])
  const padded = Buffer.alloc(GMAIL_MAX_MESSAGE_BYTES, 0x41)
  raw.copy(padded)
  const answer = await sendMedia(sandbox, tokens.access_token, padded)
  assert.equal(answer.status, 200)
  assert.equal(sandbox.mailbox()[0]?.raw.length, GMAIL_MAX_MESSAGE_BYTES)
})

test('a message one byte over 35 MiB is refused with 413 uploadTooLarge and not stored', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = Buffer.alloc(GMAIL_MAX_MESSAGE_BYTES + 1, 0x41)
  rawMessage().copy(raw)
  for (const answer of [
    await sendMedia(sandbox, tokens.access_token, raw),
    await sendMultipart(sandbox, tokens.access_token, raw),
  ]) {
    assert.equal(answer.status, 413)
    assert.equal(googleError(answer).reason, 'uploadTooLarge')
    assert.match(googleError(answer).message, /^Request payload size exceeds the limit/)
  }
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a JSON body over the JSON limit is refused with Google’s payload-size answer', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = messageOfSize(Math.ceil((GMAIL_MAX_JSON_BYTES * 3) / 4) + 10_000)
  const answer = await sendJson(sandbox, tokens.access_token, { raw: raw.toString('base64url') })
  assert.equal(answer.status, 400)
  assert.equal(
    googleError(answer).message,
    `Request payload size exceeds the limit: ${GMAIL_MAX_JSON_BYTES} bytes.`,
  )
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a message with no To, Cc or Bcc is refused with “Recipient address required”', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const answer = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage({ to: null }).toString('base64url'),
  })
  assert.equal(answer.status, 400)
  assert.deepEqual(googleError(answer), {
    code: 400,
    message: 'Recipient address required',
    reason: 'invalidArgument',
  })
  assert.deepEqual(sandbox.mailbox(), [])
})

test('a message with only a Bcc recipient is accepted', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const raw = rawMessage({ to: null, bcc: 'hidden@example.com' })
  const answer = await sendMedia(sandbox, tokens.access_token, raw)
  assert.equal(answer.status, 200)
})

test('an unreadable To address is refused with “Invalid To header”', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const answer = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage({ to: 'not an address' }).toString('base64url'),
  })
  assert.equal(answer.status, 400)
  assert.equal(googleError(answer).message, 'Invalid To header')
})

test('requests() counts Gmail calls on both paths but not mailbox reads', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const before = sandbox.requests().length
  await sendJson(sandbox, tokens.access_token, { raw: rawMessage().toString('base64url') })
  await sendMedia(sandbox, tokens.access_token, rawMessage())
  await fetch(`${sandbox.url}/_sandbox/mailbox`)
  await fetch(`${sandbox.url}/_sandbox/mailbox.html`)
  assert.deepEqual(
    sandbox
      .requests()
      .slice(before)
      .map(({ method, path }) => `${method} ${path}`),
    [`POST ${SEND}`, `POST ${UPLOAD}`],
  )
})

test('gmailErrors.rateLimited answers 429 rateLimitExceeded with Retry-After', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  sandbox.failNext(SEND, gmailErrors.rateLimited(30))
  const answer = await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage().toString('base64url'),
  })
  assert.equal(answer.status, 429)
  assert.equal(answer.headers.get('retry-after'), '30')
  assert.equal(googleError(answer).reason, 'rateLimitExceeded')
  assert.match(googleError(answer).message, /^User-rate limit exceeded\. {2}Retry after \d{4}-/)
  assert.deepEqual(sandbox.mailbox(), [])
})

test('gmailErrors give Google’s 403 userRateLimitExceeded, 500 backendError and 401 bodies', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  sandbox.failNext(SEND, gmailErrors.userRateLimit())
  sandbox.failNext(UPLOAD, gmailErrors.backendError())
  sandbox.failNext(SEND, gmailErrors.unauthenticated())
  const raw = rawMessage()
  const limited = await sendJson(sandbox, tokens.access_token, { raw: raw.toString('base64url') })
  const broken = await sendMedia(sandbox, tokens.access_token, raw)
  const refused = await sendJson(sandbox, tokens.access_token, { raw: raw.toString('base64url') })
  assert.deepEqual([limited.status, googleError(limited).reason], [403, 'userRateLimitExceeded'])
  assert.equal(
    (limited.body.error as { errors: { domain: string }[] }).errors[0]?.domain,
    'usageLimits',
  )
  assert.deepEqual([broken.status, googleError(broken).reason], [500, 'backendError'])
  assert.deepEqual([refused.status, googleError(refused).reason], [401, 'authError'])
  assert.match(refused.headers.get('www-authenticate') ?? '', /error="invalid_token"/)
})

test('GET /_sandbox/mailbox returns raw as base64 with headers, bodies and attachment hashes', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const pdf = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))
  const raw = rawMessage({
    to: 'Ada <ada@example.com>',
    cc: 'zoe@example.com',
    bcc: 'hidden@example.com',
    subject: 'Report',
    text: 'See attached.',
    html: '<p>See <b>attached</b>.</p>',
    attachments: [{ filename: 'report.pdf', contentType: 'application/pdf', content: pdf }],
  })
  await sendMultipart(sandbox, tokens.access_token, raw)
  const { messages } = (await (await fetch(`${sandbox.url}/_sandbox/mailbox`)).json()) as {
    messages: Record<string, unknown>[]
  }
  assert.equal(messages.length, 1)
  const [message] = messages as [Record<string, unknown>]
  assert.equal(sha256(Buffer.from(String(message.raw), 'base64')), sha256(raw))
  assert.equal(message.account, 'grace@sandbox.test')
  assert.equal(message.via, 'multipart')
  assert.deepEqual(message.headers, {
    from: '"Ada Lovelace" <ada@sandbox.test>',
    to: '"Ada" <ada@example.com>',
    cc: 'zoe@example.com',
    bcc: 'hidden@example.com',
    subject: 'Report',
    date: '2026-03-02T10:00:00.000Z',
    messageId: '<test.1@postline.test>',
  })
  assert.equal(message.text, 'See attached.')
  assert.equal(message.html, '<p>See <b>attached</b>.</p>')
  assert.deepEqual(message.attachments, [
    { filename: 'report.pdf', contentType: 'application/pdf', size: 5000, sha256: sha256(pdf) },
  ])
  const parsed = await simpleParser(sandbox.mailbox()[0]?.raw ?? Buffer.alloc(0))
  assert.equal(parsed.attachments[0]?.content.length, 5000)
})

test('the mailbox page lists account, headers, bodies and attachments, with the HTML kept inert', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  const content = Buffer.from('attachment bytes')
  await sendJson(sandbox, tokens.access_token, {
    raw: rawMessage({
      subject: 'Page <check>',
      text: 'Plain & simple',
      html: '<p>Hi</p><script>alert(1)</script>',
      attachments: [{ filename: 'notes.txt', contentType: 'text/plain', content }],
    }).toString('base64url'),
  })
  const response = await fetch(`${sandbox.url}/_sandbox/mailbox.html`)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/)
  const html = await response.text()
  assert.match(html, /grace@sandbox\.test/)
  assert.match(html, /Page &lt;check&gt;/)
  assert.match(html, /&quot;Grace Hopper&quot; &lt;grace@example\.com&gt;/)
  assert.match(html, /Plain &amp; simple/)
  assert.match(html, /<iframe sandbox="" [^>]*srcdoc="&lt;p&gt;Hi&lt;\/p&gt;&lt;script&gt;/)
  assert.doesNotMatch(html, /<script>/)
  assert.match(html, /notes\.txt/)
  assert.match(html, new RegExp(`${content.length} bytes`))
  assert.match(html, new RegExp(sha256(content)))
})

test('the index page links to the mailbox', async (t) => {
  const sandbox = await sandboxFor(t)
  const html = await (await fetch(`${sandbox.url}/`)).text()
  assert.match(html, /href="\/_sandbox\/mailbox\.html"/)
})

test('clearMailbox() and POST /_sandbox/mailbox/clear (a test control) empty the mailbox', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t, { testControls: true })
  const raw = { raw: rawMessage().toString('base64url') }
  await sendJson(sandbox, tokens.access_token, raw)
  sandbox.clearMailbox()
  assert.deepEqual(sandbox.mailbox(), [])
  await sendJson(sandbox, tokens.access_token, raw)
  const response = await fetch(`${sandbox.url}/_sandbox/mailbox/clear`, { method: 'POST' })
  assert.equal(response.status, 200)
  assert.deepEqual(sandbox.mailbox(), [])
  assert.match(
    await (await fetch(`${sandbox.url}/_sandbox/mailbox.html`)).text(),
    /Empty the mailbox/,
  )
})

test('by default the mailbox is read-only: no clear route, no button', async (t) => {
  const { sandbox, tokens } = await sandboxWithToken(t)
  await sendJson(sandbox, tokens.access_token, { raw: rawMessage().toString('base64url') })
  const response = await fetch(`${sandbox.url}/_sandbox/mailbox/clear`, { method: 'POST' })
  assert.equal(response.status, 404)
  assert.equal(sandbox.mailbox().length, 1)
  const page = await (await fetch(`${sandbox.url}/_sandbox/mailbox.html`)).text()
  assert.doesNotMatch(page, /Empty the mailbox|mailbox\/clear/)
})
