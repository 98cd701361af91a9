import type { ErrorCode, ErrorParams, PostlineError } from '../../shared/errors'
import { GMAIL_MAX_MESSAGE_BYTES, tooLargeSentence } from '../../shared/message-size'
import { oauthFailure } from '../auth/google-oauth'
import { PostlineFailure } from '../errors'
import type { SendFailureKind } from './types'

/** What a send failure carries besides its code and message. */
export interface GmailSendErrorDetails {
  readonly kind: SendFailureKind
  readonly status?: number
  /** Google's `errors[0].reason`, e.g. `rateLimitExceeded`. */
  readonly reason?: string
  /** How long Google asked to wait (`Retry-After`, or the time in its message). */
  readonly retryAfterMs?: number
  /** What the window words the failure from (see {@link ErrorParams}). */
  readonly params?: ErrorParams
}

/** A send that failed, with what the outbox needs to decide: retry, ask, reconnect or give up. */
export class GmailSendError extends PostlineFailure {
  override readonly name = 'GmailSendError'
  readonly kind: SendFailureKind
  readonly status?: number
  readonly reason?: string
  readonly retryAfterMs?: number

  constructor(code: ErrorCode, message: string, details: GmailSendErrorDetails) {
    super(code, message, details.params)
    this.kind = details.kind
    if (details.status !== undefined) this.status = details.status
    if (details.reason !== undefined) this.reason = details.reason
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs
  }
}

/**
 * What a message held for a missing permission says: the account's sign-in still works (this is
 * not a revoked grant), but Google gave no permission to send until the person reconnects.
 */
export function permissionHeldError(email: string): PostlineError {
  return {
    code: 'insufficient-permission' as const,
    message: `Google did not give Postline permission to send email from ${email}. Reconnect it and leave “Send email on your behalf” ticked; this message goes out as soon as you do.`,
    params: { detail: 'sendNotAllowed', email },
  }
}

/** Refused before any network traffic: Gmail would refuse it after the whole upload. */
export function tooLargeError(bytes: number): GmailSendError {
  return new GmailSendError('too-large', tooLargeSentence(bytes), {
    kind: 'permanent',
    params: { detail: 'tooLarge', size: bytes, limit: GMAIL_MAX_MESSAGE_BYTES },
  })
}

/** The parts of a gaxios error this module reads. */
interface HttpErrorLike {
  readonly response?: {
    readonly status?: number
    readonly data?: unknown
    readonly headers?: { get(name: string): string | null }
  }
}

/** The status of an HTTP answer carried by a gaxios error, if there was an answer. */
export function responseStatus(error: unknown): number | undefined {
  return (error as HttpErrorLike | null)?.response?.status
}

/** Google's `errors[0].reason` and message from an error body. */
function googleError(data: unknown): { reason?: string; message?: string } {
  const error = (data as { error?: unknown } | null)?.error
  if (typeof error !== 'object' || error === null) return {}
  const { message, errors } = error as { message?: unknown; errors?: unknown }
  const first = Array.isArray(errors) ? (errors[0] as { reason?: unknown } | undefined) : undefined
  return {
    ...(typeof first?.reason === 'string' ? { reason: first.reason } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  }
}

/**
 * Google's message, made safe to show and store: Google sometimes quotes a rejected value
 * (`Base64 decoding failed for "…"`), which could be part of the message, so quotes go.
 */
function safeGoogleMessage(message: string | undefined, status: number): string {
  const text = googleWords(message)
  if (text === '') return `Gmail refused the message (HTTP ${status}).`
  return text
}

/** Google's own words, made safe as above, or '' when it gave none. */
function googleWords(message: string | undefined): string {
  const text = (message ?? '').replace(/"[^"]{24,}"/g, '"…"').trim()
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), else Google's "Retry after <time>". */
export function retryAfterMs(
  header: string | null | undefined,
  message: string | undefined,
  now = Date.now(),
): number | undefined {
  if (header !== null && header !== undefined && header.trim() !== '') {
    const value = header.trim()
    if (/^\d+$/.test(value)) return Number(value) * 1000
    const date = Date.parse(value)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const match = /Retry after (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(message ?? '')
  if (match !== null) {
    const date = Date.parse(match[1] as string)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  return undefined
}

const RATE_LIMIT_REASONS: ReadonlySet<string> = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
])

/** Gmail answered with an error status. */
export function failureFromResponse(error: unknown): GmailSendError {
  const response = (error as HttpErrorLike).response ?? {}
  const status = response.status ?? 0
  const { reason, message } = googleError(response.data)
  const common = { status, ...(reason === undefined ? {} : { reason }) }
  if (
    status === 429 ||
    (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason))
  ) {
    const wait = retryAfterMs(response.headers?.get('retry-after'), message)
    return new GmailSendError(
      'rate-limited',
      'Gmail is limiting how much this account can send right now. Postline will try again later.',
      {
        kind: 'retryable',
        ...common,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
        params: { detail: 'gmailRateLimited' },
      },
    )
  }
  if (status >= 500) {
    return new GmailSendError(
      'offline',
      `Gmail is having trouble (HTTP ${status}). Postline will try again.`,
      { kind: 'retryable', ...common, params: { detail: 'gmailTrouble', status } },
    )
  }
  if (status === 401) {
    return new GmailSendError(
      'needs-reconnect',
      'Gmail no longer accepts Postline’s access to this account, even after a new sign-in token. Reconnect the account.',
      { kind: 'auth', ...common, params: { detail: 'gmailRejectsAccess' } },
    )
  }
  if (status === 403 && reason === 'insufficientPermissions') {
    // Not a revoked grant (that is a 401): the sign-in works but lacks the gmail.send scope.
    // Reconnecting with "Send email on your behalf" ticked fixes it; a retry never will.
    return new GmailSendError(
      'insufficient-permission',
      'Google did not give Postline permission to send email from this account. Reconnect it and leave “Send email on your behalf” ticked.',
      { kind: 'auth', ...common, params: { detail: 'sendNotAllowed' } },
    )
  }
  const text = safeGoogleMessage(message, status)
  const words = googleWords(message)
  // Google's own reason crosses as Google wrote it; the window words the rest.
  const params: ErrorParams =
    words === ''
      ? { detail: 'gmailRefusedStatus', status }
      : { detail: 'gmailRefused', googleReason: words }
  if (status === 413 || reason === 'uploadTooLarge' || /payload size exceeds/i.test(text)) {
    return new GmailSendError('too-large', text, { kind: 'permanent', ...common, params })
  }
  const addressProblem = /recipient|address|\b(to|cc|bcc|from) header/i.test(text)
  return new GmailSendError(addressProblem ? 'invalid-address' : 'gmail-refused', text, {
    kind: 'permanent',
    ...common,
    params,
  })
}

/** Codes meaning the connection was never made, so nothing reached Gmail. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
])

/** System error codes anywhere on an error's `cause` chain (node-fetch and gaxios wrap them). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, errno } = current as { code?: unknown; errno?: unknown }
    if (typeof code === 'string') codes.push(code)
    if (typeof errno === 'string') codes.push(errno)
    current = (current as { cause?: unknown }).cause
  }
  return codes
}

/** No answer came: either the connection never opened (not sent) or it broke after (maybe sent). */
export function failureWithoutResponse(error: unknown): GmailSendError {
  if (errorCodes(error).some((code) => NOT_SENT_CODES.has(code))) {
    return new GmailSendError(
      'offline',
      'Postline could not reach Gmail; the message was not sent. Postline will try again when you are back online.',
      { kind: 'retryable', params: { detail: 'gmailUnreachable' } },
    )
  }
  return new GmailSendError(
    'offline',
    'The connection to Gmail broke before it answered, so the message may have been sent. Check your Sent folder before sending it again.',
    { kind: 'unknown', params: { detail: 'connectionBroke' } },
  )
}

/** The send took longer than allowed; Gmail may still have accepted it. */
export function timeoutFailure(timeoutMs: number): GmailSendError {
  return new GmailSendError(
    'offline',
    `Gmail did not answer within ${Math.round(timeoutMs / 1000)} seconds, so the message may have been sent. Check your Sent folder before sending it again.`,
    { kind: 'unknown', params: { detail: 'gmailTimeout', seconds: Math.round(timeoutMs / 1000) } },
  )
}

/** The caller cancelled: before any request nothing was sent, after it the message may have been. */
export function cancelledFailure(requestStarted: boolean): GmailSendError {
  return requestStarted
    ? new GmailSendError(
        'cancelled',
        'Sending was cancelled while Gmail was receiving the message, so it may have been sent.',
        { kind: 'unknown', params: { detail: 'sendCancelledMaybe' } },
      )
    : new GmailSendError('cancelled', 'Sending was cancelled before anything was sent.', {
        kind: 'retryable',
        params: { detail: 'sendCancelled' },
      })
}

/** Getting an access token failed: a dead grant needs a reconnect, the rest clears up or is config. */
export function refreshFailure(error: unknown): GmailSendError {
  // google-auth-library throws a plain Error when it has no refresh token to use.
  if (
    error instanceof Error &&
    !('response' in error) &&
    errorCodes(error).length === 0 &&
    /refresh token/i.test(error.message)
  ) {
    return new GmailSendError(
      'needs-reconnect',
      'Postline has no sign-in for this account any more. Reconnect the account.',
      { kind: 'auth', params: { detail: 'noSignIn' } },
    )
  }
  const oauth = oauthFailure(error, 'refresh')
  const details = {
    ...(oauth.status === undefined ? {} : { status: oauth.status }),
    ...(oauth.oauthError === undefined ? {} : { reason: oauth.oauthError }),
    ...(oauth.params === undefined ? {} : { params: oauth.params }),
  }
  switch (oauth.code) {
    case 'needs-reconnect':
      return new GmailSendError(oauth.code, oauth.message, { kind: 'auth', ...details })
    case 'offline':
    case 'rate-limited':
      return new GmailSendError(oauth.code, oauth.message, { kind: 'retryable', ...details })
    default:
      return new GmailSendError(oauth.code, oauth.message, { kind: 'permanent', ...details })
  }
}
