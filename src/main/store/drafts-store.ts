import { randomBytes } from 'node:crypto'
import { rm, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { z } from 'zod'
import type { AttachmentView, Draft, DraftFields, DraftSummary } from '../../shared/domain'
import { draftFieldsSchema } from '../../shared/contract'
import { encodedSize } from '../../shared/message-size'
import { PostlineFailure } from '../errors'
import { writeFileAtomic } from './atomic-file'
import { loadRecords, WriteQueues } from './record-folder'
import { mimeTypeFor } from './mime-types'

/** An attachment as main keeps it: the path never leaves main. */
export interface StoredAttachment extends AttachmentView {
  readonly path: string
}

/** A draft as it is stored. */
export interface DraftRecord {
  readonly version: 1
  readonly id: string
  readonly fields: DraftFields
  readonly attachments: readonly StoredAttachment[]
  readonly updatedAt: string
  readonly outboxId: string | null
}

const recordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  fields: draftFieldsSchema,
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      size: z.number().int().nonnegative(),
      mimeType: z.string(),
      path: z.string(),
    }),
  ),
  updatedAt: z.string(),
  outboxId: z.string().nullable(),
})

export { encodedSize } from '../../shared/message-size'

/** A size as a person reads it, in the MiB Gmail means by "35 MB". */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`
}

/** Creates the ids of drafts, attachments and outbox items: 16 random bytes, base64url. */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}

/** What the window may see of a draft. */
export function draftView(record: DraftRecord): Draft {
  return {
    ...record.fields,
    id: record.id,
    attachments: record.attachments.map(({ id, name, size, mimeType }) => ({
      id,
      name,
      size,
      mimeType,
    })),
    updatedAt: record.updatedAt,
    outboxId: record.outboxId,
  }
}

/**
 * Drafts as one JSON file each in `drafts/`, every write atomic (temporary file, fsync,
 * rename), so a crash or kill never loses a saved draft. Writes to one draft happen in order.
 */
export class DraftsStore {
  private readonly drafts = new Map<string, DraftRecord>()
  private readonly writes = new WriteQueues()

  private constructor(
    private readonly folder: string,
    private readonly now: () => Date,
  ) {}

  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<DraftsStore> {
    const store = new DraftsStore(join(dataDir, 'drafts'), now)
    for (const record of await loadRecords(store.folder, recordSchema))
      store.drafts.set(record.id, record)
    return store
  }

  /** Drafts not waiting in the outbox, most recently edited first. */
  list(): DraftSummary[] {
    return [...this.drafts.values()]
      .filter((draft) => draft.outboxId === null)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((draft) => ({
        id: draft.id,
        subject: draft.fields.subject,
        to: draft.fields.to,
        updatedAt: draft.updatedAt,
      }))
  }

  find(id: string): DraftRecord | undefined {
    return this.drafts.get(id)
  }

  get(id: string): DraftRecord {
    const draft = this.drafts.get(id)
    if (draft === undefined) throw new PostlineFailure('not-found', 'That draft no longer exists.')
    return draft
  }

  /** Creates a draft (no id) or replaces its fields, keeping its attachments. */
  async save(id: string | undefined, fields: DraftFields): Promise<DraftRecord> {
    const existing = id === undefined ? undefined : this.get(id)
    if (existing?.outboxId) {
      throw new PostlineFailure(
        'busy',
        'This message is already in the outbox; undo the send to edit it.',
      )
    }
    return this.put({
      version: 1,
      id: existing?.id ?? newId(),
      fields,
      attachments: existing?.attachments ?? [],
      updatedAt: this.now().toISOString(),
      outboxId: null,
    })
  }

  async delete(id: string): Promise<void> {
    this.get(id)
    this.drafts.delete(id)
    await this.writes.enqueue(id, () => rm(this.pathOf(id), { force: true }))
  }

  /**
   * Attaches files the person chose or dropped: each must be a readable regular file, and the
   * message must stay under `maxMessageBytes` once encoded.
   */
  async addAttachments(
    id: string,
    paths: readonly string[],
    maxMessageBytes = Number.POSITIVE_INFINITY,
  ): Promise<DraftRecord> {
    const draft = this.editable(id)
    const added: StoredAttachment[] = []
    for (const path of paths) {
      const info = await stat(path).catch(() => null)
      if (info === null || !info.isFile()) {
        throw new PostlineFailure(
          'not-found',
          `“${basename(path)}” is not a file Postline can attach.`,
        )
      }
      added.push({
        id: newId(),
        name: basename(path),
        size: info.size,
        mimeType: mimeTypeFor(extname(path)),
        path,
      })
    }
    const attachments = [...draft.attachments, ...added]
    const estimate = encodedSize(attachments.reduce((sum, attachment) => sum + attachment.size, 0))
    if (estimate > maxMessageBytes) {
      throw new PostlineFailure(
        'too-large',
        `With ${added.length === 1 ? `“${added[0]!.name}”` : 'these files'} the message would be about ${megabytes(estimate)}; Gmail accepts up to ${megabytes(maxMessageBytes)}.`,
      )
    }
    return this.put({ ...draft, attachments, updatedAt: this.now().toISOString() })
  }

  async removeAttachment(id: string, attachmentId: string): Promise<DraftRecord> {
    const draft = this.editable(id)
    if (!draft.attachments.some((attachment) => attachment.id === attachmentId)) {
      throw new PostlineFailure('not-found', 'That attachment is not on this draft.')
    }
    return this.put({
      ...draft,
      attachments: draft.attachments.filter((attachment) => attachment.id !== attachmentId),
      updatedAt: this.now().toISOString(),
    })
  }

  /** Marks the draft as waiting in the outbox (or back to editable with null). */
  async setOutbox(id: string, outboxId: string | null): Promise<DraftRecord> {
    return this.put({ ...this.get(id), outboxId })
  }

  /** Waits for every write under way. */
  async flush(): Promise<void> {
    await this.writes.flush()
  }

  private editable(id: string): DraftRecord {
    const draft = this.get(id)
    if (draft.outboxId !== null) {
      throw new PostlineFailure(
        'busy',
        'This message is already in the outbox; undo the send to edit it.',
      )
    }
    return draft
  }

  private async put(record: DraftRecord): Promise<DraftRecord> {
    this.drafts.set(record.id, record)
    const text = `${JSON.stringify(record)}\n`
    await this.writes.enqueue(record.id, () => writeFileAtomic(this.pathOf(record.id), text))
    return record
  }

  private pathOf(id: string): string {
    return join(this.folder, `${id}.json`)
  }
}
