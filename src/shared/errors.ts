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
  'internal',
] as const

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The serialisable error shape that crosses IPC: no stack, no cause, no secrets. */
export interface PostlineError {
  readonly code: ErrorCode
  readonly message: string
}

/** What every invoke channel answers: a value, or an error in the contract's shape. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PostlineError }

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
