import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'

/**
 * Writes a file so that a crash or kill leaves either the old or the new content, never a mix:
 * write a temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const temporary = temporaryPathFor(path)
  const handle = await open(temporary, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(folder)
}

/** Chunks are gathered up to this size before a write, so small stream chunks cost few syscalls. */
const WRITE_BATCH_BYTES = 256 * 1024

/**
 * Streams `source` into a file with the same guarantee as {@link writeFileAtomic}: the file appears
 * only once every chunk is written and synced. If the source fails (or throws to stop early), the
 * temporary file is removed, the target is left as it was, and the error is rethrown.
 */
export async function writeStreamAtomic(
  path: string,
  source: AsyncIterable<Uint8Array>,
): Promise<void> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const temporary = temporaryPathFor(path)
  const handle = await open(temporary, 'wx', 0o600)
  try {
    try {
      let batch: Uint8Array[] = []
      let batchBytes = 0
      for await (const chunk of source) {
        batch.push(chunk)
        batchBytes += chunk.byteLength
        if (batchBytes >= WRITE_BATCH_BYTES) {
          await writeAll(handle, Buffer.concat(batch, batchBytes))
          batch = []
          batchBytes = 0
        }
      }
      if (batchBytes > 0) await writeAll(handle, Buffer.concat(batch, batchBytes))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(folder)
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  // A write may take fewer bytes than offered (POSIX write(2)); loop until all are on disk.
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset)
    offset += bytesWritten
  }
}

/** A hidden, randomly named file next to `path`, so the final rename stays on one file system. */
function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
}

async function syncFolder(folder: string): Promise<void> {
  // A folder fsync makes the rename itself durable (POSIX); Windows cannot open folders this way.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Reads a JSON file, or answers `undefined` when it does not exist yet. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as unknown
}
