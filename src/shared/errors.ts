/** The closed set of error codes that may cross the IPC boundary. */
export const ERROR_CODES = [
  'invalid-input',
  'needs-reconnect',
  'keychain-unavailable',
  'access-denied',
  'scope-not-granted',
  'account-mismatch',
  'timeout',
  'cancelled',
  'busy',
  'not-found',
  'offline',
  'rate-limited',
  'auth-failed',
  'invalid-address',
  'too-large',
  /** The data folder's disk is full (ENOSPC, EDQUOT): nothing was changed, free space and retry. */
  'disk-full',
  /** The data folder cannot be written (EROFS, EACCES, EPERM): Postline runs read-only. */
  'read-only',
  /** The disk failed (EIO and other I/O errors) while reading or writing the data folder. */
  'disk-error',
  /** An attached file changed, vanished or became a link after it was attached. */
  'attachment-changed',
  /** The person's browser could not be opened for the sign-in. */
  'browser-unavailable',
  /** Google could not be reached or refused to revoke a grant; the account can be removed here. */
  'revoke-failed',
  /** Gmail answered 403 insufficient permissions: the gmail.send scope was not granted. */
  'insufficient-permission',
  /** Gmail refused the message for good; its own reason is in the message (params.reason). */
  'gmail-refused',
  /** Gmail's answer did not confirm the send: the message may have been sent. */
  'unconfirmed',
  /** What was asked is not available in this window or mode (for example settings in a test bridge). */
  'unsupported',
  'internal',
] as const

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The serialisable error shape that crosses IPC: no stack, no cause, no secrets. */
export interface PostlineError {
  readonly code: ErrorCode
  /** The English sentence (for the log and as the fallback wording). */
  readonly message: string
  /**
   * What the window needs to word the error in the person's language: an account, a file name,
   * a folder, a size, Google's own reason. Only plain strings and numbers, never a secret.
   */
  readonly params?: Readonly<Record<string, string | number>>
}

/**
 * The one `internal` error, wherever it is made (main, the preload, the window): a failure nobody
 * foresaw has nothing the person can act on, so it says only that; the details go to main's log.
 */
export const INTERNAL_ERROR: PostlineError = {
  code: 'internal',
  message: 'Something went wrong inside Postline. Please try again.',
}

/** What every invoke channel answers: a value, or an error in the contract's shape. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PostlineError }

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
