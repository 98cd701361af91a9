import { randomBytes } from 'node:crypto'
import { dirname, join, basename } from 'node:path'
import { nodeFileSystem, type FileHandleLike, type FileSystem } from './file-system'

/**
 * Writes a file so that a crash or kill leaves either the old or the new content, never a mix:
 * write a temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
 * On any failure (a full disk, an I/O error) the temporary file is removed before the error is
 * rethrown, so a failed write never leaves anything behind that keeps the disk full.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  await writeAtomic(path, fs, (handle) => handle.writeFile(data))
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
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  await writeAtomic(path, fs, async (handle) => {
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
  })
}

async function writeAtomic(
  path: string,
  fs: FileSystem,
  fill: (handle: FileHandleLike) => Promise<void>,
): Promise<void> {
  const folder = dirname(path)
  await fs.mkdir(folder, { recursive: true, mode: 0o700 })
  const temporary = temporaryPathFor(path)
  const handle = await fs.open(temporary, 'wx', 0o600)
  try {
    try {
      await fill(handle)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temporary, path)
  } catch (error) {
    // Removing frees the space a full disk needs; if even that fails, start-up sweeps it.
    await fs.rm(temporary, { force: true }).catch(() => {})
    throw error
  }
  await syncFolder(folder, fs)
}

async function writeAll(handle: FileHandleLike, buffer: Buffer): Promise<void> {
  // A write may take fewer bytes than offered (POSIX write(2)); loop until all are on disk.
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset)
    offset += bytesWritten
  }
}

/** The suffix of every temporary file; start-up removes leftovers (see {@link isTemporaryFile}). */
const TEMPORARY_SUFFIX = '.tmp'

/** A hidden, randomly named file next to `path`, so the final rename stays on one file system. */
function temporaryPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`,
  )
}

/** Whether a file name is a temporary file of {@link writeFileAtomic} (left by a crash). */
export function isTemporaryFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMPORARY_SUFFIX)
}

/**
 * Removes the temporary files a crash or a failed write left in `folder` (never anything else);
 * answers how many went. A folder that cannot be read or written is left as it is.
 */
export async function removeTemporaryFiles(
  folder: string,
  fs: FileSystem = nodeFileSystem,
  known?: readonly string[],
): Promise<number> {
  const names = known ?? (await fs.readdir(folder).catch(() => [] as string[]))
  let removed = 0
  for (const name of names.filter(isTemporaryFile)) {
    await fs
      .rm(join(folder, name), { force: true })
      .then(() => (removed += 1))
      .catch(() => {})
  }
  return removed
}

async function syncFolder(folder: string, fs: FileSystem): Promise<void> {
  // A folder fsync makes the rename itself durable (POSIX); Windows cannot open folders this way.
  if (process.platform === 'win32') return
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Reads a JSON file, or answers `undefined` when it does not exist yet. */
export async function readJsonFile(
  path: string,
  fs: FileSystem = nodeFileSystem,
): Promise<unknown> {
  let text: string
  try {
    text = (await fs.readFile(path)).toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as unknown
}

/**
 * Reads a JSON file whose damage must not be silently overwritten by the next save: a file that
 * does not parse is renamed to `<name>.damaged-<time>` next to the original (never deleted), and
 * the caller goes on as if there were none. Answers the value (undefined when there is none) and
 * where a damaged file went.
 */
export async function readJsonOrSetAside(
  path: string,
  fs: FileSystem = nodeFileSystem,
  now: () => Date = () => new Date(),
): Promise<{ value: unknown; setAsideTo: string | null }> {
  try {
    return { value: await readJsonFile(path, fs), setAsideTo: null }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
  }
  const setAsideTo = `${path}.damaged-${now().getTime()}`
  await fs.rename(path, setAsideTo)
  return { value: undefined, setAsideTo }
}
