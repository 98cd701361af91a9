import { statSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system'

/** One `sync()` the core made through its file-system port. */
export interface SyncSeen {
  readonly at: number
  readonly kind: 'file' | 'folder'
  readonly path: string
}

/**
 * The core's file-system port, wrapped: while `counting`, every `sync()` on an open handle is
 * noted with its time and whether the handle is a folder or a file; with `syncAsNoOp` the syncs
 * are skipped (a diagnosis of what they cost, never a measured figure). Off, it only forwards.
 */
export function countingFileSystem(inner: FileSystem = nodeFileSystem) {
  const seen: SyncSeen[] = []
  const state = { counting: false, syncAsNoOp: false }
  const fs: FileSystem = {
    ...inner,
    async open(path, flags, mode) {
      const handle = await inner.open(path, flags, mode)
      return {
        fd: handle.fd,
        write: (buffer, offset, length) => handle.write(buffer, offset, length),
        writeFile: (data) => handle.writeFile(data),
        sync: () => {
          if (state.counting) {
            let folder = false
            try {
              folder = statSync(path).isDirectory()
            } catch {
              // A temporary file already renamed: a file.
            }
            seen.push({ at: performance.now(), kind: folder ? 'folder' : 'file', path })
          }
          return state.syncAsNoOp ? Promise.resolve() : handle.sync()
        },
        stat: () => handle.stat(),
        close: () => handle.close(),
      }
    },
  }
  return { fs, seen, state }
}
