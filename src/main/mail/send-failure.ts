import { INTERNAL_ERROR } from '../../shared/errors'
import type { ErrorCode, ErrorParams } from '../../shared/errors'
import { PostlineFailure } from '../errors'
import type { SendFailureKind } from './types'

/** How the outbox treats one failed attempt. */
export interface SendFailure {
  readonly kind: SendFailureKind
  readonly code: ErrorCode
  /** The English sentence, for the log. */
  readonly message: string
  /** What the window words it from. */
  readonly params?: ErrorParams
  readonly retryAfterMs?: number
}

/**
 * Decides what a failure means for the outbox. The Gmail transport's errors carry their kind;
 * failures before the request (token refresh, keychain) are classified here.
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof PostlineFailure) {
    const shape = {
      code: error.code,
      message: error.message,
      ...(error.params ? { params: error.params } : {}),
    }
    const kind = (error as { kind?: unknown }).kind
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs
    if (kind === 'retryable' || kind === 'unknown' || kind === 'auth' || kind === 'permanent') {
      return {
        kind,
        ...shape,
        ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      }
    }
    switch (error.code) {
      case 'needs-reconnect':
        return { kind: 'auth', ...shape }
      // Nothing was sent yet: a refresh that could not reach Google, a locked keychain, or a
      // rate limit on the token endpoint all clear up by themselves.
      case 'offline':
      case 'rate-limited':
      case 'keychain-unavailable':
        return { kind: 'retryable', ...shape }
      default:
        return { kind: 'permanent', ...shape }
    }
  }
  return { kind: 'permanent', code: INTERNAL_ERROR.code, message: INTERNAL_ERROR.message }
}
