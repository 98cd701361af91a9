import { createHash, randomBytes } from 'node:crypto'
import { simpleParser } from 'mailparser'
import type { AddressObject, ParsedMail } from 'mailparser'
import type { SandboxMessage, SandboxSendVia } from './types'

/** Gmail's message and thread ids: 16 hex digits (a 64-bit number). */
export function gmailId(): string {
  return randomBytes(8).toString('hex')
}

/** An attachment as the mailbox shows it: enough to check it arrived intact. */
export interface AttachmentSummary {
  readonly filename: string | null
  readonly contentType: string
  readonly size: number
  readonly sha256: string
}

/** A stored message read by mailparser: the headers people look at, bodies and attachments. */
export interface MessageSummary {
  readonly id: string
  readonly threadId: string
  readonly account: string
  readonly via: SandboxSendVia
  readonly receivedAt: string
  readonly size: number
  readonly sha256: string
  readonly headers: {
    readonly from: string | null
    readonly to: string | null
    readonly cc: string | null
    readonly bcc: string | null
    readonly subject: string | null
    readonly date: string | null
    readonly messageId: string | null
  }
  readonly text: string | null
  readonly html: string | null
  readonly attachments: readonly AttachmentSummary[]
}

function addresses(value: AddressObject | AddressObject[] | undefined): string | null {
  if (value === undefined) return null
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(', ')
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function summarise(message: SandboxMessage, parsed: ParsedMail): MessageSummary {
  return {
    id: message.id,
    threadId: message.threadId,
    account: message.account,
    via: message.via,
    receivedAt: message.receivedAt,
    size: message.raw.length,
    sha256: sha256(message.raw),
    headers: {
      from: addresses(parsed.from),
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      bcc: addresses(parsed.bcc),
      subject: parsed.subject ?? null,
      date: parsed.date?.toISOString() ?? null,
      messageId: parsed.messageId ?? null,
    },
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.content.length,
      sha256: sha256(attachment.content),
    })),
  }
}

/** The messages the sandbox's Gmail accepted, in arrival order, kept in memory. */
export class Mailbox {
  private messages: SandboxMessage[] = []
  private readonly summaries = new WeakMap<SandboxMessage, Promise<MessageSummary>>()

  /** Stores a message; a `threadId` of a thread this account already has keeps it in that thread. */
  add(message: {
    readonly account: string
    readonly raw: Buffer
    readonly via: SandboxSendVia
    readonly threadId?: string
  }): SandboxMessage {
    const id = gmailId()
    const known =
      message.threadId !== undefined &&
      this.messages.some(
        (stored) => stored.account === message.account && stored.threadId === message.threadId,
      )
    const stored: SandboxMessage = Object.freeze({
      id,
      threadId: known ? (message.threadId as string) : id,
      account: message.account,
      raw: message.raw,
      via: message.via,
      receivedAt: new Date().toISOString(),
    })
    this.messages.push(stored)
    return stored
  }

  list(): readonly SandboxMessage[] {
    return [...this.messages]
  }

  clear(): void {
    this.messages = []
  }

  /** Parses a message once (mailparser's `simpleParser`) and keeps the result. */
  summary(message: SandboxMessage): Promise<MessageSummary> {
    let summary = this.summaries.get(message)
    if (summary === undefined) {
      summary = simpleParser(message.raw, { skipImageLinks: true }).then((parsed) =>
        summarise(message, parsed),
      )
      this.summaries.set(message, summary)
    }
    return summary
  }
}
