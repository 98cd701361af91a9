import { ZodError } from 'zod'
import { INTERNAL_ERROR } from '../shared/errors'
import type { ErrorCode, ErrorParams, PostlineError } from '../shared/errors'

/**
 * An expected failure with a code from the contract. `message` is the English sentence for the
 * log; the window words `code` and `params` (a `detail` and what it names) in the person's
 * language and never shows `message`.
 */
export class PostlineFailure extends Error {
  override readonly name: string = 'PostlineFailure'
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the window needs to word it (see {@link PostlineError.params}); never a secret. */
    readonly params?: ErrorParams,
  ) {
    super(message)
  }
}

/** The keychain is locked, missing or refused the operation; nothing fell back to a file. */
export class KeychainUnavailableError extends PostlineFailure {
  override readonly name = 'KeychainUnavailableError'
  constructor(
    message: string,
    readonly detail: string,
    params?: ErrorParams,
  ) {
    super('keychain-unavailable', message, params)
  }
}

/** Google answered an OAuth call with an error body (`invalid_grant`, `invalid_client`, …). */
export class OAuthError extends PostlineFailure {
  override readonly name = 'OAuthError'
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | undefined,
    readonly oauthError: string | undefined,
    params?: ErrorParams,
  ) {
    super(code, message, params)
  }
}

/** Params that name what a person attached or typed: the log never holds them (log.ts). */
const PERSONAL_PARAMS = ['file', 'entry', 'name'] as const

/** An error's English sentence for the log, with the file names and typed entries it quotes withheld. */
export function sentenceForLog(error: PostlineError): string {
  let sentence = error.message
  for (const name of PERSONAL_PARAMS) {
    const value = error.params?.[name]
    if (typeof value === 'string' && value !== '')
      sentence = sentence.split(value).join('[withheld]')
  }
  return sentence
}

/** Turns anything thrown in main into the serialisable shape; unknown errors say nothing internal. */
export function toPostlineError(error: unknown): PostlineError {
  if (error instanceof PostlineFailure) {
    return error.params === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, params: error.params }
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0]
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : ''
    return { code: 'invalid-input', message: `The request was not understood${where}.` }
  }
  return INTERNAL_ERROR
}
