import { join } from 'node:path'
import type { z } from 'zod'
import type { SetAsideReason } from '../../shared/domain'
import type { Kept } from '../../shared/errors'
import { isTemporaryFile, readJsonFile, removeTemporaryFiles, writeFileAtomic } from './atomic-file'
import { diskFailure, errnoOf } from './disk-errors'
import { KeyedLock } from './keyed-lock'
import { nodeFileSystem, type FileSystem } from './file-system'

/** Something the store set aside at start instead of loading it. */
export interface SetAside {
  /** Where the damaged file now is. */
  readonly path: string
  /** Why: it did not parse, did not match its schema, or could not be read (a code the window words). */
  readonly reason: SetAsideReason
  /** The errno code when it could not be read. */
  readonly errno?: string
  /** False when it could not be moved (a read-only folder): it stays where it was, unloaded. */
  readonly moved: boolean
}

/** Why a record file cannot be used. */
export interface Unusable {
  readonly reason: SetAsideReason
  readonly errno?: string
}

/** What {@link RecordFolder.open} needs besides the folder and schema. */
export interface RecordFolderOptions {
  readonly fs?: FileSystem
  /** What was kept when a write fails, as a code the window words (`draft`: "Your draft as last saved is kept."). */
  readonly keptOnFailure: Kept
  readonly now?: () => Date
}

/** One change inside {@link RecordFolder.change}: the current record and the ways to change it. */
export interface RecordChange<T> {
  /** The record as it is on disk right now (undefined when there is none). */
  readonly current: T | undefined
  /** Writes the record durably, then makes it current. Throws a disk failure and changes nothing. */
  write(record: T): Promise<T>
  /** Deletes the record's file, then forgets it. */
  remove(): Promise<void>
}

/**
 * A folder of `<id>.json` records (drafts, outbox items), one atomic file each, with the rule
 * "disk first": a record changes in memory only after its file was written, and changes of one
 * record run one at a time on the current record. At start, temporary files left by a crash or a
 * failed write are removed, and a file that does not parse or match its name is set aside as
 * `<name>.damaged-<time>` (never deleted) while every other record loads.
 */
export class RecordFolder<T extends { readonly id: string }> {
  private readonly records = new Map<string, T>()
  private readonly lock = new KeyedLock()
  readonly setAside: SetAside[] = []

  private constructor(
    readonly folder: string,
    private readonly fs: FileSystem,
    private readonly keptOnFailure: Kept,
  ) {}

  static async open<T extends { readonly id: string }>(
    folder: string,
    schema: z.ZodType<T>,
    options: RecordFolderOptions,
  ): Promise<RecordFolder<T>> {
    const fs = options.fs ?? nodeFileSystem
    const now = options.now ?? (() => new Date())
    const store = new RecordFolder<T>(folder, fs, options.keptOnFailure)
    const names = await prepareRecordFolder(folder, fs, now, store.setAside)
    for (const id of recordIds(names)) {
      const read = await readRecordFile(folder, id, schema, fs)
      if ('record' in read) store.records.set(id, read.record)
      else await setAsideFile(join(folder, `${id}.json`), read, fs, now, store.setAside)
    }
    return store
  }

  has(id: string): boolean {
    return this.records.has(id)
  }

  find(id: string): T | undefined {
    return this.records.get(id)
  }

  values(): IterableIterator<T> {
    return this.records.values()
  }

  get size(): number {
    return this.records.size
  }

  /**
   * Runs `task` alone for this record: no other change of it starts until the task settles, and
   * the task sees the record as it is now. Writes inside go to disk before memory.
   */
  change<R>(id: string, task: (change: RecordChange<T>) => Promise<R> | R): Promise<R> {
    return this.lock.run(id, () =>
      task({
        current: this.records.get(id),
        write: (record) => this.write(record),
        remove: () => this.remove(id),
      }),
    )
  }

  /**
   * Changes a record in memory only. For one case alone: the outbox could not record an
   * attempt's outcome, and memory takes the meaning the record on disk already has at the next
   * start (`sending` is read as `unknown`), so memory and disk still tell the same story.
   */
  assumeInMemory(record: T): void {
    if (this.records.has(record.id)) this.records.set(record.id, record)
  }

  /** Waits for every change under way. */
  flush(): Promise<void> {
    return this.lock.idle()
  }

  /** The path of a record's file. */
  pathOf(id: string): string {
    return join(this.folder, `${id}.json`)
  }

  private async write(record: T): Promise<T> {
    await writeRecordFile(this.folder, record, this.fs, this.keptOnFailure)
    this.records.set(record.id, record)
    return record
  }

  private async remove(id: string): Promise<void> {
    await removeRecordFile(this.folder, id, this.fs, this.keptOnFailure)
    this.records.delete(id)
  }
}

/**
 * Writes one record as `<id>.json`, atomically; a file-system failure becomes the person's
 * disk error (`disk-full`, `read-only`, `disk-error`) saying `kept`. Memory is the caller's.
 */
export async function writeRecordFile(
  folder: string,
  record: { readonly id: string },
  fs: FileSystem,
  kept: Kept,
): Promise<void> {
  try {
    await writeFileAtomic(join(folder, `${record.id}.json`), `${JSON.stringify(record)}\n`, fs)
  } catch (error) {
    throw diskFailure(error, folder, kept)
  }
}

/** Deletes one record's file (none is fine), with the same disk errors as {@link writeRecordFile}. */
export async function removeRecordFile(
  folder: string,
  id: string,
  fs: FileSystem,
  kept: Kept,
): Promise<void> {
  try {
    await fs.rm(join(folder, `${id}.json`), { force: true })
  } catch (error) {
    throw diskFailure(error, folder, kept)
  }
}

/**
 * Makes sure a record folder exists (a file in its place is set aside; an unwritable folder is
 * left to fail on the first write) and removes the temporary files a crash or failed write left.
 */
export async function prepareRecordFolder(
  folder: string,
  fs: FileSystem,
  now: () => Date,
  setAside: SetAside[],
): Promise<string[]> {
  try {
    await fs.mkdir(folder, { recursive: true, mode: 0o700 })
  } catch (error) {
    const code = errnoOf(error)
    // Something that is not a folder is in the way (a file named `drafts`): set it aside.
    if (
      (code === 'EEXIST' || code === 'ENOTDIR') &&
      (await setAsideFile(folder, { reason: 'notAFolder' }, fs, now, setAside))
    )
      await fs.mkdir(folder, { recursive: true, mode: 0o700 }).catch(() => {})
  }
  const names = await fs.readdir(folder).catch(() => [] as string[])
  await removeTemporaryFiles(folder, fs, names)
  return names.filter((name) => !isTemporaryFile(name))
}

/** The ids of the records among a folder's file names: every `<id>.json` that is not hidden. */
export function recordIds(names: readonly string[]): string[] {
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .map((name) => name.slice(0, -'.json'.length))
}

/** Reads and checks one record file: the record, or why it cannot be used. */
export async function readRecordFile<T extends { readonly id: string }>(
  folder: string,
  id: string,
  schema: z.ZodType<T>,
  fs: FileSystem,
): Promise<{ record: T } | Unusable> {
  try {
    const parsed = schema.safeParse(await readJsonFile(join(folder, `${id}.json`), fs))
    if (!parsed.success) return { reason: 'wrongFields' }
    if (parsed.data.id !== id) return { reason: 'wrongName' }
    return { record: parsed.data }
  } catch (error) {
    if (error instanceof SyntaxError) return { reason: 'notJson' }
    const errno = errnoOf(error)
    return errno === undefined ? { reason: 'unreadable' } : { reason: 'unreadable', errno }
  }
}

/** Why a record file cannot be used, in English for the log and the errors main logs. */
export function unusableSentence(why: Unusable): string {
  switch (why.reason) {
    case 'notJson':
      return 'it is not valid JSON'
    case 'wrongFields':
      return 'it does not have the expected fields'
    case 'wrongName':
      return 'its name does not match its content'
    case 'notAFolder':
      return 'it is a file, not a folder'
    case 'unreadable':
      return `it could not be read (${why.errno ?? 'error'})`
  }
}

/** Renames a damaged file to `<path>.damaged-<time>` and notes it; false when it cannot move. */
export async function setAsideFile(
  path: string,
  why: Unusable,
  fs: FileSystem,
  now: () => Date,
  setAside: SetAside[],
): Promise<boolean> {
  const movedTo = `${path}.damaged-${now().getTime()}`
  try {
    await fs.rename(path, movedTo)
  } catch {
    // A read-only folder: the file stays where it is and is simply not loaded.
    setAside.push({ path, ...why, moved: false })
    return false
  }
  setAside.push({ path: movedTo, ...why, moved: true })
  return true
}
