import * as fsp from 'node:fs/promises'
import type { Stats } from 'node:fs'

/** The part of an open file Postline's writers use. */
export interface FileHandleLike {
  readonly fd: number
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
  writeFile(data: string | Uint8Array): Promise<void>
  sync(): Promise<void>
  stat(): Promise<Stats>
  close(): Promise<void>
}

/**
 * The file-system port: every read and write of the data folder (atomic writes, drafts, the
 * outbox, the registry, settings) goes through one of these, so tests can inject ENOSPC, EIO,
 * EROFS or EACCES at the exact call, and the app uses {@link nodeFileSystem}.
 */
export interface FileSystem {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandleLike>
  rename(from: string, to: string): Promise<void>
  rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<unknown>
  readdir(path: string): Promise<string[]>
  readFile(path: string): Promise<Buffer>
  stat(path: string): Promise<Stats>
  lstat(path: string): Promise<Stats>
  access(path: string, mode: number): Promise<void>
}

/** Node's own file system. */
export const nodeFileSystem: FileSystem = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  rm: async (path, options) => {
    // A file, there or not, in one unlink: fs.rm looks at the path (lstat) before it removes.
    if (options?.force === true && options.recursive !== true) {
      try {
        await fsp.unlink(path)
        return
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') return
        // A folder (EISDIR on Linux, EPERM on macOS): fs.rm says so as it always did.
        if (code !== 'EISDIR' && code !== 'EPERM') throw error
      }
    }
    await fsp.rm(path, options)
  },
  mkdir: (path, options) => fsp.mkdir(path, options),
  readdir: (path) => fsp.readdir(path),
  readFile: (path) => fsp.readFile(path),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  access: (path, mode) => fsp.access(path, mode),
}

/** The operations a fault can be injected into; `write` and `sync` act on open files. */
export type FileOperation =
  'open' | 'write' | 'sync' | 'rename' | 'rm' | 'mkdir' | 'readdir' | 'readFile' | 'stat' | 'access'

/** One injected fault: the errno code to throw, for which operation and paths, how often. */
export interface FaultRule {
  readonly op: FileOperation
  readonly code: string
  /** Only paths for which this answers true (default: every path). */
  readonly match?: (path: string) => boolean
  /** How many times it fires before it is spent (default: until removed). */
  times?: number
}

/** A file system that fails on purpose; its rules can be changed while it is in use. */
export interface FaultyFileSystem extends FileSystem {
  /** Replaces the rules; an empty list makes it behave like the file system it wraps. */
  setFaults(rules: FaultRule[]): void
  /** How many faults fired so far, per errno code. */
  readonly fired: Map<string, number>
}

/** Builds an errno error the way Node reports one. */
export function errnoError(code: string, op: string, path: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: injected fault, ${op} '${path}'`) as NodeJS.ErrnoException
  error.code = code
  error.syscall = op
  error.path = path
  return error
}

/** Wraps a file system so that tests can make chosen calls fail with chosen errno codes. */
export function faultyFileSystem(inner: FileSystem = nodeFileSystem): FaultyFileSystem {
  let rules: FaultRule[] = []
  const fired = new Map<string, number>()
  const check = (op: FileOperation, path: string): void => {
    const rule = rules.find(
      (candidate) =>
        candidate.op === op &&
        (candidate.times === undefined || candidate.times > 0) &&
        (candidate.match === undefined || candidate.match(path)),
    )
    if (rule === undefined) return
    if (rule.times !== undefined) rule.times -= 1
    fired.set(rule.code, (fired.get(rule.code) ?? 0) + 1)
    throw errnoError(rule.code, op, path)
  }
  const guarded =
    <A extends unknown[], R>(op: FileOperation, call: (path: string, ...rest: A) => Promise<R>) =>
    async (path: string, ...rest: A): Promise<R> => {
      check(op, path)
      return call(path, ...rest)
    }
  return {
    fired,
    setFaults(next) {
      rules = next.map((rule) => ({ ...rule }))
    },
    async open(path, flags, mode) {
      check('open', path)
      const handle = await inner.open(path, flags, mode)
      return {
        fd: handle.fd,
        write: async (buffer, offset, length) => {
          check('write', path)
          return handle.write(buffer, offset, length)
        },
        writeFile: async (data) => {
          check('write', path)
          return handle.writeFile(data)
        },
        sync: async () => {
          check('sync', path)
          return handle.sync()
        },
        stat: () => handle.stat(),
        close: () => handle.close(),
      }
    },
    rename: async (from, to) => {
      check('rename', from)
      return inner.rename(from, to)
    },
    rm: guarded('rm', (path, options?: { force?: boolean; recursive?: boolean }) =>
      inner.rm(path, options),
    ),
    mkdir: guarded('mkdir', (path, options?: { recursive?: boolean; mode?: number }) =>
      inner.mkdir(path, options),
    ),
    readdir: guarded('readdir', (path) => inner.readdir(path)),
    readFile: guarded('readFile', (path) => inner.readFile(path)),
    stat: guarded('stat', (path) => inner.stat(path)),
    lstat: guarded('stat', (path) => inner.lstat(path)),
    access: guarded('access', (path, mode: number) => inner.access(path, mode)),
  }
}
