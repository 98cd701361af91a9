// Child of bench/big-message.ts, in one of two modes (argv[2] is a JSON config):
// - core: the main-process core alone (the sandbox is in the parent), one account, a draft with
//   the attachment; on "go" it sends and reports wall time and peak RSS growth;
// - floor: MailComposer streaming the same message into one POST to the sandbox's upload
//   endpoint, with the token the core child got.
import { open, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import MailComposer from 'nodemailer/lib/mail-composer'
import { createMessageId, writeMessage } from '../../src/main/mail/message-builder'
import type { GoogleEndpoints } from '../../src/main/google-endpoints'
import { childMain, nextFromParent, tell } from '../lib/child-side'
import { rssAfterGc, startRssSampler } from '../lib/rss'
import { allSent, coreOnSandbox, draftFields, newHome, ok, removeHome } from '../lib/core-home'

interface Config {
  readonly mode: 'core' | 'floor'
  readonly attachment: string
  readonly sandbox: {
    url: string
    endpoints: GoogleEndpoints
    clientId: string
    clientSecret: string
  }
  readonly token?: string
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config
const fields = draftFields({ subject: 'A big message', html: '<p>The file is attached.</p>' })

async function core(): Promise<void> {
  const home = await newHome()
  const postline = await coreOnSandbox(config.sandbox, home, 1, { sendTiming: { undoDelayMs: 0 } })
  let result: Record<string, unknown>
  try {
    const email = ok(await postline.handlers['accounts.list'](undefined))[0]!.email
    const draftId = ok(await postline.handlers['drafts.save']({ fields })).id
    ok(await postline.handlers['attachments.addDropped']({ draftId, paths: [config.attachment] }))
    const token = await postline.accounts.accessToken(email)
    await tell({ type: 'ready', token })
    await nextFromParent('go')

    const idle = rssAfterGc()
    const sampler = startRssSampler(10)
    const started = performance.now()
    const queued = ok(await postline.handlers['mail.send']({ draftId }))
    const builtMs = performance.now() - started
    await allSent(postline, [queued.id], 300_000)
    const wallMs = performance.now() - started
    const memory = sampler.stop()
    result = {
      wallMs,
      builtMs,
      size: queued.size,
      idleRss: idle.rss,
      ...memory,
      ...(await buildCosts()),
    }
  } finally {
    await postline.close()
    await removeHome(home)
  }
  // Only now: the parent stops this child as soon as it has the answer.
  await tell({ type: 'done', ...result })
}

/**
 * After the measured send: the same message built to disk by writeMessage, once as it is and
 * once with fsync made a no-op, to tell encoding and writing from waiting on the disk.
 */
async function buildCosts(): Promise<{ writeMessageMs: number; writeMessageNoFsyncMs: number }> {
  const file = path.join(tmpdir(), `postline-bench-${process.pid}.eml`)
  const probe = await open(config.attachment, 'r')
  const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> }
  await probe.close()
  const build = async () => {
    const started = performance.now()
    await writeMessage(
      {
        from: { name: 'Ada Lovelace', address: 'ada@sandbox.test' },
        to: [{ name: 'Grace Hopper', address: 'grace@example.com' }],
        cc: [],
        bcc: [],
        subject: fields.subject,
        html: fields.html,
        text: '',
        attachments: [
          { path: config.attachment, name: 'attachment.bin', mimeType: 'application/octet-stream' },
        ],
        messageId: createMessageId('ada@sandbox.test'),
        date: new Date(),
      },
      file,
    )
    await rm(file, { force: true })
    return performance.now() - started
  }
  const writeMessageMs = await build()
  const realSync = fileHandle.sync
  fileHandle.sync = async () => {}
  try {
    return { writeMessageMs, writeMessageNoFsyncMs: await build() }
  } finally {
    fileHandle.sync = realSync
  }
}

async function floor(): Promise<void> {
  await tell({ type: 'ready' })
  await nextFromParent('go')
  const idle = rssAfterGc()
  const sampler = startRssSampler(10)
  const started = performance.now()
  const message = new MailComposer({
    newline: 'windows',
    disableUrlAccess: true,
    from: { name: 'Ada Lovelace', address: 'ada@sandbox.test' },
    to: [{ name: 'Grace Hopper', address: 'grace@example.com' }],
    subject: fields.subject,
    text: 'The file is attached.',
    html: fields.html,
    attachments: [
      {
        filename: 'attachment.bin',
        path: config.attachment,
        contentType: 'application/octet-stream',
        contentTransferEncoding: 'base64',
      },
    ],
  }).compile()
  let size = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      callback(null, chunk)
    },
  })
  const upload = request(
    `${config.sandbox.url}/upload/gmail/v1/users/me/messages/send?uploadType=media`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'message/rfc822' },
    },
  )
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    upload.on('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    upload.on('error', reject)
  })
  await pipeline(message.createReadStream(), counter, upload)
  const answer = await answered
  if (answer.status !== 200) throw new Error(`upload answered ${answer.status}: ${answer.body}`)
  const wallMs = performance.now() - started
  await tell({ type: 'done', wallMs, size, idleRss: idle.rss, ...sampler.stop() })
}

childMain(() => (config.mode === 'core' ? core() : floor()))
