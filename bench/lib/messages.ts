import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createMessageId, writeMessage } from '../../src/main/mail/message-builder'
import type { AttachmentFile } from '../../src/main/mail/types'
import { draftFields } from './core-home'

/** What the core builds for a draft from `draftFields()`, built here with the same writer. */
export async function prebuild(
  folder: string,
  count: number,
  from: { name: string; address: string },
  attachments: readonly AttachmentFile[] = [],
) {
  const fields = draftFields()
  const messages: { path: string; raw: string; bytes: Buffer; size: number; buildMs: number }[] = []
  for (let i = 0; i < count; i++) {
    const file = path.join(folder, `prebuilt-${i}.eml`)
    const started = performance.now()
    const built = await writeMessage(
      {
        from,
        to: [{ name: 'Grace Hopper', address: 'grace@example.com' }],
        cc: [],
        bcc: [],
        subject: `Benchmark ${i + 1}`,
        html: fields.html,
        text: '',
        attachments,
        messageId: createMessageId(from.address),
        date: new Date(),
      },
      file,
    )
    const buildMs = performance.now() - started
    const bytes = await readFile(file)
    messages.push({
      path: file,
      raw: bytes.toString('base64url'),
      bytes,
      size: built.size,
      buildMs,
    })
  }
  return messages
}

/** `users.messages.send` with `{ raw }` by plain fetch: the floor of a send. */
export async function rawSend(url: string, token: string, raw: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ raw }),
  })
  const body = (await response.json()) as { id?: unknown }
  if (!response.ok || typeof body.id !== 'string')
    throw new Error(`raw send answered ${response.status}: ${JSON.stringify(body)}`)
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
