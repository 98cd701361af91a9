import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { z } from 'zod'
import {
  MAX_TEMPLATE_NAME_LENGTH,
  type AttachmentView,
  type Template,
  type TemplateFields,
  type TemplateSummary,
} from '../../shared/domain'
import { CONTROL, LINE_BREAK } from '../../shared/addresses'
import type { Kept } from '../../shared/errors'
import { PostlineFailure } from '../errors'
import { openAttached, type FingerprintedFile } from './attachment-file'
import { writeStreamAtomic } from './atomic-file'
import { diskFailure } from './disk-errors'
import { nodeFileSystem, type FileSystem } from './file-system'
import { KeyedLock } from './keyed-lock'
import { RecordFolder, type SetAside } from './record-folder'
import { newRecordId } from './record-id'

/** A template attachment as stored: its copy is `files/<template id>/<attachment id>`. */
type StoredTemplateAttachment = AttachmentView

/** A template as it is stored, one `<id>.json` in `templates/`. */
export interface TemplateRecord {
  readonly version: 1
  readonly id: string
  readonly name: string
  readonly fields: TemplateFields
  readonly attachments: readonly StoredTemplateAttachment[]
  readonly createdAt: string
  readonly updatedAt: string
}

const recipients = z.array(z.string().max(1_000)).max(500)

const recordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1).max(MAX_TEMPLATE_NAME_LENGTH),
  fields: z.object({
    subject: z.string().max(2_000),
    to: recipients,
    cc: recipients,
    bcc: recipients,
    html: z.string().max(5_000_000),
  }),
  attachments: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      name: z.string().min(1),
      size: z.number().int().nonnegative(),
      mimeType: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/** A file of the message being saved as a template: what the draft recorded of it. */
export interface TemplateSource extends FingerprintedFile {
  readonly size: number
  readonly mimeType: string
}

/** A template's files copied for a draft: the paths to attach, and the names that were gone. */
export interface CopiedFiles {
  readonly paths: readonly string[]
  readonly missing: readonly string[]
}

/** What a failed write of a template leaves: the templates as they were (no extra sentence). */
const KEPT_ON_FAILURE = 'nothing' satisfies Kept
/** All changes that look at every name (save, rename) run one at a time under this key. */
const NAMES = 'names'
/** Where each template's attachment copies live, and where copies made for drafts go. */
const FILES = 'files'
const INSERTED = 'inserted'

/** The name a person gave, checked: trimmed, one line, not empty, not too long. */
export function checkTemplateName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '' || LINE_BREAK.test(trimmed) || CONTROL.test(trimmed)) {
    throw new PostlineFailure('invalid-input', 'A template needs a name (one line of text).', {
      detail: 'templateNameEmpty',
    })
  }
  const length = [...trimmed].length
  if (length > MAX_TEMPLATE_NAME_LENGTH) {
    throw new PostlineFailure(
      'invalid-input',
      `A template name can be at most ${MAX_TEMPLATE_NAME_LENGTH} characters long (this one has ${length}).`,
      { detail: 'templateNameLong', limit: MAX_TEMPLATE_NAME_LENGTH, count: length },
    )
  }
  return trimmed
}

/** Two names are the same template name whatever their case and Unicode form. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('en')
}

/** The summary the window lists. */
export function templateSummary(record: TemplateRecord): TemplateSummary {
  const { subject, to, cc, bcc } = record.fields
  return {
    id: record.id,
    name: record.name,
    subject,
    to,
    cc,
    bcc,
    attachments: record.attachments,
    updatedAt: record.updatedAt,
  }
}

/** A file name safe to create in a folder of ours (the name the attachment is sent with). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[/\\]/g, '_').split('\0').join('_')
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned
}

/**
 * Templates as one JSON file each in `templates/`, written like drafts (`RecordFolder`: atomic
 * writes, disk first, a damaged file set aside at start, changes of one template one at a time).
 * A template's attachments are copies (`templates/files/<id>/`), made when it is saved, so it
 * stays whole when the message it came from is sent, deleted or its files change. Inserting a
 * template copies its files once more for the draft (`templates/inserted/<draft id>/`), so
 * deleting the template later never breaks a draft; copies nobody needs (no draft, no outbox
 * item made from it) are removed at the next start (`sweepInserted`).
 */
export class TemplatesStore {
  private readonly lock = new KeyedLock()

  private constructor(
    private readonly records: RecordFolder<TemplateRecord>,
    readonly folder: string,
    private readonly fs: FileSystem,
    private readonly now: () => Date,
  ) {}

  static async open(
    dataDir: string,
    now: () => Date = () => new Date(),
    fs: FileSystem = nodeFileSystem,
  ): Promise<TemplatesStore> {
    const folder = join(dataDir, 'templates')
    const records = await RecordFolder.open(folder, recordSchema, {
      fs,
      keptOnFailure: KEPT_ON_FAILURE,
      now,
    })
    const store = new TemplatesStore(records, folder, fs, now)
    await store.sweepTemplateFiles()
    return store
  }

  /** Files set aside at start (damaged templates). */
  get setAside(): readonly SetAside[] {
    return this.records.setAside
  }

  /** Every template, by name. */
  list(): TemplateSummary[] {
    return [...this.records.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map(templateSummary)
  }

  /** The whole template. */
  get(id: string): Template {
    const record = this.records.find(id)
    if (record === undefined) throw templateGone()
    return { ...templateSummary(record), html: record.fields.html }
  }

  /**
   * Saves a new template. Its attachments (the draft's files, checked to be what was attached)
   * are copied first; the record is written last, so a failure (a full disk) leaves no template
   * and no copies behind.
   */
  async save(
    name: string,
    fields: TemplateFields,
    files: readonly TemplateSource[] = [],
  ): Promise<TemplateRecord> {
    const checked = checkTemplateName(name)
    return this.lock.run(NAMES, async () => {
      this.refuseTaken(checked, null)
      const id = newRecordId()
      const attachments: StoredTemplateAttachment[] = []
      try {
        for (const file of files) {
          const attachmentId = newRecordId()
          await this.copy(await openAttached(file), this.filePath(id, attachmentId))
          attachments.push({
            id: attachmentId,
            name: file.name,
            size: file.size,
            mimeType: file.mimeType,
          })
        }
        const at = this.now().toISOString()
        return await this.records.change(id, ({ write }) =>
          write({
            version: 1,
            id,
            name: checked,
            fields: {
              subject: fields.subject,
              to: [...fields.to],
              cc: [...fields.cc],
              bcc: [...fields.bcc],
              html: fields.html,
            },
            attachments,
            createdAt: at,
            updatedAt: at,
          }),
        )
      } catch (error) {
        await this.fs
          .rm(join(this.folder, FILES, id), { recursive: true, force: true })
          .catch(() => {})
        throw error
      }
    })
  }

  /** Gives a template another name (not one another template has). */
  async rename(id: string, name: string): Promise<TemplateRecord> {
    const checked = checkTemplateName(name)
    return this.lock.run(NAMES, () =>
      this.records.change(id, ({ current, write }) => {
        if (current === undefined) throw templateGone()
        this.refuseTaken(checked, id)
        if (current.name === checked) return current
        return write({ ...current, name: checked, updatedAt: this.now().toISOString() })
      }),
    )
  }

  /** Deletes a template: its file first (then it is gone), then its copies of files. */
  async delete(id: string): Promise<void> {
    await this.lock.run(NAMES, () =>
      this.records.change(id, async ({ current, remove }) => {
        if (current === undefined) throw templateGone()
        await remove()
      }),
    )
    // Left behind if this fails: the next start sweeps copies whose template is gone.
    await this.fs.rm(join(this.folder, FILES, id), { recursive: true, force: true }).catch(() => {})
  }

  /**
   * Copies a template's files for a draft, each in its own folder under its own name (the name
   * it is sent with). A copy that is gone from the template's storage is named in `missing`.
   */
  async copyFilesFor(id: string, draftId: string): Promise<CopiedFiles> {
    const record = this.records.find(id)
    if (record === undefined) throw templateGone()
    const paths: string[] = []
    const missing: string[] = []
    for (const attachment of record.attachments) {
      const target = join(
        this.folder,
        INSERTED,
        draftId,
        newRecordId(),
        safeFileName(attachment.name),
      )
      const source = this.filePath(id, attachment.id)
      try {
        await this.fs.stat(source)
      } catch {
        missing.push(attachment.name)
        continue
      }
      await this.copy(createReadStream(source), target)
      paths.push(target)
    }
    return { paths, missing }
  }

  /** Removes template files whose template is gone (a delete cut short); at open. */
  private async sweepTemplateFiles(): Promise<void> {
    const files = join(this.folder, FILES)
    for (const name of await this.fs.readdir(files).catch(() => [] as string[])) {
      if (!this.records.has(name))
        await this.fs.rm(join(files, name), { recursive: true, force: true }).catch(() => {})
    }
  }

  /** Removes the copies made for drafts nobody needs any more (`needed` says which are). */
  async sweepInserted(needed: (draftId: string) => boolean): Promise<void> {
    const inserted = join(this.folder, INSERTED)
    for (const name of await this.fs.readdir(inserted).catch(() => [] as string[])) {
      if (!needed(name))
        await this.fs.rm(join(inserted, name), { recursive: true, force: true }).catch(() => {})
    }
  }

  /** Waits for every change under way. */
  async flush(): Promise<void> {
    await this.lock.idle()
    await this.records.flush()
  }

  private filePath(id: string, attachmentId: string): string {
    return join(this.folder, FILES, id, attachmentId)
  }

  private async copy(source: Readable, target: string): Promise<void> {
    try {
      await writeStreamAtomic(target, source, this.fs)
    } catch (error) {
      source.destroy()
      throw diskFailure(error, this.folder, KEPT_ON_FAILURE)
    }
  }

  private refuseTaken(name: string, except: string | null): void {
    const key = nameKey(name)
    for (const record of this.records.values()) {
      if (record.id !== except && nameKey(record.name) === key) {
        throw new PostlineFailure(
          'invalid-input',
          `There is already a template named “${name}”. Choose another name.`,
          { detail: 'templateNameTaken', name },
        )
      }
    }
  }
}

function templateGone(): PostlineFailure {
  return new PostlineFailure('not-found', 'That template no longer exists.', {
    detail: 'templateGone',
  })
}
