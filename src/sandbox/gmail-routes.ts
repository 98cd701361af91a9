import type { ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import type { SandboxContext } from './context'
import { gmailAnswers } from './gmail-error-bodies'
import type { GoogleErrorAnswer } from './gmail-error-bodies'
import {
  GMAIL_MAX_MESSAGE_BYTES,
  GMAIL_SEND_PATH,
  GMAIL_SEND_SCOPES,
  GMAIL_UPLOAD_PATH,
} from './google-facts'
import { relatedBoundary, splitMultipart } from './multipart-related'
import { checkRecipients } from './recipients'
import { replaceUnverifiedFrom } from './send-as'
import { sendJson } from './routing'
import type { Route, RouteRequest } from './routing'
import type { SandboxSendVia } from './types'

/**
 * The sandbox's limit for a JSON request body. Not confirmed: Google documents none, and has been
 * seen refusing 1 MiB (google-api-dotnet-client#856); large messages belong on the upload path.
 */
export const GMAIL_MAX_JSON_BYTES = 5 * 1024 * 1024
/** Room for the metadata part and the delimiters of a multipart upload. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024
/** How much past a limit the sandbox still reads (and discards) so the client sees its answer. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024

/** Any of these lets a token send mail. */
const SEND_SCOPES: ReadonlySet<string> = new Set(GMAIL_SEND_SCOPES)

const MISSING_RAW =
  "'raw' RFC822 payload message string or uploading message via /upload/* URL required"

function sendError(response: ServerResponse, answer: GoogleErrorAnswer): void {
  sendJson(response, answer.status, answer.body, answer.headers)
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk
}

type LimitedBody = { readonly ok: true; readonly body: Buffer } | { readonly ok: false }

/**
 * Reads a body as it arrives into one Buffer; past `limit` it keeps reading and discarding (so the
 * client, still sending, gets the answer) up to a cap, then closes the connection.
 */
async function readUpTo(stream: Readable, limit: number): Promise<LimitedBody> {
  let chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > limit + MAX_DISCARDED_BYTES) {
      stream.destroy()
      return { ok: false }
    }
    if (size > limit) chunks = []
    else chunks.push(buffer)
  }
  return size > limit ? { ok: false } : { ok: true, body: Buffer.concat(chunks, size) }
}

/** Strict base64url, padded or not, as Google's `bytes` fields take it (RFC 4648 §5). */
export function decodeBase64Url(text: string): Buffer | undefined {
  const match = /^([A-Za-z0-9_-]*)(={0,2})$/.exec(text)
  if (match === null) return undefined
  const data = match[1] as string
  const padding = match[2] as string
  if (data.length % 4 === 1) return undefined
  if (padding.length > 0 && (data.length + padding.length) % 4 !== 0) return undefined
  return Buffer.from(data, 'base64url')
}

type Authorization =
  | { readonly ok: true; readonly account: string }
  | { readonly ok: false; readonly answer: GoogleErrorAnswer }

/** A live access token whose grant may send, for its own mailbox (`me` or its address). */
function authorize(context: SandboxContext, request: RouteRequest): Authorization {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  const check = bearer === null ? undefined : context.store.checkAccessToken(bearer[1] as string)
  if (check === undefined || !check.ok) return { ok: false, answer: gmailAnswers.unauthenticated() }
  if (!check.grant.scopes.some((scope) => SEND_SCOPES.has(scope))) {
    return { ok: false, answer: gmailAnswers.insufficientScopes() }
  }
  const account = check.grant.identity.email
  const userId = request.params.userId ?? ''
  if (userId !== 'me' && userId.toLowerCase() !== account.toLowerCase()) {
    return { ok: false, answer: gmailAnswers.delegationDenied(userId) }
  }
  return { ok: true, account }
}

function isMessageType(contentType: string | undefined): boolean {
  return /^message\/[\w.+-]+\s*(;|$)/i.test(contentType ?? '')
}

/** Gmail's checks on the message itself, then the mailbox and Gmail's answer. */
function accept(
  context: SandboxContext,
  response: ServerResponse,
  message: {
    readonly account: string
    readonly raw: Buffer
    readonly via: SandboxSendVia
    readonly threadId?: string
  },
): void {
  if (message.raw.length === 0) return sendError(response, gmailAnswers.badRequest(MISSING_RAW))
  if (message.raw.length > GMAIL_MAX_MESSAGE_BYTES) {
    return sendError(response, gmailAnswers.uploadTooLarge())
  }
  const recipients = checkRecipients(message.raw)
  if (!recipients.ok) return sendError(response, gmailAnswers.invalidArgument(recipients.message))
  // Gmail sends only from the account's address and its verified send-as addresses.
  const stored = context.mailbox.add({
    ...message,
    raw: replaceUnverifiedFrom(message.raw, message.account, context.sendAs),
  })
  sendJson(response, 200, { id: stored.id, threadId: stored.threadId, labelIds: ['SENT'] })
}

function threadIdOf(metadata: unknown): string | undefined {
  const threadId = (metadata as { threadId?: unknown } | null)?.threadId
  return typeof threadId === 'string' ? threadId : undefined
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown }
  } catch {
    return { ok: false }
  }
}

async function sendWithRaw(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  const auth = authorize(context, request)
  if (!auth.ok) {
    await drain(request.bodyStream)
    return sendError(response, auth.answer)
  }
  const read = await readUpTo(request.bodyStream, GMAIL_MAX_JSON_BYTES)
  if (!read.ok) return sendError(response, gmailAnswers.payloadTooLarge(GMAIL_MAX_JSON_BYTES))
  const parsed = read.body.length === 0 ? { ok: true as const, value: {} } : parseJson(read.body)
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return sendError(response, gmailAnswers.badRequest('Invalid JSON payload received.'))
  }
  const raw = (parsed.value as { raw?: unknown }).raw
  if (raw === undefined || raw === null || raw === '') {
    return sendError(response, gmailAnswers.badRequest(MISSING_RAW))
  }
  const decoded = typeof raw === 'string' ? decodeBase64Url(raw) : undefined
  if (decoded === undefined) {
    return sendError(
      response,
      gmailAnswers.invalidArgument(
        "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed.",
      ),
    )
  }
  accept(context, response, {
    account: auth.account,
    raw: decoded,
    via: 'json',
    threadId: threadIdOf(parsed.value),
  })
}

async function upload(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  const uploadType = request.url.searchParams.get('uploadType')
  if (uploadType !== 'media' && uploadType !== 'multipart') {
    await drain(request.bodyStream)
    // googleapis-common never sends a resumable upload, so the sandbox does not offer one.
    const message =
      uploadType === null
        ? 'Upload requests must include an uploadType URL parameter.'
        : `uploadType=${uploadType} is not supported by the sandbox; use media or multipart.`
    return sendError(response, gmailAnswers.badRequest(message))
  }
  const auth = authorize(context, request)
  if (!auth.ok) {
    await drain(request.bodyStream)
    return sendError(response, auth.answer)
  }
  const contentType = request.headers['content-type']
  const limit =
    uploadType === 'media'
      ? GMAIL_MAX_MESSAGE_BYTES
      : GMAIL_MAX_MESSAGE_BYTES + MULTIPART_OVERHEAD_BYTES
  const read = await readUpTo(request.bodyStream, limit)
  if (!read.ok) return sendError(response, gmailAnswers.uploadTooLarge())
  if (uploadType === 'media') {
    if (!isMessageType(contentType)) {
      return sendError(response, gmailAnswers.badContent(contentType ?? 'application/octet-stream'))
    }
    return accept(context, response, { account: auth.account, raw: read.body, via: 'media' })
  }
  const boundary = relatedBoundary(contentType)
  const parts = boundary === undefined ? undefined : splitMultipart(read.body, boundary)
  if (parts === undefined || parts.length !== 2) {
    return sendError(
      response,
      gmailAnswers.badRequest(
        'A multipart upload must be multipart/related with a JSON metadata part and a message part.',
      ),
    )
  }
  const [metadataPart, mediaPart] = parts as [(typeof parts)[0], (typeof parts)[0]]
  const metadata =
    metadataPart.content.length === 0
      ? { ok: true as const, value: {} }
      : parseJson(metadataPart.content)
  if (!metadata.ok)
    return sendError(response, gmailAnswers.badRequest('Invalid JSON payload received.'))
  const mediaType = mediaPart.headers['content-type']
  if (!isMessageType(mediaType)) {
    return sendError(response, gmailAnswers.badContent(mediaType ?? 'application/octet-stream'))
  }
  accept(context, response, {
    account: auth.account,
    raw: mediaPart.content,
    via: 'multipart',
    threadId: threadIdOf(metadata.value),
  })
}

/** Gmail's `users.messages.send`, on its JSON path and its upload path. */
export function gmailRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'POST',
      path: GMAIL_SEND_PATH,
      handle: (request, response) => sendWithRaw(context, request, response),
    },
    {
      method: 'POST',
      path: GMAIL_UPLOAD_PATH,
      handle: (request, response) => upload(context, request, response),
    },
  ]
}
