import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { PostlineFailure } from '../errors'

/**
 * What Postline recorded of an attached file when it was attached, so that what is sent is what
 * was attached: the resolved path, and the file's identity (device and inode), size, modification
 * time and SHA-256. Costs one read of the file at attach time (about 40 ms for 25 MB here) and one
 * more while building the message; no copy is kept in the data folder.
 */
export interface FileFingerprint {
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
  readonly dev: number
  readonly sha256: string
}

/** An attached file as sending needs it: its name as shown, and what was recorded. */
export interface FingerprintedFile {
  readonly name: string
  readonly path: string
  readonly fingerprint?: FileFingerprint | undefined
}

// O_NOFOLLOW: a path that became a symbolic link after attaching fails to open instead of
// reading whatever the link points to.
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)

/**
 * Records a file being attached. The path is resolved first (a link the person chose is followed
 * once, here, and the real file is what gets recorded). Answers null when it is not a readable
 * regular file.
 */
export async function fingerprintFile(chosenPath: string): Promise<FileFingerprint | null> {
  let path: string
  try {
    path = await realpath(chosenPath)
    if (!(await lstat(path)).isFile()) return null
  } catch {
    return null
  }
  let handle: FileHandle
  try {
    handle = await open(path, READ_NO_FOLLOW)
  } catch {
    return null
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return null
    const hash = createHash('sha256')
    for await (const chunk of handle.createReadStream({ autoClose: false }))
      hash.update(chunk as Buffer)
    return {
      path,
      size: info.size,
      mtimeMs: info.mtimeMs,
      ino: info.ino,
      dev: info.dev,
      sha256: hash.digest('hex'),
    }
  } catch {
    return null
  } finally {
    await handle.close().catch(() => {})
  }
}

/** How an attached file is no longer what was attached (`params.change`, worded by the window). */
export type AttachmentChange = 'link' | 'moved' | 'notFile' | 'replaced' | 'changed' | 'unreadable'

const CHANGE_SENTENCE: Readonly<Record<AttachmentChange, string>> = {
  link: 'became a link',
  moved: 'was moved or deleted',
  notFile: 'is no longer a file',
  replaced: 'was replaced by another file',
  changed: 'was changed',
  unreadable: 'could not be read',
}

/** The failure that stops a send whose attachment is no longer what was attached. */
export function attachmentChanged(
  name: string,
  change: AttachmentChange,
  errno?: string,
): PostlineFailure {
  const how =
    change === 'unreadable' ? `could not be read (${errno ?? 'error'})` : CHANGE_SENTENCE[change]
  return new PostlineFailure(
    'attachment-changed',
    `The attachment “${name}” ${how} after you attached it, so nothing was sent. Remove it, attach it again, and send.`,
    { detail: 'attachmentChanged', file: name, change },
  )
}

/**
 * Checks, without reading it, that an attached file is still the one attached (same device and
 * inode, size and modification time, not a link): what Send can refuse at once. Only the build
 * that reads it can tell a change that kept all of these (the hash).
 */
export async function checkAttached(file: FingerprintedFile): Promise<void> {
  const handle = await openChecked(file)
  await handle.close().catch(() => {})
}

/** Opens an attached file and checks what its metadata can tell; see {@link openAttached}. */
async function openChecked(file: FingerprintedFile): Promise<FileHandle> {
  let handle: FileHandle
  try {
    handle = await open(file.path, READ_NO_FOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') throw attachmentChanged(file.name, 'link')
    if (code === 'ENOENT') throw attachmentChanged(file.name, 'moved')
    throw attachmentChanged(file.name, 'unreadable', code)
  }
  try {
    const info = await handle.stat()
    const recorded = file.fingerprint
    if (!info.isFile()) throw attachmentChanged(file.name, 'notFile')
    if (recorded !== undefined) {
      if (info.ino !== recorded.ino || info.dev !== recorded.dev)
        throw attachmentChanged(file.name, 'replaced')
      if (info.size !== recorded.size || info.mtimeMs !== recorded.mtimeMs)
        throw attachmentChanged(file.name, 'changed')
    }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  return handle
}

/**
 * Opens an attached file for sending and checks it is still the file that was attached: same
 * device and inode, same size and modification time, not a link; the bytes read are hashed and
 * the stream fails at its end if they differ from what was recorded. A file attached before
 * fingerprints existed is checked for being a regular file that is not a link.
 */
export async function openAttached(file: FingerprintedFile): Promise<Readable> {
  const handle = await openChecked(file)
  const hash = createHash('sha256')
  const expected = file.fingerprint?.sha256
  const checked = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      done(null, chunk)
    },
    flush(done) {
      if (expected !== undefined && hash.digest('hex') !== expected)
        done(attachmentChanged(file.name, 'changed'))
      else done()
    },
  })
  const source = handle.createReadStream()
  source.on('error', (error) => checked.destroy(error))
  return source.pipe(checked)
}

/** The name a file gets in the message: its name as the person chose it. */
export function attachmentName(chosenPath: string): string {
  return basename(chosenPath)
}
