import type { Kept } from '../../shared/errors'
import { PostlineFailure } from '../errors'

/** What was kept, in English for the log (the window words the code itself). */
const KEPT_SENTENCE: Readonly<Record<Kept, string>> = {
  draft: ' Your draft as last saved is kept.',
  draftNotSent: ' Your draft is kept; nothing was sent.',
  outbox: ' The outbox is as it was.',
  outboxWaits: ' The message waits in the outbox.',
  language: ' The language was not changed.',
  nothing: '',
}

/** The errno codes that mean the disk is full. */
const FULL = new Set(['ENOSPC', 'EDQUOT'])
/** The errno codes that mean the folder cannot be written by this user. */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM'])

/** Whether an error is an errno error from the file system (as opposed to a bug). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code!)
  )
}

/** The errno code of an error, if it has one. */
export function errnoOf(error: unknown): string | undefined {
  return isFileSystemError(error) ? error.code : undefined
}

/**
 * Turns a file-system error met while changing the data folder into the error a person reads:
 * `disk-full`, `read-only` or `disk-error`, naming the folder and saying what was kept. Any
 * other error (already a PostlineFailure, or a bug) is returned unchanged.
 */
export function diskFailure(error: unknown, folder: string, kept: Kept): unknown {
  if (error instanceof PostlineFailure || !isFileSystemError(error)) return error
  const code = error.code!
  const said = KEPT_SENTENCE[kept]
  const params = { folder, errno: code, kept }
  if (FULL.has(code)) {
    return new PostlineFailure(
      'disk-full',
      `The disk that holds ${folder} is full.${said} Free some space, then try again.`,
      { detail: 'diskFull', ...params },
    )
  }
  if (READ_ONLY.has(code)) {
    return new PostlineFailure(
      'read-only',
      `Postline cannot write to ${folder} (${code === 'EROFS' ? 'the disk is read-only' : 'permission denied'}).${said}`,
      { detail: 'readOnly', ...params },
    )
  }
  return new PostlineFailure(
    'disk-error',
    `The disk reported an error (${code}) in ${folder}.${said} Check the disk, then try again.`,
    { detail: 'diskError', ...params },
  )
}
