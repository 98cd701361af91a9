import path from 'node:path'
import electronLog from 'electron-log/node'
import type { LogSink } from './log'

/**
 * The log file lives in `logs/` in the user-data folder (Linux `~/.config/Postline/logs/`, macOS
 * `~/Library/Application Support/Postline/logs/`, Windows `%APPDATA%\Postline\logs\`), whichever
 * backend (Google or the sandbox) the run uses. Help ▸ Open log folder opens it.
 */
export const LOG_FOLDER = 'logs'
export const LOG_FILE = 'postline.log'
/** Past this size the file is renamed to `postline.old.log` (replacing the previous one). */
export const MAX_LOG_BYTES = 1024 * 1024

export function logFolderIn(userData: string): string {
  return path.join(userData, LOG_FOLDER)
}

/**
 * A sink that appends lines to `file` through electron-log's file transport (its plain-Node
 * build, so the same code runs in Electron's main process and in the tests): synchronous appends,
 * a timestamp and level on each line, owner-only permissions, and rotation at `maxBytes` into
 * `<name>.old.log`, so the log never takes more than twice `maxBytes` on disk.
 */
export function fileLogSink(file: string, maxBytes: number = MAX_LOG_BYTES): LogSink {
  const writer = electronLog.create({ logId: `postline:${file}` })
  // Only the file: the console gets its lines from log.ts's own sink, and there is no renderer or
  // remote transport (the node build creates `ipc` as undefined).
  for (const [name, transport] of Object.entries(writer.transports)) {
    if (name !== 'file' && transport) transport.level = false
  }
  writer.transports.file.level = 'info'
  // electron-log looks for the app's name in package.json for its default paths, and throws on
  // every line when it finds none; the path is set below, so the name only has to exist.
  writer.transports.file.setAppName('Postline')
  writer.transports.file.resolvePathFn = () => file
  writer.transports.file.maxSize = maxBytes
  writer.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}'
  writer.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  return (level, line) => writer[level](line)
}
