import { randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import { z } from 'zod'
import type { AttachmentView, Draft, DraftFields, DraftSummary } from '../../shared/domain'
import { draftFieldsSchema } from '../../shared/contract'
import { ERROR_CODES, type PostlineError } from '../../shared/errors'
import { encodedSize } from '../../shared/message-size'
import { PostlineFailure } from '../errors'
import { attachmentName, fingerprintFile, type FileFingerprint } from './attachment-file'
import type { FileSystem } from './file-system'
import { RecordFolder, type RecordChange, type SetAside } from './record-folder'
import { mimeTypeFor } from './mime-types'

/** An attachment as main keeps it: the path and the file's fingerprint never leave main. */
export interface StoredAttachment extends AttachmentView {
  readonly path: string
  /** What the file was when attached (absent on drafts saved before fingerprints existed). */
  readonly fingerprint?: FileFingerprint | undefined
}

/** A draft as it is stored. */
export interface DraftRecord {
  readonly version: 1
  readonly id: string
  readonly fields: DraftFields
  readonly attachments: readonly StoredAttachment[]
  readonly updatedAt: string
  /**
   * The outbox item this draft's message waits in. The draft belongs to that item only while the
   * item exists: a link to an item that is gone (an undo or discard cut short by a crash, a
   * damaged outbox file) makes the draft editable again, and start-up clears it.
   */
  readonly outboxId: string | null
  /** Why the draft came back from the outbox (an account signed out), until the next save. */
  readonly note?: PostlineError | null
}

const fingerprintSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  ino: z.number(),
  dev: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

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
      fingerprint: fingerprintSchema.optional(),
    }),
  ),
  updatedAt: z.string(),
  outboxId: z.string().nullable(),
  note: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .nullable()
    .optional(),
})

export { encodedSize } from '../../shared/message-size'

/** A size as a person reads it, in the MiB Gmail means by "35 MB". */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`
}

/** A new record id (drafts, attachments, outbox items): 16 random bytes, base64url. */
export function newRecordId(): string {
  return randomBytes(16).toString('base64url')
}

/** What the window may see of a draft; `owned` says whether its outbox item still exists. */
export function draftView(record: DraftRecord, owned = record.outboxId !== null): Draft {
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
    outboxId: owned ? record.outboxId : null,
    note: record.note ?? null,
  }
}

/** The sentence for any change of a draft whose message waits in the outbox. */
export function inOutboxFailure(): PostlineFailure {
  return new PostlineFailure(
    'busy',
    'This message is already in the outbox; undo the send (or discard it there) to edit it.',
  )
}

/** Whether an outbox item with this id exists and belongs to this draft. */
export type OwnerCheck = (draft: DraftRecord) => boolean

/**
 * Drafts as one JSON file each in `drafts/`, every write atomic (temporary file, fsync,
 * rename), so a crash or kill never loses a saved draft. Every change of one draft (save,
 * attach, remove, send, undo, discard) runs alone on the current record, and memory changes only
 * after the disk did.
 */
export class DraftsStore {
  private isOwned: OwnerCheck = (draft) => draft.outboxId !== null

  private constructor(
    private readonly records: RecordFolder<DraftRecord>,
    private readonly now: () => Date,
  ) {}

  static async open(
    dataDir: string,
    now: () => Date = () => new Date(),
    fs?: FileSystem,
  ): Promise<DraftsStore> {
    const records = await RecordFolder.open(`${dataDir}/drafts`, recordSchema, {
      keptOnFailure: 'Your draft as last saved is kept.',
      now,
      ...(fs ? { fs } : {}),
    })
    return new DraftsStore(records, now)
  }

  /** Tells the store which drafts an outbox item owns (set once the outbox is open). */
  ownedWhen(check: OwnerCheck): void {
    this.isOwned = check
  }

  /** Files set aside at start because they were damaged. */
  get setAside(): readonly SetAside[] {
    return this.records.setAside
  }

  /** Whether this draft's message waits in the outbox (so it is not editable). */
  owned(draft: DraftRecord): boolean {
    return draft.outboxId !== null && this.isOwned(draft)
  }

  /** What the window may see of a draft. */
  view(draft: DraftRecord): Draft {
    return draftView(draft, this.owned(draft))
  }

  /** Drafts not waiting in the outbox, most recently edited first. */
  list(): DraftSummary[] {
    return [...this.records.values()]
      .filter((draft) => !this.owned(draft))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((draft) => ({
        id: draft.id,
        subject: draft.fields.subject,
        to: draft.fields.to,
        updatedAt: draft.updatedAt,
        note: draft.note ?? null,
      }))
  }

  all(): DraftRecord[] {
    return [...this.records.values()]
  }

  find(id: string): DraftRecord | undefined {
    return this.records.find(id)
  }

  get(id: string): DraftRecord {
    const draft = this.records.find(id)
    if (draft === undefined) throw draftNotFound()
    return draft
  }

  /**
   * Runs `task` alone for this draft, with the draft as it is now: the way the outbox queues,
   * undoes and discards a draft's message without racing a save or an attach.
   */
  change<R>(id: string, task: (change: RecordChange<DraftRecord>) => Promise<R> | R): Promise<R> {
    return this.records.change(id, task)
  }

  /** Creates a draft (no id) or replaces its fields, keeping its attachments. */
  async save(id: string | undefined, fields: DraftFields): Promise<DraftRecord> {
    const key = id ?? newRecordId()
    return this.records.change(key, ({ current, write }) => {
      if (id !== undefined && current === undefined) throw draftNotFound()
      if (current !== undefined && this.owned(current)) throw inOutboxFailure()
      return write({
        version: 1,
        id: key,
        fields,
        attachments: current?.attachments ?? [],
        updatedAt: this.now().toISOString(),
        outboxId: null,
        note: null,
      })
    })
  }

  /** Deletes a draft that is not waiting in the outbox. */
  async delete(id: string): Promise<void> {
    await this.records.change(id, async ({ current, remove }) => {
      if (current === undefined) throw draftNotFound()
      if (this.owned(current)) throw inOutboxFailure()
      await remove()
    })
  }

  /** Deletes a draft whatever its state: its message was sent. */
  async forget(id: string): Promise<void> {
    await this.records.change(id, ({ current, remove }) =>
      current === undefined ? undefined : remove(),
    )
  }

  /**
   * Attaches files the person chose or dropped: each must be a readable regular file (its
   * fingerprint is recorded, see attachment-file.ts), and the message must stay under
   * `maxMessageBytes` once encoded.
   */
  async addAttachments(
    id: string,
    paths: readonly string[],
    maxMessageBytes = Number.POSITIVE_INFINITY,
  ): Promise<DraftRecord> {
    return this.records.change(id, async ({ current, write }) => {
      const draft = this.editable(current)
      const added: StoredAttachment[] = []
      for (const path of paths) {
        const fingerprint = await fingerprintFile(path)
        if (fingerprint === null) {
          throw new PostlineFailure(
            'not-found',
            `“${attachmentName(path)}” is not a file Postline can attach.`,
            { file: attachmentName(path) },
          )
        }
        added.push({
          id: newRecordId(),
          name: attachmentName(path),
          size: fingerprint.size,
          mimeType: mimeTypeFor(extname(path)),
          path: fingerprint.path,
          fingerprint,
        })
      }
      const attachments = [...draft.attachments, ...added]
      const estimate = encodedSize(attachments.reduce((sum, file) => sum + file.size, 0))
      if (estimate > maxMessageBytes) {
        throw new PostlineFailure(
          'too-large',
          `With ${added.length === 1 ? `“${added[0]!.name}”` : 'these files'} the message would be about ${megabytes(estimate)}; Gmail accepts up to ${megabytes(maxMessageBytes)}.`,
          { size: estimate, limit: maxMessageBytes },
        )
      }
      return write({ ...draft, attachments, updatedAt: this.now().toISOString() })
    })
  }

  async removeAttachment(id: string, attachmentId: string): Promise<DraftRecord> {
    return this.records.change(id, ({ current, write }) => {
      const draft = this.editable(current)
      if (!draft.attachments.some((attachment) => attachment.id === attachmentId)) {
        throw new PostlineFailure('not-found', 'That attachment is not on this draft.')
      }
      return write({
        ...draft,
        attachments: draft.attachments.filter((attachment) => attachment.id !== attachmentId),
        updatedAt: this.now().toISOString(),
      })
    })
  }

  /** Waits for every write under way. */
  async flush(): Promise<void> {
    await this.records.flush()
  }

  private editable(draft: DraftRecord | undefined): DraftRecord {
    if (draft === undefined) throw draftNotFound()
    if (this.owned(draft)) throw inOutboxFailure()
    return draft
  }
}

function draftNotFound(): PostlineFailure {
  return new PostlineFailure('not-found', 'That draft no longer exists.')
}
