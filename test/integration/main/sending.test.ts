import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser, type AddressObject } from 'mailparser'
import { gmailErrors, type Sandbox } from '../../../src/sandbox/index'
import type { EventPayloads } from '../../../src/shared/contract'
import { failed, ok, sandboxOptions, startCore } from '../../helpers/core'
import {
  coreWithAccounts,
  afterAttempt,
  draftFields,
  newDraft,
  outboxState,
  requestCount,
} from '../../helpers/sending'
import { ADA, GRACE, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const GMAIL = '/gmail/v1/users/me/messages/send'

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((group) => group.value.map((entry) => `${entry.name}|${entry.address}`))
}

test('a message with every kind of field arrives at Gmail exactly as written', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA, GRACE])
  const pdf = join(dataDir, 'Résumé 2026 – final 📎.pdf')
  const image = join(dataDir, 'photo.png')
  await writeFile(pdf, Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256)))
  await writeFile(image, Buffer.from('89504e470d0a1a0a', 'hex'))
  const draftId = await newDraft(core, {
    from: GRACE,
    to: ['"Lovelace, Ada" <ada@example.com>', 'zed@example.com'],
    cc: ['Zoë Ångström 🚀 <zoe@example.com>'],
    bcc: ['hidden@example.com'],
    subject: 'Grüße 👋 — café',
    html: '<p>Hello <strong>there</strong></p><ul><li>one</li></ul>',
  })
  ok(await core.handlers['attachments.addDropped']({ draftId, paths: [pdf, image] }))
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const sent = await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')

  const received = sandbox.mailbox().slice(before)
  assert.equal(received.length, 1)
  assert.equal(received[0]!.account, GRACE)
  const raw = received[0]!.raw
  assert.doesNotMatch(raw.toString('latin1'), /[^\r]\n|\r[^\n]/, 'CRLF line endings only')
  assert.ok(
    raw
      .toString('latin1')
      .split('\r\n')
      .every((line) => Buffer.byteLength(line, 'latin1') <= 998),
  )
  assert.match(raw.toString('latin1'), /^Bcc: hidden@example\.com\r$/m)
  const mail = await simpleParser(raw)
  assert.equal(mail.subject, 'Grüße 👋 — café')
  assert.deepEqual(addresses(mail.from), [`Grace Hopper|${GRACE}`])
  assert.deepEqual(addresses(mail.to), ['Lovelace, Ada|ada@example.com', '|zed@example.com'])
  assert.deepEqual(addresses(mail.cc), ['Zoë Ångström 🚀|zoe@example.com'])
  assert.deepEqual(addresses(mail.bcc), ['|hidden@example.com'])
  assert.match(mail.html || '', /<strong>there<\/strong>/)
  assert.match(mail.text ?? '', /Hello there/)
  assert.deepEqual(
    mail.attachments.map((a) => [a.filename, a.contentType, sha256(a.content)]),
    [
      [
        'Résumé 2026 – final 📎.pdf',
        'application/pdf',
        sha256(Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256))),
      ],
      ['photo.png', 'image/png', sha256(Buffer.from('89504e470d0a1a0a', 'hex'))],
    ],
  )
  // The draft is gone once the message went out; the outbox keeps it as sent.
  assert.deepEqual(ok(await core.handlers['drafts.list'](undefined)), [])
  assert.equal(failed(await core.handlers['drafts.get']({ id: draftId })).code, 'not-found')
})

test('undo within the delay brings the draft back and nothing is sent', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA], { undoDelayMs: 60_000 })
  const draftId = await newDraft(core, { subject: 'Second thoughts' })
  const before = requestCount(sandbox, GMAIL)
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal(queued.state, 'scheduled')
  assert.deepEqual(ok(await core.handlers['drafts.list'](undefined)), [])
  const draft = ok(await core.handlers['mail.undo']({ outboxId: queued.id }))
  assert.equal(draft.subject, 'Second thoughts')
  assert.equal(draft.outboxId, null)
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.deepEqual(
    ok(await core.handlers['drafts.list'](undefined)).map((d) => d.id),
    [draftId],
  )
  assert.equal(requestCount(sandbox, GMAIL), before)
})

test('undo after the message went out says it is too late', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  await outboxState(core, queued.id, ['sent'])
  const error = failed(await core.handlers['mail.undo']({ outboxId: queued.id }))
  assert.equal(error.code, 'busy')
  assert.match(error.message, /Too late/)
})

test('a rate limit with Retry-After is waited out and the message goes out once', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, gmailErrors.rateLimited(0), 2)
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  const sent = await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')
  assert.equal(sent.attempts, 3)
  assert.equal(sandbox.mailbox().length - before, 1)
})

test('a 403 user rate limit and a 500 are retried with backoff', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, gmailErrors.userRateLimit(), 1)
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  const waiting = await afterAttempt(core, queued.id, ['queued', 'sent'])
  if (waiting.state === 'queued') assert.equal(waiting.error?.code, 'rate-limited')
  assert.equal((await outboxState(core, queued.id, ['sent'])).attempts, 2)

  sandbox.failNext(GMAIL, gmailErrors.backendError(), 2)
  const second = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  assert.equal((await outboxState(core, second.id, ['sent'])).attempts, 3)
})

test('a connection dropped after the message left is unknown, never resent on its own', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, { kind: 'drop' }, 1)
  const before = requestCount(sandbox, GMAIL)
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  const unknown = await afterAttempt(core, queued.id, ['unknown', 'sent', 'queued'])
  assert.equal(unknown.state, 'unknown')
  assert.match(unknown.error?.message ?? '', /may have been sent/)
  assert.equal(failed(await core.handlers['outbox.retry']({ id: queued.id })).code, 'busy')
  assert.equal(requestCount(sandbox, GMAIL) - before, 1)

  ok(await core.handlers['outbox.sendAgain']({ id: queued.id }))
  assert.equal((await outboxState(core, queued.id, ['sent'])).attempts, 2)
  assert.equal(requestCount(sandbox, GMAIL) - before, 2)
})

test('a permanent refusal fails with Google’s message and keeps the draft', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.failNext(GMAIL, {
    kind: 'status',
    status: 400,
    body: {
      error: {
        code: 400,
        message: 'Invalid To header',
        errors: [{ message: 'Invalid To header', domain: 'global', reason: 'invalidArgument' }],
        status: 'INVALID_ARGUMENT',
      },
    },
  })
  const draftId = await newDraft(core, { subject: 'Keep me' })
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const failedItem = await outboxState(core, queued.id, ['failed', 'sent'])
  assert.equal(failedItem.state, 'failed')
  assert.match(failedItem.error?.message ?? '', /Invalid To header/)
  const remaining = ok(await core.handlers['outbox.discard']({ id: queued.id }))
  assert.deepEqual(
    remaining.filter((item) => item.id === queued.id),
    [],
  )
  assert.deepEqual(
    ok(await core.handlers['drafts.list'](undefined)).map((d) => d.subject),
    ['Keep me'],
  )
})

test('a revoked grant holds the message, asks to reconnect, and sends after reconnecting', async (t) => {
  const { core, browserChoices } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.revokeGrant(ADA)
  await core.accounts.forgetAccessToken(ADA)
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  const held = await outboxState(core, queued.id, ['held', 'sent', 'failed'])
  assert.equal(held.state, 'held')
  assert.deepEqual(
    ok(await core.handlers['accounts.list'](undefined)).map((a) => a.status),
    ['needs-reconnect'],
  )

  browserChoices.push({ identity: ADA })
  ok(await core.handlers['accounts.reconnect']({ email: ADA }))
  await outboxState(core, queued.id, ['sent'])
  assert.equal(sandbox.mailbox().length - before, 1)
})

test('a 401 on a token Postline believes fresh causes one refresh and the send succeeds', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  sandbox.expireAccessTokens(ADA)
  const refreshes = requestCount(sandbox, '/token', 'refresh_token')
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  assert.equal(
    (await outboxState(core, queued.id, ['sent', 'failed', 'held', 'unknown'])).state,
    'sent',
  )
  assert.equal(requestCount(sandbox, '/token', 'refresh_token') - refreshes, 1)
})

test('a hundred sends at once on an expired access token make one token request', async (t) => {
  const { core, dataDir, keychainService } = await coreWithAccounts(t, sandbox, [ADA], {
    undoDelayMs: 0,
    concurrency: 100,
  })
  const drafts = await Promise.all(
    Array.from({ length: 100 }, (_, i) => newDraft(core, { subject: `n${i}` })),
  )
  await core.accounts.forgetAccessToken(ADA)
  const refreshes = requestCount(sandbox, '/token', 'refresh_token')
  const queued = await Promise.all(
    drafts.map(async (draftId) => ok(await core.handlers['mail.send']({ draftId }))),
  )
  const states = await Promise.all(
    queued.map((item) => outboxState(core, item.id, ['sent', 'failed', 'unknown', 'held'])),
  )
  assert.ok(states.every((item) => item.state === 'sent'))
  assert.equal(requestCount(sandbox, '/token', 'refresh_token') - refreshes, 1)
  // Every one was seen as sent (above); the history is capped at 50 while running, and the
  // next start keeps the same 50.
  await core.sending.close()
  const listed = ok(await core.handlers['outbox.list'](undefined))
  assert.equal(listed.length, 50)
  assert.ok(listed.every((item) => item.state === 'sent'))
  await core.close()
  const { core: again } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, async () => {}),
    {
      verifyAtStart: false,
    },
  )
  const history = ok(await again.handlers['outbox.list'](undefined))
  assert.equal(history.length, 50)
  assert.ok(history.every((item) => item.state === 'sent'))
})

test('invalid addresses and header injection are refused before anything is queued', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const cases: [Partial<Parameters<typeof newDraft>[1]>, string][] = [
    [{ to: ['not an address'] }, 'invalid-address'],
    [{ to: ['a@b.c\r\nBcc: evil@example.com'] }, 'invalid-address'],
    [{ cc: ['Evil\n <evil@example.com>'] }, 'invalid-address'],
    [{ bcc: ['evil@example.com\nX: y'] }, 'invalid-address'],
    [{ to: [] }, 'invalid-address'],
    [{ subject: 'Hi\r\nBcc: evil@example.com' }, 'invalid-input'],
    [{ subject: 'Hi\nthere' }, 'invalid-input'],
  ]
  const before = requestCount(sandbox, GMAIL)
  for (const [change, code] of cases) {
    const draftId = await newDraft(core, change)
    const error = failed(await core.handlers['mail.send']({ draftId }))
    assert.equal(error.code, code, JSON.stringify(change))
  }
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.equal(ok(await core.handlers['drafts.list'](undefined)).length, cases.length)
  assert.equal(requestCount(sandbox, GMAIL), before)
})

test('the window cannot name a file or reach another draft’s attachment', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const draftId = await newDraft(core)
  const sneaky = {
    fields: {
      ...ok(await core.handlers['drafts.get']({ id: draftId })),
      attachments: [{ path: '/etc/passwd' }],
    },
    id: draftId,
  }
  assert.equal(failed(await core.handlers['drafts.save'](sneaky)).code, 'invalid-input')
  assert.equal(
    failed(await core.handlers['attachments.remove']({ draftId, attachmentId: 'someone-elses-id' }))
      .code,
    'not-found',
  )
  assert.equal(
    failed(await core.handlers['attachments.addDropped']({ draftId, paths: [] })).code,
    'invalid-input',
  )
  assert.equal(
    failed(await core.handlers['mail.send']({ draftId: '../../etc/passwd' })).code,
    'invalid-input',
  )
})

// Gmail's 35 MB limit counts the encoded message, and base64 makes an attachment ~37% larger,
// so a "30 MB" message carries a 22 MB attachment; a 30 MB attachment cannot fit (it is refused).
test('a 30 MB message goes through the upload path with progress; a larger one is refused before any request', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const big = join(dataDir, 'video.mp4')
  const content = Buffer.alloc(22 * 1024 * 1024)
  for (let i = 0; i < content.length; i += 4096) content.writeUInt32BE(i, i)
  await writeFile(big, content)
  const draftId = await newDraft(core, { subject: 'Big one' })
  ok(await core.handlers['attachments.addDropped']({ draftId, paths: [big] }))
  const progress: number[] = []
  core.on('send.progress', (p) => progress.push(p.sentBytes / p.totalBytes))
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.ok(queued.size > 30 * 1024 * 1024, `${queued.size} bytes`)
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const received = sandbox.mailbox().slice(before)
  assert.equal(received.length, 1)
  assert.notEqual(received[0]!.via, 'json')
  assert.equal(progress.at(-1), 1)
  const mail = await simpleParser(received[0]!.raw)
  assert.equal(sha256(mail.attachments[0]!.content), sha256(content))

  const huge = join(dataDir, 'huge.bin')
  await writeFile(huge, Buffer.alloc(30 * 1024 * 1024))
  const requests = sandbox.requests().length
  const refused = failed(
    await core.handlers['attachments.addDropped']({ draftId: await newDraft(core), paths: [huge] }),
  )
  assert.equal(refused.code, 'too-large')
  assert.match(
    refused.message,
    /“huge\.bin” was not attached\. This message would be about 41\.1 MB; Gmail accepts up to 35 MB/,
  )
  assert.equal(sandbox.requests().length, requests)
})

test('the window is told only what changed: each outbox and drafts event names the lines that changed, numbered one by one', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA], { undoDelayMs: 60_000 })
  const others = await Promise.all([1, 2, 3].map((n) => newDraft(core, { subject: `other ${n}` })))
  const draftId = await newDraft(core, { subject: 'the one' })
  const outboxEvents: EventPayloads['outbox.changed'][] = []
  const draftEvents: EventPayloads['drafts.changed'][] = []
  core.on('outbox.changed', (change) => outboxEvents.push(change))
  core.on('drafts.changed', (change) => draftEvents.push(change))

  const queued = ok(await core.handlers['mail.send']({ draftId }))
  await core.sending.buildsDone()
  ok(
    await core.handlers['drafts.save']({
      id: others[0],
      fields: draftFields({ subject: 'edited' }),
    }),
  )
  ok(await core.handlers['mail.undo']({ outboxId: queued.id }))

  // Outbox: the queued item, its built size, then its removal; never the other lines.
  assert.equal(outboxEvents.length, 3)
  for (const [index, event] of outboxEvents.entries()) {
    assert.equal(event.seq, outboxEvents[0]!.seq + index, 'numbered one by one')
    for (const item of event.upserted) assert.equal(item.id, queued.id)
  }
  assert.equal(outboxEvents[0]!.upserted[0]?.state, 'scheduled')
  assert.deepEqual(outboxEvents.at(-1)!.removed, [queued.id])
  // Drafts: the sent draft leaves the list, the edited one changes, the undone one comes back.
  assert.deepEqual(
    draftEvents.map((event) => [event.upserted.map((d) => d.subject), event.removed]),
    [
      [[], [draftId]],
      [['edited'], []],
      [['the one'], []],
    ],
  )
  for (const [index, event] of draftEvents.entries())
    assert.equal(event.seq, draftEvents[0]!.seq + index)
})
