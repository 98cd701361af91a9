import { join } from 'node:path'
import { z } from 'zod'
import type { DraftFields, OutboxItem, OutboxState } from '../../shared/domain'
import { draftFieldsSchema, postlineErrorSchema } from '../../shared/contract'
import { PostlineFailure } from '../errors'
import { nodeFileSystem, type FileSystem } from '../store/file-system'
import { RecordFolder, type RecordChange, type SetAside } from '../store/record-folder'

/** An outbox item as stored: the window's view plus what only main needs. */
export interface OutboxRecord extends OutboxItem {
  readonly version: 1
  readonly messageId: string
  readonly sha256: string
  readonly gmailId: string | null
  /**
   * What Copy as new message makes a new draft from: the fields as sent (From as the account's
   * address) and the attached files' paths. Absent on items queued before Postline kept it.
   */
  readonly copy?: SentCopy
}

/** A sent message's fields and attached files, kept with its outbox item. */
export interface SentCopy {
  readonly fields: DraftFields
  readonly attachmentPaths: readonly string[]
}

const STATES = [
  'scheduled',
  'overdue',
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
  fromAddress: z.string().optional(),
  to: z.array(z.string()),
  subject: z.string(),
  size: z.number().int().nonnegative(),
  state: z.enum(STATES),
  createdAt: z.string(),
  sendAfter: z.string().nullable(),
  later: z.object({ at: z.string().datetime({ offset: true }), zone: z.string() }).optional(),
  attempts: z.number().int().nonnegative(),
  sentAt: z.string().nullable(),
  error: postlineErrorSchema.nullable(),
  messageId: z.string(),
  sha256: z.string(),
  gmailId: z.string().nullable(),
  copy: z
    .object({
      fields: draftFieldsSchema,
      attachmentPaths: z.array(z.string().min(1)),
    })
    .optional(),
})

/** What the window may see of an outbox record: everything but main's own fields. */
export function outboxView({
  version: _version,
  messageId: _messageId,
  sha256: _sha256,
  gmailId: _gmailId,
  copy: _copy,
  ...view
}: OutboxRecord): OutboxItem {
  return view
}

/** How many sent messages the outbox keeps as history. */
export const SENT_HISTORY = 50

/** Built messages up to this size are kept in memory until sent (see keepBuilt). */
export const KEEP_BUILT_UP_TO = 1024 * 1024
/** The most bytes of built messages the outbox keeps in memory, over all waiting messages. */
export const KEPT_BYTES = 32 * 1024 * 1024

/**
 * The outbox in `outbox/`: per message a JSON record and the built message (`.eml`). Each
 * state change is written atomically before and after every network call, so a crash leaves
 * a record that says exactly how far the message got; changes of one item run one at a time.
 */
export class OutboxStore {
  /** Built messages kept in memory (see keepBuilt), by item id. */
  private readonly kept = new Map<string, { readonly sha256: string; readonly bytes: Buffer }>()
  private keptBytes = 0

  private constructor(
    private readonly records: RecordFolder<OutboxRecord>,
    private readonly fs: FileSystem,
  ) {}

  static async open(dataDir: string, fs: FileSystem = nodeFileSystem): Promise<OutboxStore> {
    const records = await RecordFolder.open(join(dataDir, 'outbox'), recordSchema, {
      keptOnFailure: 'outbox',
      fs,
    })
    const store = new OutboxStore(records, fs)
    // A built message whose record never got written is the leftover of a crash mid-queue.
    for (const name of await fs.readdir(records.folder).catch(() => [] as string[])) {
      if (name.endsWith('.eml') && !records.has(name.slice(0, -4)))
        await fs.rm(join(records.folder, name), { force: true }).catch(() => {})
    }
    return store
  }

  get folder(): string {
    return this.records.folder
  }

  /** Files set aside at start because they were damaged. */
  get setAside(): readonly SetAside[] {
    return this.records.setAside
  }

  /** Where the built message of an item lives. */
  emlPath(id: string): string {
    return join(this.records.folder, `${id}.eml`)
  }

  /**
   * Keeps the bytes of an item's message, just built and written to its `.eml`, so its send
   * does not read them back from disk; up to {@link KEPT_BYTES} in all (past that, the next
   * ones are read from their file). Gone with the message.
   */
  keepBuilt(id: string, built: { readonly sha256: string; readonly bytes?: Buffer }): void {
    this.dropBuilt(id)
    if (built.bytes === undefined || this.keptBytes + built.bytes.length > KEPT_BYTES) return
    this.kept.set(id, { sha256: built.sha256, bytes: built.bytes })
    this.keptBytes += built.bytes.length
  }

  /** The kept bytes of an item's message, if they are those of the message it records. */
  builtBytes(item: OutboxRecord): Buffer | undefined {
    const kept = this.kept.get(item.id)
    return kept !== undefined && item.sha256 !== '' && kept.sha256 === item.sha256
      ? kept.bytes
      : undefined
  }

  private dropBuilt(id: string): void {
    const kept = this.kept.get(id)
    if (kept === undefined) return
    this.kept.delete(id)
    this.keptBytes -= kept.bytes.length
  }

  all(): OutboxRecord[] {
    // ISO times in one format sort as plain strings: no collation (localeCompare is ~10x slower).
    return [...this.records.values()].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    )
  }

  /** Every item, in no particular order. */
  unordered(): IterableIterator<OutboxRecord> {
    return this.records.values()
  }

  /** What the window sees: everything, newest first, without main's fields. */
  views(): OutboxItem[] {
    return this.all().reverse().map(outboxView)
  }

  has(id: string): boolean {
    return this.records.has(id)
  }

  find(id: string): OutboxRecord | undefined {
    return this.records.find(id)
  }

  get(id: string): OutboxRecord {
    const item = this.records.find(id)
    if (item === undefined) throw itemNotFound()
    return item
  }

  /** Runs `task` alone for this item, with the item as it is now (see RecordFolder.change). */
  change<R>(id: string, task: (change: RecordChange<OutboxRecord>) => Promise<R> | R): Promise<R> {
    return this.records.change(id, task)
  }

  /** Changes an existing item: `edit` sees the current record and answers the next one. */
  update(id: string, edit: (current: OutboxRecord) => OutboxRecord): Promise<OutboxRecord> {
    return this.records.change(id, ({ current, write }) => {
      if (current === undefined) throw itemNotFound()
      return write(edit(current))
    })
  }

  /** See {@link RecordFolder.assumeInMemory}: the item's outcome could not be written. */
  markUnknownInMemory(id: string, error: NonNullable<OutboxRecord['error']>): void {
    const current = this.records.find(id)
    if (current !== undefined) this.records.assumeInMemory({ ...current, state: 'unknown', error })
  }

  /** Forgets an item: first its record (after which it no longer exists), then its message. */
  async remove(id: string): Promise<void> {
    await this.records.change(id, ({ remove }) => remove())
    await this.removeMessage(id)
  }

  /** Removes an item's built message (after it was sent, or once its record is gone). */
  async removeMessage(id: string): Promise<void> {
    this.dropBuilt(id)
    await this.fs.rm(this.emlPath(id), { force: true }).catch(() => {})
  }

  /** Sent items past the history, oldest first. */
  pastHistory(): OutboxRecord[] {
    const sent = this.all().filter((item) => item.state === 'sent')
    return sent.slice(0, Math.max(0, sent.length - SENT_HISTORY))
  }

  async flush(): Promise<void> {
    await this.records.flush()
  }
}

function itemNotFound(): PostlineFailure {
  return new PostlineFailure('not-found', 'That message is no longer in the outbox.', {
    detail: 'messageGone',
  })
}
