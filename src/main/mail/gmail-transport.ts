import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { gmail, gmail_v1 } from '@googleapis/gmail'
import type { OAuth2Client } from 'google-auth-library'
import {
  cancelledFailure,
  failureFromResponse,
  failureWithoutResponse,
  GmailSendError,
  refreshFailure,
  responseStatus,
  timeoutFailure,
  tooLargeError,
} from './gmail-errors'
import { base64Length, GMAIL_MAX_MESSAGE_BYTES } from '../../shared/message-size'
import type { MailTransport, SendRequest, SentMessage } from './types'

/** Where and how the transport talks to Gmail. */
export interface GmailTransportOptions {
  /** `https://gmail.googleapis.com/`, or the sandbox's `${url}/`. */
  readonly rootUrl: string
  /**
   * The largest JSON request body (`{"raw":"…"}`, base64url grows the message by 4/3) sent to
   * `users.messages.send`; larger messages go to the upload endpoint. Default 5 MiB.
   */
  readonly uploadThresholdBytes?: number
  /** How long one request may take; an upload gets more in proportion to its size. Default 120 s. */
  readonly timeoutMs?: number
}

const DEFAULT_UPLOAD_THRESHOLD_BYTES = 5 * 1024 * 1024
const DEFAULT_TIMEOUT_MS = 120_000
/** Uploads are allowed at least this slow a link (512 kbit/s) on top of the base timeout. */
const MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024

/** The size of `{"raw":"<base64url, no padding>"}` for a message of `size` bytes. */
export function jsonBodyBytes(size: number): number {
  return '{"raw":""}'.length + base64Length(size, { lines: false, padding: false })
}

/** A timer that aborts one attempt. */
class Deadline {
  private readonly controller = new AbortController()
  private readonly timer: NodeJS.Timeout

  constructor(readonly ms: number) {
    this.timer = setTimeout(() => this.controller.abort(), ms)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  get expired(): boolean {
    return this.controller.signal.aborted
  }

  clear(): void {
    clearTimeout(this.timer)
  }
}

/** Read through a function so TypeScript does not keep an earlier check's narrowing. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

/** Rejects as soon as `signal` aborts, so a hanging token refresh cannot hold a cancelled send. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * Google's Gmail client, loaded with the first message sent: starting Postline does not pay for
 * evaluating it (about 20 ms of the core's start).
 */
function gmailClient(rootUrl: string): gmail_v1.Gmail {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (require('@googleapis/gmail') as { gmail: typeof gmail }).gmail
  return load({ version: 'v1', rootUrl })
}

/**
 * Gmail's `users.messages.send` through `@googleapis/gmail`: the JSON body for small messages,
 * the multipart upload with the file streamed from disk above the threshold.
 *
 * The account's OAuth2Client supplies the access token (refreshed ahead of expiry, single-flight),
 * but the request itself is not made through the client: the client would refresh and resend on
 * any 403 (a rate limit, too) and never on a streamed body. Here a 401 gets exactly one refresh
 * and one retry on both paths, and gaxios' own retry is off, since a send is not idempotent and
 * the outbox decides retries.
 */
export class GmailTransport implements MailTransport {
  private gmail: gmail_v1.Gmail | undefined
  private readonly rootUrl: string
  private readonly threshold: number
  private readonly timeoutMs: number

  constructor(options: GmailTransportOptions) {
    this.rootUrl = options.rootUrl
    this.threshold = options.uploadThresholdBytes ?? DEFAULT_UPLOAD_THRESHOLD_BYTES
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  private get api(): gmail_v1.Gmail {
    return (this.gmail ??= gmailClient(this.rootUrl))
  }

  async send(request: SendRequest): Promise<SentMessage> {
    if (request.size > GMAIL_MAX_MESSAGE_BYTES) throw tooLargeError(request.size)
    if (isAborted(request.signal)) throw cancelledFailure(false)
    const { size, raw } =
      request.bytes === undefined
        ? await this.readMessage(request.emlPath)
        : this.inMemory(request.bytes)
    if (size > GMAIL_MAX_MESSAGE_BYTES) throw tooLargeError(size)
    // Loaded before any attempt's deadline starts: loading is not the request's time.
    void this.api
    const upload = raw === undefined
    const timeoutMs = upload
      ? this.timeoutMs + Math.ceil((size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000)
      : this.timeoutMs
    for (let attempt = 1; ; attempt++) {
      const authorization = await this.authorization(request.client, request.signal)
      const deadline = new Deadline(timeoutMs)
      const signal =
        request.signal === undefined
          ? deadline.signal
          : AbortSignal.any([request.signal, deadline.signal])
      try {
        const attemptRequest = { ...request, size, authorization, signal }
        return raw === undefined
          ? await this.upload(attemptRequest)
          : await this.sendJson(attemptRequest, raw)
      } catch (error) {
        if (isAborted(request.signal)) throw cancelledFailure(true)
        if (deadline.expired) throw timeoutFailure(timeoutMs)
        if (responseStatus(error) === 401 && attempt === 1) {
          await this.refreshAfter401(request.client, authorization, request.signal)
          continue
        }
        if (error instanceof GmailSendError) throw error
        throw responseStatus(error) === undefined
          ? failureWithoutResponse(error)
          : failureFromResponse(error)
      } finally {
        deadline.clear()
      }
    }
  }

  /** Whether a message of `size` bytes goes as JSON (`{"raw":…}`); a larger one is uploaded. */
  private goesAsJson(size: number): boolean {
    return size <= GMAIL_MAX_MESSAGE_BYTES && jsonBodyBytes(size) <= this.threshold
  }

  /** As readMessage, from the bytes the outbox kept. */
  private inMemory(bytes: Buffer): { size: number; raw?: string } {
    const size = bytes.length
    return this.goesAsJson(size) ? { size, raw: bytes.toString('base64url') } : { size }
  }

  /** The message's size, and for the JSON path its bytes as base64url; nothing is sent yet. */
  private async readMessage(emlPath: string): Promise<{ size: number; raw?: string }> {
    try {
      const size = (await stat(emlPath)).size
      if (!this.goesAsJson(size)) return { size }
      return { size, raw: (await readFile(emlPath)).toString('base64url') }
    } catch {
      throw new GmailSendError(
        'disk-error',
        'Postline could not read the message it built from its outbox folder. Nothing was sent.',
        { kind: 'permanent', params: { detail: 'messageUnreadable' } },
      )
    }
  }

  /** The `Authorization` header value; the client refreshes first when its token is due. */
  private async authorization(client: OAuth2Client, signal?: AbortSignal): Promise<string> {
    let headers: Headers
    try {
      headers = await untilAborted(client.getRequestHeaders(), signal)
    } catch (error) {
      if (isAborted(signal)) throw cancelledFailure(false)
      throw refreshFailure(error)
    }
    const value = headers.get('authorization')
    if (value === null) throw refreshFailure(new Error('No refresh token is set.'))
    return value
  }

  /**
   * A 401 on a token the client believed fresh (revoked elsewhere, clock skew): one refresh,
   * unless another send already replaced that token.
   */
  private async refreshAfter401(
    client: OAuth2Client,
    usedAuthorization: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const current = client.credentials.access_token
    if (typeof current !== 'string' || !usedAuthorization.endsWith(` ${current}`)) return
    try {
      await untilAborted(client.refreshAccessToken(), signal)
    } catch (error) {
      if (isAborted(signal)) throw cancelledFailure(false)
      throw refreshFailure(error)
    }
  }

  private async sendJson(request: AttemptRequest, raw: string): Promise<SentMessage> {
    request.onProgress?.(0, request.size)
    const response = await this.api.users.messages.send(
      { userId: 'me', requestBody: { raw } },
      // Node's own fetch: gaxios otherwise loads node-fetch, whose streams cost about as much
      // as the request itself on loopback.
      { ...this.methodOptions(request), fetchImplementation: fetch },
    )
    request.onProgress?.(request.size, request.size)
    return sentMessage(response.data)
  }

  /** `uploadType=multipart` with the file streamed from disk; googleapis-common reports its reads. */
  private async upload(request: AttemptRequest): Promise<SentMessage> {
    const body = createReadStream(request.emlPath)
    let reported = 0
    const report = (sent: number): void => {
      reported = Math.min(sent, request.size)
      request.onProgress?.(reported, request.size)
    }
    report(0)
    try {
      const response = await this.api.users.messages.send(
        // An empty metadata part makes googleapis-common choose the multipart upload, the one
        // for which it reports progress (`onUploadProgress`); Gmail reads nothing from it.
        { userId: 'me', requestBody: {}, media: { mimeType: 'message/rfc822', body } },
        {
          ...this.methodOptions(request),
          onUploadProgress: (event: { bytesRead?: unknown }) => {
            if (typeof event.bytesRead === 'number') report(event.bytesRead)
          },
        },
      )
      if (reported < request.size) report(request.size)
      return sentMessage(response.data)
    } finally {
      body.destroy()
    }
  }

  private methodOptions(request: AttemptRequest) {
    return {
      // Uploads ignore the rootUrl given to gmail(): it has to be in every call's options.
      rootUrl: this.rootUrl,
      headers: { Authorization: request.authorization },
      retry: false,
      signal: request.signal,
    }
  }
}

/** One HTTP attempt of a send. */
interface AttemptRequest extends SendRequest {
  readonly authorization: string
  readonly signal: AbortSignal
}

function sentMessage(data: gmail_v1.Schema$Message): SentMessage {
  if (typeof data.id !== 'string' || typeof data.threadId !== 'string') {
    throw new GmailSendError(
      'unconfirmed',
      'Gmail accepted the message but did not say under which id, so it may have been sent. Check your Sent folder.',
      { kind: 'unknown', params: { detail: 'unconfirmedId' } },
    )
  }
  return { id: data.id, threadId: data.threadId }
}
