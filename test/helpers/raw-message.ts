import { createHash } from 'node:crypto'

/** An attachment for {@link rawMessage}. */
export interface RawAttachment {
  readonly filename: string
  readonly contentType: string
  readonly content: Buffer
}

/** What goes into a hand-built test message; a header set to null is left out. */
export interface RawMessageOptions {
  readonly from?: string
  readonly to?: string | null
  readonly cc?: string
  readonly bcc?: string
  readonly subject?: string
  readonly text?: string
  readonly html?: string
  readonly attachments?: readonly RawAttachment[]
  readonly messageId?: string
}

/** Base64 in lines of 76 characters (RFC 2045 §6.8), CRLF between them. */
function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n')
}

/**
 * A small RFC 5322 message written by hand, CRLF throughout, ASCII only (so no encoded words
 * are needed): text, optional HTML alternative, optional base64 attachments.
 */
export function rawMessage(options: RawMessageOptions = {}): Buffer {
  const headers = [
    `From: ${options.from ?? 'Ada Lovelace <ada@sandbox.test>'}`,
    ...(options.to === null ? [] : [`To: ${options.to ?? 'Grace Hopper <grace@example.com>'}`]),
    ...(options.cc === undefined ? [] : [`Cc: ${options.cc}`]),
    ...(options.bcc === undefined ? [] : [`Bcc: ${options.bcc}`]),
    `Subject: ${options.subject ?? 'Test message'}`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    `Message-ID: ${options.messageId ?? '<test.1@postline.test>'}`,
    'MIME-Version: 1.0',
  ]
  const text = options.text ?? 'Hello from the tests.'
  const textPart = ['Content-Type: text/plain; charset=us-ascii', '', text].join('\r\n')
  const body =
    options.html === undefined
      ? textPart
      : [
          'Content-Type: multipart/alternative; boundary="alt-b1"',
          '',
          '--alt-b1',
          textPart,
          '--alt-b1',
          'Content-Type: text/html; charset=us-ascii',
          '',
          options.html,
          '--alt-b1--',
        ].join('\r\n')
  const attachments = options.attachments ?? []
  if (attachments.length === 0) return Buffer.from([...headers, body].join('\r\n'), 'latin1')
  const parts = attachments.map((attachment) =>
    [
      '--mixed-b0',
      `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
      `Content-Disposition: attachment; filename="${attachment.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(attachment.content),
    ].join('\r\n'),
  )
  return Buffer.from(
    [
      ...headers,
      'Content-Type: multipart/mixed; boundary="mixed-b0"',
      '',
      '--mixed-b0',
      body,
      ...parts,
      '--mixed-b0--',
      '',
    ].join('\r\n'),
    'latin1',
  )
}

/** A message of about `size` bytes: one attachment of pseudo-random bytes. */
export function messageOfSize(size: number, options: RawMessageOptions = {}): Buffer {
  // Base64 grows 4/3 and adds a CRLF per 76 characters: 57 bytes of content per 78 bytes.
  const contentBytes = Math.max(0, Math.floor(((size - 600) * 57) / 78))
  const content = Buffer.alloc(contentBytes)
  for (let i = 0; i < contentBytes; i++) content[i] = (i * 7919 + (i >> 8)) & 0xff
  return rawMessage({
    ...options,
    attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', content }],
  })
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}
