import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { OutboxItem, OutboxState } from '../../shared/domain'
import { PostlineFailure } from '../errors'
import { writeFileAtomic } from '../store/atomic-file'
import { loadRecords, WriteQueues } from '../store/record-folder'

/** An outbox item as stored: the window's view plus what only main needs. */
export interface OutboxRecord extends OutboxItem {
  readonly version: 1
  readonly messageId: string
  readonly sha256: string
  readonly gmailId: string | null
}

const STATES = [
  'scheduled',
  'queued',
  'sending',
  'sent',
  'failed',
  'unknown',
  'held',
] as const satisfies readonly OutboxState[]

const recordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  draftId: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  size: z.number().int().nonnegative(),
  state: z.enum(STATES),
  createdAt: z.string(),
  sendAfter: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  sentAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  messageId: z.string(),
  sha256: z.string(),
  gmailId: z.string().nullable(),
})

/** What the window may see of an outbox record: everything but main's own fields. */
export function outboxView({
  version: _version,
  messageId: _messageId,
  sha256: _sha256,
  gmailId: _gmailId,
  ...view
}: OutboxRecord): OutboxItem {
  return view
}

/** How many sent messages the outbox keeps as history. */
export const SENT_HISTORY = 50

/**
 * The outbox in `outbox/`: per message a JSON record and the built message (`.eml`). Each
 * state change is written atomically before and after every network call, so a crash leaves
 * a record that says exactly how far the message got.
 */
export class OutboxStore {
  private readonly items = new Map<string, OutboxRecord>()
  private readonly writes = new WriteQueues()

  private constructor(readonly folder: string) {}

  static async open(dataDir: string): Promise<OutboxStore> {
    const store = new OutboxStore(join(dataDir, 'outbox'))
    for (const record of await loadRecords(store.folder, recordSchema))
      store.items.set(record.id, record)
    // A built message whose record never got written is the leftover of a crash mid-queue.
    for (const name of await readdir(store.folder)) {
      if (name.endsWith('.eml') && !store.items.has(name.slice(0, -4)))
        await rm(join(store.folder, name), { force: true })
    }
    return store
  }

  /** Where the built message of an item lives. */
  emlPath(id: string): string {
    return join(this.folder, `${id}.eml`)
  }

  all(): OutboxRecord[] {
    return [...this.items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  }

  /** What the window sees: everything, newest first, without main's fields. */
  views(): OutboxItem[] {
    return this.all().reverse().map(outboxView)
  }

  find(id: string): OutboxRecord | undefined {
    return this.items.get(id)
  }

  get(id: string): OutboxRecord {
    const item = this.items.get(id)
    if (item === undefined)
      throw new PostlineFailure('not-found', 'That message is no longer in the outbox.')
    return item
  }

  async put(record: OutboxRecord): Promise<OutboxRecord> {
    this.items.set(record.id, record)
    const text = `${JSON.stringify(record)}\n`
    await this.writes.enqueue(record.id, () =>
      writeFileAtomic(join(this.folder, `${record.id}.json`), text),
    )
    return record
  }

  async update(id: string, change: Partial<OutboxRecord>): Promise<OutboxRecord> {
    return this.put({ ...this.get(id), ...change })
  }

  /** Forgets an item and its built message. */
  async remove(id: string): Promise<void> {
    this.items.delete(id)
    await this.writes.enqueue(id, async () => {
      await rm(join(this.folder, `${id}.json`), { force: true })
      await rm(this.emlPath(id), { force: true })
    })
  }

  /**
   * A message went out: its built message is no longer needed. Sent items stay listed until the
   * next start, so nobody watching the outbox sees a message vanish instead of turn to sent.
   */
  async sent(id: string): Promise<void> {
    await this.writes.enqueue(id, () => rm(this.emlPath(id), { force: true }))
  }

  /** At start: built messages of sent items go, and sent items past the history. */
  async pruneSent(): Promise<void> {
    const sent = this.all().filter((item) => item.state === 'sent')
    for (const item of sent)
      await this.writes.enqueue(item.id, () => rm(this.emlPath(item.id), { force: true }))
    for (const item of sent.slice(0, Math.max(0, sent.length - SENT_HISTORY)))
      await this.remove(item.id)
  }

  async flush(): Promise<void> {
    await this.writes.flush()
  }
}
