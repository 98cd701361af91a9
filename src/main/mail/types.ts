import type { OAuth2Client } from 'google-auth-library'
import type { Mailbox } from '../../shared/addresses'
import type { FileFingerprint } from '../store/attachment-file'

export type { Mailbox } from '../../shared/addresses'

/** An attachment on disk, as main knows it. */
export interface AttachmentFile {
  readonly path: string
  readonly name: string
  readonly mimeType: string
  /** What the file was when attached; sending stops if it is no longer that file. */
  readonly fingerprint?: FileFingerprint | undefined
}

/** Everything that goes into one RFC 5322 message. */
export interface OutgoingMessage {
  readonly from: Mailbox
  /** Reply-To, when the send-as address has one. */
  readonly replyTo?: Mailbox | undefined
  readonly to: readonly Mailbox[]
  readonly cc: readonly Mailbox[]
  readonly bcc: readonly Mailbox[]
  readonly subject: string
  readonly html: string
  /** The plain-text alternative; generated from `html` when empty. */
  readonly text: string
  /** `plain`: the text alone, as format=flowed, no HTML part. Left out: rich. */
  readonly format?: 'rich' | 'plain'
  readonly attachments: readonly AttachmentFile[]
  /** `<…@…>`, set by Postline so a retry sends the very same message. */
  readonly messageId: string
  readonly date: Date
}

/** One upload to Gmail of a message already written to disk. */
export interface SendRequest {
  /** The account's client: its access token is used and refreshed once on a 401. */
  readonly client: OAuth2Client
  /** The built message (RFC 5322 bytes, CRLF) on disk. */
  readonly emlPath: string
  /** Its bytes, when the outbox still holds them from the build: not read again from disk. */
  readonly bytes?: Buffer | undefined
  readonly size: number
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void
  readonly signal?: AbortSignal
}

/** What Gmail answers for a sent message. */
export interface SentMessage {
  readonly id: string
  readonly threadId: string
}

/**
 * How a failed send should be handled:
 * - `retryable`: 429, 403 rate-limit reasons, 5xx, or the request never left (refused, DNS, offline);
 * - `unknown`: no answer after the request was sent (timeout, reset) — it may have been sent;
 * - `auth`: the grant is dead (`invalid_grant` on refresh, or 401 after one refresh);
 * - `permanent`: 400 and other errors that a retry will not fix.
 */
export type SendFailureKind = 'retryable' | 'unknown' | 'auth' | 'permanent'

/** Sends built messages to Gmail. */
export interface MailTransport {
  send(request: SendRequest): Promise<SentMessage>
}
