// Child of bench/big-message.ts, in one of two modes (argv[2] is a JSON config):
// - core: the main-process core alone (the sandbox is in the parent), one account, a draft with
//   the attachment; on "go" it sends (undoDelayMs 0) and reports the time from the message's
//   end of the Undo window (first seen queued) to sent, the whole mail.send → sent, and peak RSS
//   growth;
// - floor: the same message built to disk beforehand by the same writer (writeMessage), then on
//   "go" streamed from disk into one POST to the sandbox's upload endpoint, with the token the
//   core child got.
import { rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createMessageId, writeMessage } from '../../src/main/mail/message-builder'
import type { OutgoingMessage } from '../../src/main/mail/types'
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system'
import type { GoogleEndpoints } from '../../src/main/google-endpoints'
import { childMain, nextFromParent, tell } from '../lib/child-side'
import { rssAfterGc, startRssSampler } from '../lib/rss'
import { coreOnSandbox, draftFields, newHome, ok, removeHome } from '../lib/core-home'
import { OutboxClock } from '../lib/outbox-clock'

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

    const clock = new OutboxClock(postline)
    const idle = rssAfterGc()
    const sampler = startRssSampler(10)
    const started = performance.now()
    const queued = ok(await postline.handlers['mail.send']({ draftId }))
    const answeredMs = performance.now() - started
    await clock.whenSent(queued.id, 300_000)
    const sentAt = clock.sent.get(queued.id)!
    const memory = sampler.stop()
    const ready = clock.ready.get(queued.id)!
    clock.close()
    result = {
      wallMs: sentAt - ready.at,
      clockStartedAt: ready.state,
      sendToSentMs: sentAt - started,
      sendToQueuedMs: ready.at - started,
      mailSendAnsweredMs: answeredMs,
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

/** The message both sides send: one line of text and the attachment from the parent. */
function benchMessage(): OutgoingMessage {
  return {
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
  }
}

/** The file-system port with fsync made a no-op: what building costs without waiting on disk. */
const noSyncFileSystem: FileSystem = {
  ...nodeFileSystem,
  open: async (target, flags, mode) => {
    const handle = await nodeFileSystem.open(target, flags, mode)
    return {
      fd: handle.fd,
      write: (buffer, offset, length) => handle.write(buffer, offset, length),
      writeFile: (data) => handle.writeFile(data),
      sync: async () => {},
      stat: () => handle.stat(),
      close: () => handle.close(),
    }
  },
}

/**
 * After the measured send: the same message built to disk by writeMessage, once as it is and
 * once with fsync made a no-op, to tell encoding and writing from waiting on the disk.
 */
async function buildCosts(): Promise<{ writeMessageMs: number; writeMessageNoFsyncMs: number }> {
  const file = path.join(tmpdir(), `postline-bench-${process.pid}.eml`)
  const build = async (fs: FileSystem) => {
    const started = performance.now()
    await writeMessage(benchMessage(), file, { fs })
    await rm(file, { force: true })
    return performance.now() - started
  }
  return {
    writeMessageMs: await build(nodeFileSystem),
    writeMessageNoFsyncMs: await build(noSyncFileSystem),
  }
}

async function floor(): Promise<void> {
  // The same message, built by the same writer before the clock starts (as the core builds it
  // at Send, inside the Undo window).
  const file = path.join(tmpdir(), `postline-bench-floor-${process.pid}.eml`)
  await writeMessage(benchMessage(), file)
  await tell({ type: 'ready' })
  await nextFromParent('go')
  const idle = rssAfterGc()
  const sampler = startRssSampler(10)
  const started = performance.now()
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
  await pipeline(createReadStream(file), counter, upload)
  const answer = await answered
  if (answer.status !== 200) throw new Error(`upload answered ${answer.status}: ${answer.body}`)
  const wallMs = performance.now() - started
  const memory = sampler.stop()
  await rm(file, { force: true })
  await tell({ type: 'done', wallMs, size, idleRss: idle.rss, ...memory })
}

childMain(() => (config.mode === 'core' ? core() : floor()))
