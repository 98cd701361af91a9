import { extname, join } from 'node:path'
import { z } from 'zod'
import {
  SIGNATURE_ATTRIBUTE,
  SNIPPET_LENGTH,
  type AttachmentView,
  type Draft,
  type DraftFields,
  type DraftSummary,
} from '../../shared/domain'
import { htmlToText, htmlToTextStart } from '../mail/html-to-text'
import { holdsWords } from '../../shared/search-words'
import { LANGUAGES, type Language } from '../../shared/i18n/languages'
import { draftFieldsSchema, postlineErrorSchema, type ListChange } from '../../shared/contract'
import type { Kept, PostlineError } from '../../shared/errors'
import { encodedSize, tooLargeSentence } from '../../shared/message-size'
import { PostlineFailure } from '../errors'
import { attachmentName, fingerprintFile, type FileFingerprint } from './attachment-file'
import { readJsonFile, writeFileAtomic } from './atomic-file'
import { nodeFileSystem, type FileSystem } from './file-system'
import { KeyedLock } from './keyed-lock'
import {
  prepareRecordFolder,
  readRecordFile,
  recordIds,
  removeRecordFile,
  setAsideFile,
  unusableSentence,
  writeRecordFile,
  type RecordChange,
  type SetAside,
} from './record-folder'
import { mimeTypeFor } from './mime-types'
import { newRecordId } from './record-id'

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
  /**
   * When the person discarded or deleted it. A trashed draft is hidden from everything but
   * `restore` (Undo) and is removed for good at the next close or start.
   */
  readonly trashedAt?: string | null
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
  note: postlineErrorSchema.nullable().optional(),
  trashedAt: z.string().nullable().optional(),
})

/**
 * What the window may see of a draft; `owned` says whether its outbox item still exists, and a
 * draft saved without a language reads as `language` (the window's).
 */
export function draftView(
  record: DraftRecord,
  owned = record.outboxId !== null,
  language: Language = 'en',
): Draft {
  return {
    ...record.fields,
    lang: record.fields.lang ?? language,
    format: record.fields.format ?? 'rich',
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
    { detail: 'draftInOutbox' },
  )
}

/** What the store keeps in memory of every draft: its list line and its link to the outbox. */
export interface DraftEntry {
  readonly id: string
  readonly outboxId: string | null
  readonly subject: string
  readonly to: readonly string[]
  readonly from: string | null
  readonly snippet: string
  readonly updatedAt: string
  readonly note: PostlineError | null
  /** Discarded, waiting for Undo until the next close or start. */
  readonly trashed?: boolean
  /** The draft's language; absent on drafts saved before languages existed. */
  readonly lang?: Language | undefined
}

/** Whether an outbox item with this id exists and belongs to this draft. */
export type OwnerCheck = (draft: Pick<DraftEntry, 'id' | 'outboxId'>) => boolean

const noteSchema = recordSchema.shape.note.unwrap().unwrap()
const LANGUAGE_SET: ReadonlySet<string> = new Set(LANGUAGES)

/**
 * Whether one of the index's entries has the shape of a {@link DraftEntry} list line. Checked by
 * hand rather than with zod: zod copies each of 10,000 entries while it checks them, and that
 * garbage grows V8's young generation for good (about 8 MiB of RSS at rest), while the objects
 * `JSON.parse` made are kept as they are.
 */
function isIndexEntry(value: unknown): value is DraftEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.id === 'string' &&
    (entry.outboxId === null || typeof entry.outboxId === 'string') &&
    typeof entry.subject === 'string' &&
    Array.isArray(entry.to) &&
    entry.to.every((address) => typeof address === 'string') &&
    (entry.from === null || typeof entry.from === 'string') &&
    typeof entry.snippet === 'string' &&
    typeof entry.updatedAt === 'string' &&
    (entry.note === null || noteSchema.safeParse(entry.note).success) &&
    (entry.lang === undefined ||
      (typeof entry.lang === 'string' && LANGUAGE_SET.has(entry.lang))) &&
    entry.trashed === undefined
  )
}

/** The index of every draft's list line, written when Postline closes. */
const INDEX_FILE = '.index.json'
/**
 * Present while Postline runs: found at start, it means the last run did not close, so the index
 * may be stale and is rebuilt from the drafts themselves.
 */
const OPEN_MARKER = '.open'
/** What a failed write leaves: the draft as last saved. */
const KEPT_ON_FAILURE = 'draft' satisfies Kept
/** How many whole drafts stay in memory (the ones being edited); the rest are read on demand. */
const CACHED_DRAFTS = 16

const SIGNATURE_BLOCK = new RegExp(`<div ${SIGNATURE_ATTRIBUTE}[^>]*>[\\s\\S]*?</div>`, 'gi')
/** The "-- " line that starts a signature (RFC 3676 §4.3), in the plain text. */
const SIGNATURE_LINE = /(?:^|\n)-- ?\n[\s\S]*$/

/**
 * The start of a body's own text for the list: no signature, whitespace collapsed. Only as much
 * of the body is converted as the snippet needs (a 200 KB body is not turned into text at every
 * autosave): the conversion stops once the text is well past the snippet's length, so whatever
 * happens at its cut end (an open link, a signature line not yet ended) lies beyond the snippet.
 */
export function snippetOf(html: string): string {
  const body = html.replace(SIGNATURE_BLOCK, '')
  for (let enough = SNIPPET_LENGTH * 4; ; enough *= 8) {
    const start = htmlToTextStart(body, enough)
    // A signature line found is where the body's text ends, cut short or not.
    const signed = SIGNATURE_LINE.test(start.text)
    const text = [...start.text.replace(SIGNATURE_LINE, '').replace(/\s+/g, ' ').trim()]
    if (start.whole || signed || text.length >= SNIPPET_LENGTH + SNIPPET_MARGIN)
      return text.slice(0, SNIPPET_LENGTH).join('')
  }
}
/** How far past the snippet a cut-short conversion must reach to be trusted. */
const SNIPPET_MARGIN = 40

function newestFirst(a: DraftEntry, b: DraftEntry): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
}

function summaryOf({ id, subject, to, from, snippet, updatedAt, note }: DraftEntry): DraftSummary {
  return { id, subject, to, from, snippet, updatedAt, note }
}

function entryOf(record: DraftRecord): DraftEntry {
  return {
    id: record.id,
    outboxId: record.outboxId,
    subject: record.fields.subject,
    to: record.fields.to,
    from: record.fields.from,
    snippet: snippetOf(record.fields.html),
    updatedAt: record.updatedAt,
    note: record.note ?? null,
    ...(record.trashedAt ? { trashed: true } : {}),
    lang: record.fields.lang,
  }
}

/**
 * Drafts as one JSON file each in `drafts/`, every write atomic (temporary file, fsync,
 * rename), so a crash or kill never loses a saved draft. Every change of one draft (save,
 * attach, remove, send, undo, discard) runs alone on the current record, and memory changes only
 * after the disk did.
 *
 * Memory holds each draft's list line (subject, recipients, time, outbox link), not its body:
 * bodies are read when a draft is opened or changed (a few recent ones stay cached). At start the
 * list lines come from `.index.json`, written when Postline last closed; if it did not close (the
 * `.open` marker is still there), or the index does not match the folder, the index is rebuilt
 * from the drafts themselves, and damaged ones are set aside.
 */
export class DraftsStore {
  private isOwned: OwnerCheck = (draft) => draft.outboxId !== null
  private windowLanguage: () => Language = () => 'en'
  private readonly entries = new Map<string, DraftEntry>()
  private readonly cache = new Map<string, DraftRecord>()
  private readonly lock = new KeyedLock()
  /** Drafts whose list line may have changed since the window was last told. */
  private readonly touched = new Set<string>()
  private seq = 0
  readonly setAside: SetAside[] = []
  private closed = false

  private constructor(
    readonly folder: string,
    private readonly fs: FileSystem,
    private readonly now: () => Date,
  ) {}

  static async open(
    dataDir: string,
    now: () => Date = () => new Date(),
    fs: FileSystem = nodeFileSystem,
  ): Promise<DraftsStore> {
    const store = new DraftsStore(join(dataDir, 'drafts'), fs, now)
    const names = await prepareRecordFolder(store.folder, fs, now, store.setAside)
    const ids = recordIds(names)
    const indexed = names.includes(OPEN_MARKER) ? null : await store.readIndex(ids)
    if (indexed !== null) for (const entry of indexed) store.entries.set(entry.id, entry)
    else await store.rebuild(ids)
    // Drafts discarded in the last run: their Undo ended with it (a crash included).
    await store.emptyTrash()
    // A read-only folder: no marker can be written, and none is needed since nothing changes.
    await writeFileAtomic(join(store.folder, OPEN_MARKER), `${now().toISOString()}\n`, fs).catch(
      () => {},
    )
    return store
  }

  /** Tells the store which drafts an outbox item owns (set once the outbox is open). */
  ownedWhen(check: OwnerCheck): void {
    this.isOwned = check
  }

  /** Tells the store the window's language: new drafts and drafts saved without one take it. */
  languageWhenUnset(language: () => Language): void {
    this.windowLanguage = language
  }

  /** The languages of the drafts there are (the window's for those saved without one). */
  languagesInUse(): Set<Language> {
    return new Set([...this.entries.values()].map((entry) => entry.lang ?? this.windowLanguage()))
  }

  /** Whether this draft's message waits in the outbox (so it is not editable). */
  owned(draft: Pick<DraftEntry, 'id' | 'outboxId'>): boolean {
    return draft.outboxId !== null && this.isOwned(draft)
  }

  /** What the window may see of a draft. */
  view(draft: DraftRecord): Draft {
    return draftView(draft, this.owned(draft), this.windowLanguage())
  }

  /** Drafts not waiting in the outbox, most recently edited first. */
  list(): DraftSummary[] {
    const listed: DraftEntry[] = []
    for (const entry of this.entries.values())
      if (entry.trashed !== true && !this.owned(entry)) listed.push(entry)
    // ISO times in one format sort as plain strings: no collation (localeCompare is ~10x slower).
    return listed.sort(newestFirst).map(summaryOf)
  }

  /**
   * The list lines that changed since the last call (a write, a removal, or a {@link touch}),
   * as the window should see them now: listed lines upserted, the rest removed. Null when nothing
   * changed; otherwise the next `seq`.
   */
  takeChanges(): ListChange<DraftSummary> | null {
    if (this.touched.size === 0) return null
    const upserted: DraftSummary[] = []
    const removed: string[] = []
    for (const id of this.touched) {
      const entry = this.entries.get(id)
      if (entry === undefined || entry.trashed === true || this.owned(entry)) removed.push(id)
      else upserted.push(summaryOf(entry))
    }
    this.touched.clear()
    this.seq += 1
    return { seq: this.seq, upserted, removed }
  }

  /** Whether this draft is listed may have changed without a write (its outbox item went). */
  touch(id: string): void {
    this.touched.add(id)
  }

  /**
   * The listed drafts whose whole text (subject, recipients, From, body) holds every one of
   * `words` (see `searchWords`), newest first. Bodies are read one file at a time and dropped,
   * so 10,000 drafts never sit in memory at once; a draft that cannot be read is skipped.
   */
  async search(words: readonly string[], limit = 1_000): Promise<string[]> {
    const found: string[] = []
    for (const entry of this.list()) {
      if (found.length >= limit) break
      const cached = this.cache.get(entry.id)
      const read =
        cached === undefined
          ? await readRecordFile(this.folder, entry.id, recordSchema, this.fs)
          : { record: cached }
      if (!('record' in read)) continue
      const { fields } = read.record
      const text = [fields.subject, fields.from ?? '', ...fields.to, ...fields.cc, ...fields.bcc]
      if (holdsWords([...text, htmlToText(fields.html)].join('\n'), words)) found.push(entry.id)
    }
    return found
  }

  /** Every draft's list line and outbox link (trashed drafts are not there). */
  all(): DraftEntry[] {
    return [...this.entries.values()].filter((entry) => entry.trashed !== true)
  }

  find(id: string): DraftEntry | undefined {
    const entry = this.entries.get(id)
    return entry?.trashed === true ? undefined : entry
  }

  get(id: string): DraftEntry {
    const entry = this.find(id)
    if (entry === undefined) throw draftNotFound()
    return entry
  }

  /** The whole draft, read from disk unless it is cached. */
  async read(id: string): Promise<DraftRecord> {
    const record = await this.load(id)
    if (record === undefined || record.trashedAt) throw draftNotFound()
    return record
  }

  /**
   * Runs `task` alone for this draft, with the draft as it is now: the way the outbox queues,
   * undoes and discards a draft's message without racing a save or an attach.
   */
  change<R>(id: string, task: (change: RecordChange<DraftRecord>) => Promise<R> | R): Promise<R> {
    return this.lock.run(id, async () => {
      const current = await this.load(id)
      return task({
        // A trashed draft is gone for every change but `restore`.
        current: current?.trashedAt ? undefined : current,
        write: (record) => this.write(record),
        remove: () => this.remove(id),
      })
    })
  }
  /** Creates a draft (no id) or replaces its fields, keeping its attachments. */
  async save(id: string | undefined, fields: DraftFields): Promise<DraftRecord> {
    const key = id ?? newRecordId()
    return this.change(key, ({ current, write }) => {
      if (id !== undefined && current === undefined) throw draftNotFound()
      if (current !== undefined && this.owned(current)) throw inOutboxFailure()
      return write({
        version: 1,
        id: key,
        // A window that does not say the language keeps the draft's, or gives it its own.
        fields: { ...fields, lang: fields.lang ?? current?.fields.lang ?? this.windowLanguage() },
        attachments: current?.attachments ?? [],
        updatedAt: this.now().toISOString(),
        outboxId: null,
        note: null,
      })
    })
  }

  /**
   * Discards a draft that is not waiting in the outbox: it is marked trashed on disk (one atomic
   * write, so it is either whole and listed or whole and trashed), hidden at once, recoverable
   * with `restore` until the store closes, and removed for good then or at the next start.
   */
  async delete(id: string): Promise<void> {
    await this.change(id, async ({ current, write }) => {
      if (current === undefined) throw draftNotFound()
      if (this.owned(current)) throw inOutboxFailure()
      await write({ ...current, trashedAt: this.now().toISOString() })
    })
  }

  /** Undo of a discard: the trashed draft comes back as it was (its place in the list too). */
  async restore(id: string): Promise<DraftRecord> {
    return this.lock.run(id, async () => {
      const trashed = await this.load(id)
      if (!trashed?.trashedAt) throw draftNotFound()
      return this.write({ ...trashed, trashedAt: null })
    })
  }

  /** Deletes a draft whatever its state: its message was sent. */
  async forget(id: string): Promise<void> {
    await this.change(id, ({ current, remove }) => (current === undefined ? undefined : remove()))
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
    return this.change(id, async ({ current, write }) => {
      const draft = this.editable(current)
      const added: StoredAttachment[] = []
      for (const path of paths) {
        const fingerprint = await fingerprintFile(path)
        if (fingerprint === null) {
          throw new PostlineFailure(
            'not-found',
            `“${attachmentName(path)}” is not a file Postline can attach.`,
            { detail: 'notAttachable', file: attachmentName(path) },
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
          `${added.length === 1 ? `“${added[0]!.name}” was` : 'These files were'} not attached. ${tooLargeSentence(estimate, { limit: maxMessageBytes, estimate: true })}`,
          {
            detail: 'tooLargeToAttach',
            size: estimate,
            limit: maxMessageBytes,
            count: added.length,
            file: added[0]?.name ?? '',
          },
        )
      }
      return write({ ...draft, attachments, updatedAt: this.now().toISOString() })
    })
  }

  async removeAttachment(id: string, attachmentId: string): Promise<DraftRecord> {
    return this.change(id, ({ current, write }) => {
      const draft = this.editable(current)
      if (!draft.attachments.some((attachment) => attachment.id === attachmentId)) {
        throw new PostlineFailure('not-found', 'That attachment is not on this draft.', {
          detail: 'attachmentGone',
        })
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
    await this.lock.idle()
  }

  /**
   * At quit: every write done, the index written, then the marker removed, so the next start
   * can trust the index. If either step fails the marker stays and the next start rebuilds.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.flush()
    await this.emptyTrash()
    try {
      const index = { version: 1, entries: this.all() }
      await writeFileAtomic(join(this.folder, INDEX_FILE), JSON.stringify(index), this.fs)
      await this.fs.rm(join(this.folder, OPEN_MARKER), { force: true })
    } catch {
      // Nothing is lost: the drafts are on disk; the next start rebuilds the index from them.
    }
  }

  /** Removes every trashed draft for good; one the disk keeps stays hidden until next time. */
  private async emptyTrash(): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      if (entry.trashed !== true) continue
      await this.lock
        .run(entry.id, async () => {
          if (this.entries.get(entry.id)?.trashed === true) await this.remove(entry.id)
        })
        .catch(() => {})
    }
  }

  private async load(id: string): Promise<DraftRecord | undefined> {
    if (!this.entries.has(id)) return undefined
    const cached = this.cache.get(id)
    if (cached !== undefined) return this.remember(cached)
    const read = await readRecordFile(this.folder, id, recordSchema, this.fs)
    if ('record' in read) return this.remember(read.record)
    // Damaged since the last start: set aside on its own, like at start, and say where.
    const path = this.pathOf(id)
    const before = this.setAside.length
    await setAsideFile(path, read, this.fs, this.now, this.setAside)
    this.entries.delete(id)
    this.touched.add(id)
    const where = this.setAside[before]?.path ?? path
    throw new PostlineFailure(
      'disk-error',
      `This draft could not be read (${unusableSentence(read)}). It was set aside as ${where}; nothing was deleted.`,
      { detail: 'draftUnreadable', folder: this.folder, file: where, reason: read.reason },
    )
  }

  private remember(record: DraftRecord): DraftRecord {
    this.cache.delete(record.id)
    this.cache.set(record.id, record)
    for (const id of this.cache.keys()) {
      if (this.cache.size <= CACHED_DRAFTS) break
      this.cache.delete(id)
    }
    return record
  }

  private async write(record: DraftRecord): Promise<DraftRecord> {
    await writeRecordFile(this.folder, record, this.fs, KEPT_ON_FAILURE)
    this.entries.set(record.id, entryOf(record))
    this.touched.add(record.id)
    return this.remember(record)
  }

  private async remove(id: string): Promise<void> {
    await removeRecordFile(this.folder, id, this.fs, KEPT_ON_FAILURE)
    this.entries.delete(id)
    this.cache.delete(id)
    this.touched.add(id)
  }

  private pathOf(id: string): string {
    return join(this.folder, `${id}.json`)
  }

  /** The index's entries if it can be trusted: the last run closed, and it names every file. */
  private async readIndex(ids: readonly string[]): Promise<DraftEntry[] | null> {
    let raw: unknown
    try {
      raw = await readJsonFile(join(this.folder, INDEX_FILE), this.fs)
    } catch {
      return null
    }
    if (typeof raw !== 'object' || raw === null) return null
    const { version, entries } = raw as { version?: unknown; entries?: unknown }
    if (version !== 1 || !Array.isArray(entries) || entries.length !== ids.length) return null
    const onDisk = new Set(ids)
    if (!entries.every((entry) => isIndexEntry(entry) && onDisk.delete(entry.id))) return null
    return entries as DraftEntry[]
  }

  /** Reads every draft once to rebuild the list lines; damaged ones are set aside. */
  private async rebuild(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const read = await readRecordFile(this.folder, id, recordSchema, this.fs)
      if ('record' in read) this.entries.set(id, entryOf(read.record))
      else
        await setAsideFile(join(this.folder, `${id}.json`), read, this.fs, this.now, this.setAside)
    }
  }

  private editable(draft: DraftRecord | undefined): DraftRecord {
    if (draft === undefined) throw draftNotFound()
    if (this.owned(draft)) throw inOutboxFailure()
    return draft
  }
}

function draftNotFound(): PostlineFailure {
  return new PostlineFailure('not-found', 'That draft no longer exists.', { detail: 'draftGone' })
}
