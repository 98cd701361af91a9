import { GMAIL_MAX_MESSAGE_BYTES, GMAIL_SEND_SCOPES } from './google-facts'
import type { SandboxFault } from './types'

/** One entry of a Google API error's `errors` list. */
interface GoogleErrorItem {
  readonly message: string
  readonly domain: string
  readonly reason: string
  readonly location?: string
  readonly locationType?: string
}

/** Google's JSON error body (`{"error":{"code","message","errors":[…],"status"}}`). */
export interface GoogleErrorBody {
  readonly error: {
    readonly code: number
    readonly message: string
    readonly errors: readonly GoogleErrorItem[]
    readonly status?: string
  }
}

/** A Google error answer: status, body, and any headers that go with it. */
export interface GoogleErrorAnswer {
  readonly status: number
  readonly body: GoogleErrorBody
  readonly headers?: Readonly<Record<string, string>>
}

function answer(
  status: number,
  message: string,
  item: Omit<GoogleErrorItem, 'message'> & { readonly message?: string },
  statusText: string | undefined,
  headers?: Readonly<Record<string, string>>,
): GoogleErrorAnswer {
  const { message: itemMessage = message, ...rest } = item
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message: itemMessage, ...rest }],
        ...(statusText === undefined ? {} : { status: statusText }),
      },
    },
    ...(headers === undefined ? {} : { headers }),
  }
}

/**
 * The answers the sandbox's Gmail routes give. The 401, 403-scope, 429, 403-rate-limit and
 * "Recipient address required" bodies are Google's as quoted in public bug reports (docs/google-wire.md lists
 * them); the others follow the same shape and are the sandbox's choice where noted.
 */
export const gmailAnswers = {
  /** Quoted in googleapis/google-api-nodejs-client#2665. */
  unauthenticated: (): GoogleErrorAnswer =>
    answer(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      {
        message: 'Invalid Credentials',
        domain: 'global',
        reason: 'authError',
        location: 'Authorization',
        locationType: 'header',
      },
      'UNAUTHENTICATED',
      { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    ),
  /**
   * A token whose grant holds no send scope. Not a revoked grant: Google answers 403 with the
   * scope it wanted in `WWW-Authenticate` (RFC 6750 §3.1 `insufficient_scope`).
   */
  insufficientScopes: (): GoogleErrorAnswer =>
    answer(
      403,
      'Request had insufficient authentication scopes.',
      { message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' },
      'PERMISSION_DENIED',
      {
        'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${GMAIL_SEND_SCOPES.join(' ')}"`,
      },
    ),
  /** Google's answer when `userId` names another mailbox than the token's. */
  delegationDenied: (userId: string): GoogleErrorAnswer =>
    answer(
      403,
      `Delegation denied for ${userId}`,
      { domain: 'global', reason: 'forbidden' },
      'PERMISSION_DENIED',
    ),
  /** Gmail's sending-limit answer; Google puts the time to retry in the message. */
  rateLimited: (retryAfterSeconds?: number): GoogleErrorAnswer => {
    const message =
      retryAfterSeconds === undefined
        ? 'User-rate limit exceeded.'
        : `User-rate limit exceeded.  Retry after ${new Date(Date.now() + retryAfterSeconds * 1000).toISOString()}`
    return answer(
      429,
      message,
      { domain: 'usageLimits', reason: 'rateLimitExceeded' },
      'RESOURCE_EXHAUSTED',
      retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) },
    )
  },
  userRateLimit: (): GoogleErrorAnswer =>
    answer(
      403,
      'User Rate Limit Exceeded',
      { domain: 'usageLimits', reason: 'userRateLimitExceeded' },
      'PERMISSION_DENIED',
    ),
  backendError: (): GoogleErrorAnswer =>
    answer(500, 'Backend Error', { domain: 'global', reason: 'backendError' }, 'INTERNAL'),
  invalidArgument: (message: string): GoogleErrorAnswer =>
    answer(400, message, { domain: 'global', reason: 'invalidArgument' }, 'INVALID_ARGUMENT'),
  badRequest: (message: string): GoogleErrorAnswer =>
    answer(400, message, { domain: 'global', reason: 'badRequest' }, 'INVALID_ARGUMENT'),
  /** Seen from Google (400, `badRequest`) for a JSON send over its limit (google-api-dotnet-client#856). */
  payloadTooLarge: (limit: number): GoogleErrorAnswer =>
    answer(
      400,
      `Request payload size exceeds the limit: ${limit} bytes.`,
      { domain: 'global', reason: 'badRequest' },
      'INVALID_ARGUMENT',
    ),
  /** Not confirmed from Google: the sandbox's 413 for an upload over 35 MiB. */
  uploadTooLarge: (): GoogleErrorAnswer =>
    answer(
      413,
      `Request payload size exceeds the limit: ${GMAIL_MAX_MESSAGE_BYTES} bytes.`,
      { domain: 'global', reason: 'uploadTooLarge' },
      undefined,
    ),
  /** Google's wording for a media type the method does not accept (`accept: message/*`). */
  badContent: (mediaType: string): GoogleErrorAnswer =>
    answer(
      400,
      `Media type '${mediaType}' is not supported. Valid media types: [message/*]`,
      { domain: 'global', reason: 'badContent' },
      'INVALID_ARGUMENT',
    ),
}

function fault(answered: GoogleErrorAnswer): SandboxFault {
  return {
    kind: 'status',
    status: answered.status,
    body: answered.body,
    ...(answered.headers === undefined ? {} : { headers: answered.headers }),
  }
}

/** Google's Gmail error answers as faults for {@link Sandbox.failNext}, so every test uses the same bodies. */
export const gmailErrors = {
  /** 429 `rateLimitExceeded`; with a `Retry-After` header (and the time in the message) when given. */
  rateLimited: (retryAfterSeconds?: number): SandboxFault =>
    fault(gmailAnswers.rateLimited(retryAfterSeconds)),
  /** 403 `userRateLimitExceeded` (domain `usageLimits`). */
  userRateLimit: (): SandboxFault => fault(gmailAnswers.userRateLimit()),
  /** 500 `backendError`. */
  backendError: (): SandboxFault => fault(gmailAnswers.backendError()),
  /** 403 `insufficientPermissions` with Google's `WWW-Authenticate` header, whatever the token. */
  insufficientPermissions: (): SandboxFault => fault(gmailAnswers.insufficientScopes()),
  /** 401 `authError` with Google's `WWW-Authenticate` header, whatever the token. */
  unauthenticated: (): SandboxFault => fault(gmailAnswers.unauthenticated()),
  /** 400 `invalidArgument` with the given message, e.g. Google's "Invalid To header". */
  invalidArgument: (message: string): SandboxFault => fault(gmailAnswers.invalidArgument(message)),
}
