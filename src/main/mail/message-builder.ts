import { createHash, randomBytes, type Hash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { domainToASCII } from 'node:url'
import type MailComposerClass from 'nodemailer/lib/mail-composer'
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer'
import type * as MimeFuncs from 'nodemailer/lib/mime-funcs'
import {
  BIDI_CONTROL,
  codePointName,
  CONTROL,
  INVISIBLE,
  LINE_BREAK,
  MAX_DISPLAY_NAME_LENGTH,
  parseMailbox,
} from '../../shared/addresses'
import { base64Length, GMAIL_MAX_MESSAGE_BYTES, tooLargeSentence } from '../../shared/message-size'
import type { ErrorParams } from '../../shared/errors'
import { PostlineFailure } from '../errors'
import type { Readable } from 'node:stream'
import { writeStreamAtomic } from '../store/atomic-file'
import { attachmentChanged, checkAttached, openAttached } from '../store/attachment-file'
import type { FileSystem } from '../store/file-system'
import { encodeFlowed } from '../../shared/format-flowed'
import { htmlToText } from './html-to-text'
import type { AttachmentFile, Mailbox, OutgoingMessage } from './types'

/** File names longer than this would push a `Content-Type: …; name=` line towards 998 octets. */
export const MAX_ATTACHMENT_NAME_LENGTH = 255

/** Options of {@link writeMessage}. */
export interface WriteMessageOptions {
  /** The size limit in bytes; Gmail's by default. Tests lower it. */
  readonly maxBytes?: number
  /** The file-system port the built message is written through (tests inject faults). */
  readonly fs?: FileSystem
  /** Stops the build (Undo while it runs): nothing more is written and no file is left behind. */
  readonly signal?: AbortSignal
  /** A message of at most this many bytes is also answered in memory (`bytes`). Default 0. */
  readonly keepBytesUpTo?: number
}

/**
 * What {@link writeMessage} wrote: the file's size in bytes and its SHA-256 (hex), and the very
 * bytes written when the message is no larger than `keepBytesUpTo`.
 */
export interface WrittenMessage {
  readonly size: number
  readonly sha256: string
  readonly bytes?: Buffer
}

const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i
/** A longer word cannot be folded to 78 characters (RFC 5322 §2.1.1), and a long one passes 998. */
const LONGEST_FOLDABLE_WORD = 76

/**
 * Builds the RFC 5322 message with nodemailer's MailComposer and streams it to `path` atomically
 * (temporary file, fsync, rename), hashing and counting on the way. A message over `maxBytes` is
 * refused with `too-large`, before building when the attachments alone make it certain, and
 * otherwise as soon as the limit is passed: nothing more is written and no file is left behind.
 */
/** nodemailer's composer, loaded with the first message built: no start pays for it. */
let composer: { MailComposer: typeof MailComposerClass; encodeWord: typeof MimeFuncs.encodeWord }
function nodemailer(): typeof composer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  composer ??= {
    MailComposer: require('nodemailer/lib/mail-composer') as typeof MailComposerClass,
    encodeWord: (require('nodemailer/lib/mime-funcs') as typeof MimeFuncs).encodeWord,
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return composer
}

export async function writeMessage(
  message: OutgoingMessage,
  path: string,
  options: WriteMessageOptions = {},
): Promise<WrittenMessage> {
  const maxBytes = options.maxBytes ?? GMAIL_MAX_MESSAGE_BYTES
  checkMessage(message)
  const plain = message.format === 'plain'
  const text = normalizeNewlines(
    message.text.trim() === '' ? htmlToText(message.html) : message.text,
  )
  // Plain text goes out as its text alone: no HTML, no pictures.
  const { html, images } = plain
    ? { html: '', images: [] }
    : inlineImages(normalizeNewlines(message.html), message.from.address)

  const files = await attachmentSizes(message.attachments)
  const pictures = images.map((image) => ({ size: image.content.length }))
  const estimate = estimateSize(
    [...files, ...pictures],
    Buffer.byteLength(text) + Buffer.byteLength(html),
  )
  if (estimate > maxBytes) throw tooLarge(estimate, maxBytes)
  options.signal?.throwIfAborted()

  // Each attachment is opened and checked against what was recorded when it was attached; the
  // bytes read are the bytes hashed, so a file changed meanwhile stops the build.
  const contents: Readable[] = []
  try {
    for (const attachment of message.attachments) contents.push(await openAttached(attachment))
  } catch (error) {
    for (const content of contents) content.destroy()
    throw error
  }
  const body: Body = plain ? { flowed: encodeFlowed(text) } : { text, html }
  const { MailComposer } = nodemailer()
  const root = new MailComposer(composerOptions(message, body, contents, images)).compile()
  // MailComposer leaves Bcc out of the headers unless told; Gmail reads the recipients from them.
  root.keepBcc = true
  const measure: Measure = {
    size: 0,
    hash: createHash('sha256'),
    kept: options.keepBytesUpTo ? [] : null,
    keepUpTo: options.keepBytesUpTo ?? 0,
  }
  const failures: unknown[] = []
  for (const content of contents) content.once('error', (error) => failures.push(error))
  try {
    await writeStreamAtomic(
      path,
      measured(root.createReadStream(), maxBytes, measure, options.signal),
      options.fs,
    )
  } catch (error) {
    // MailComposer may report an attachment's failure as its own: the attachment's error says why.
    throw failures.find((failure) => failure instanceof PostlineFailure) ?? error
  } finally {
    for (const content of contents) content.destroy()
  }
  const sha256 = measure.hash.digest('hex')
  return measure.kept === null
    ? { size: measure.size, sha256 }
    : { size: measure.size, sha256, bytes: Buffer.concat(measure.kept, measure.size) }
}

/**
 * What {@link writeMessage} checks before it builds anything, without building: the headers,
 * the attachments still the files attached (all but their bytes: see `checkAttached`), and a
 * lower bound of the size under `maxBytes`.
 * Answers that lower bound. Fast (no body conversion, one `stat` per unrecorded attachment), so
 * Send can refuse at once what the build would refuse first.
 */
export async function checkBuildable(
  message: OutgoingMessage,
  maxBytes: number = GMAIL_MAX_MESSAGE_BYTES,
): Promise<number> {
  checkMessage(message)
  const files = await attachmentSizes(message.attachments)
  const body = message.format === 'plain' ? message.text : message.html
  const estimate = estimateSize(files, Buffer.byteLength(body))
  if (estimate <= maxBytes) for (const file of message.attachments) await checkAttached(file)
  if (estimate > maxBytes) throw tooLarge(estimate, maxBytes)
  return estimate
}

/**
 * Refuses header text with line breaks (header injection) or other control characters except
 * TAB; such text is rejected, never cleaned, so what is sent is what the person saw.
 */
export function checkHeaderText(
  value: string,
  field: 'subject' | 'fileName' | { readonly nameOf: string },
): void {
  const what =
    field === 'subject'
      ? 'subject'
      : field === 'fileName'
        ? 'file name of an attachment'
        : `name of ${field.nameOf}`
  const params: ErrorParams =
    typeof field === 'string'
      ? { detail: 'headerText', field }
      : { detail: 'headerText', field: 'name', email: field.nameOf }
  if (LINE_BREAK.test(value)) {
    throw new PostlineFailure('invalid-input', `The ${what} cannot contain line breaks.`, params)
  }
  if (CONTROL.test(value)) {
    throw new PostlineFailure(
      'invalid-input',
      `The ${what} cannot contain control characters.`,
      params,
    )
  }
}

/**
 * A lower bound of the encoded size: attachments grow by 4/3 in base64 plus a CRLF per 76
 * characters, the body counts at least its own bytes. A message over the limit by this count is
 * certainly over it, so it is refused before anything is built.
 */
export function estimateSize(
  attachments: readonly { readonly size: number }[],
  bodyBytes: number,
): number {
  let total = bodyBytes
  for (const { size } of attachments) {
    total += base64Length(size)
  }
  return total
}

/** A new Message-ID, `<random@domain-of-the-sender>` (RFC 5322 §3.6.4), with 18 random bytes. */
export function createMessageId(fromAddress: string): string {
  const at = fromAddress.lastIndexOf('@')
  const domain = at < 0 ? '' : domainToASCII(fromAddress.slice(at + 1).toLowerCase())
  return `<${randomBytes(18).toString('base64url')}@${domain || 'postline.invalid'}>`
}

interface Measure {
  size: number
  readonly hash: Hash
  /** The chunks written, while the message is no larger than `keepUpTo`; null past it. */
  kept: Buffer[] | null
  readonly keepUpTo: number
}

/**
 * Counts and hashes the chunks it passes on. Past the limit it passes nothing more (so the
 * temporary file stops growing), counts the rest to report the real size, then throws, which
 * makes the atomic writer remove the temporary file.
 */
async function* measured(
  source: AsyncIterable<Buffer>,
  maxBytes: number,
  measure: Measure,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    signal?.throwIfAborted()
    measure.size += chunk.length
    if (measure.size > maxBytes) continue
    measure.hash.update(chunk)
    if (measure.kept !== null) {
      if (measure.size <= measure.keepUpTo) measure.kept.push(chunk)
      else measure.kept = null
    }
    yield chunk
  }
  if (measure.size > maxBytes) throw tooLarge(measure.size, maxBytes)
}

function tooLarge(size: number, maxBytes: number): PostlineFailure {
  return new PostlineFailure('too-large', tooLargeSentence(size, { limit: maxBytes }), {
    detail: 'tooLarge',
    size,
    limit: maxBytes,
  })
}

function checkMessage(message: OutgoingMessage): void {
  checkHeaderText(message.subject, 'subject')
  if (!MESSAGE_ID.test(message.messageId)) {
    throw new PostlineFailure('invalid-input', 'The message ID is not valid.')
  }
  if (Number.isNaN(message.date.getTime())) {
    throw new PostlineFailure('invalid-input', 'The message date is not valid.')
  }
  checkMailbox(message.from, 'From')
  if (message.replyTo !== undefined) checkMailbox(message.replyTo, 'Reply-To')
  for (const [field, mailboxes] of [
    ['To', message.to],
    ['Cc', message.cc],
    ['Bcc', message.bcc],
  ] as const) {
    for (const mailbox of mailboxes) checkMailbox(mailbox, field)
  }
  if (message.to.length + message.cc.length + message.bcc.length === 0) {
    throw new PostlineFailure('invalid-address', 'Add at least one recipient.', {
      detail: 'noRecipient',
    })
  }
  for (const attachment of message.attachments) {
    checkHeaderText(attachment.name, 'fileName')
    if (attachment.name.trim() === '') {
      throw new PostlineFailure('invalid-input', 'An attachment has no file name.', {
        detail: 'noFileName',
      })
    }
    if ([...attachment.name].length > MAX_ATTACHMENT_NAME_LENGTH) {
      throw new PostlineFailure(
        'invalid-input',
        `The file name “${attachment.name.slice(0, 40)}…” is longer than ${MAX_ATTACHMENT_NAME_LENGTH} characters.`,
        {
          detail: 'longFileName',
          file: `${attachment.name.slice(0, 40)}…`,
          max: MAX_ATTACHMENT_NAME_LENGTH,
        },
      )
    }
  }
}

/** Defence in depth: whatever built the mailbox, its address must parse back to itself. */
function checkMailbox(mailbox: Mailbox, field: 'From' | 'Reply-To' | 'To' | 'Cc' | 'Bcc'): void {
  const where = field === 'From' ? 'The sending address' : `An address in ${field}`
  // Invisible characters make an address another than the one it looks like, and bidi controls
  // in a name can make it pass for another address: refused whatever let them through.
  const inAddress = INVISIBLE.exec(mailbox.address)
  const invisible = inAddress ?? BIDI_CONTROL.exec(mailbox.name)
  if (invisible !== null) {
    const character = codePointName(invisible[0])
    const visible = mailbox.address.replace(new RegExp(INVISIBLE.source, 'gu'), '')
    throw new PostlineFailure(
      'invalid-address',
      `${where} holds an invisible character (${character}): ${visible}.`,
      {
        detail: 'badRecipient',
        field: field.toLowerCase(),
        entry: visible,
        problem: inAddress ? 'invisibleChar' : 'bidiInName',
        char: character,
      },
    )
  }
  const parsed = parseMailbox(mailbox.address)
  const params = { detail: 'badMailbox', field: field.toLowerCase() } as const
  if (!parsed.ok)
    throw new PostlineFailure(
      'invalid-address',
      `${where} cannot be used: ${parsed.reason}`,
      params,
    )
  if (parsed.mailbox.address !== mailbox.address || parsed.mailbox.name !== '') {
    throw new PostlineFailure('invalid-address', `${where} is not a plain address.`, params)
  }
  checkHeaderText(mailbox.name, { nameOf: mailbox.address })
  if ([...mailbox.name].length > MAX_DISPLAY_NAME_LENGTH) {
    throw new PostlineFailure(
      'invalid-address',
      `The name of ${mailbox.address} is longer than ${MAX_DISPLAY_NAME_LENGTH} characters.`,
      { detail: 'longName', email: mailbox.address, max: MAX_DISPLAY_NAME_LENGTH },
    )
  }
}

/** The body: rich text (the text alternative and the HTML), or plain text as format=flowed. */
type Body = { readonly text: string; readonly html: string } | { readonly flowed: string }

/**
 * The plain-text body as ONE `text/plain; format=flowed` part (RFC 3676), quoted-printable so
 * the soft breaks' trailing spaces survive transport (§4.5: QP encodes a space before a line end
 * as `=20`, which no relay strips), whatever characters the text holds.
 */
function flowedPart(flowed: string) {
  return {
    contentType: 'text/plain; charset=utf-8; format=flowed',
    content: flowed,
    contentTransferEncoding: 'quoted-printable',
  }
}

function composerOptions(
  message: OutgoingMessage,
  body: Body,
  contents: readonly Readable[],
  images: readonly InlineImage[],
): MailComposerOptions {
  const list = (mailboxes: readonly Mailbox[]) =>
    mailboxes.length === 0 ? undefined : mailboxes.map(({ name, address }) => ({ name, address }))
  return {
    // CRLF everywhere (RFC 5322 §2.1); without it 7-bit parts keep bare LF.
    newline: 'windows',
    // Nothing in a message may be fetched from the network.
    disableUrlAccess: true,
    messageId: message.messageId,
    date: message.date,
    from: { name: message.from.name, address: message.from.address },
    ...(message.replyTo !== undefined
      ? { replyTo: { name: message.replyTo.name, address: message.replyTo.address } }
      : {}),
    to: list(message.to),
    cc: list(message.cc),
    bcc: list(message.bcc),
    subject: foldableSubject(message.subject),
    // MailComposer picks 7bit, quoted-printable or base64 per part: any line over 76 characters
    // is encoded, so no line passes 998 octets (RFC 5322 §2.1.1).
    ...('flowed' in body
      ? // With no text and no HTML, the one alternative is the body itself (not multipart).
        { alternatives: [flowedPart(body.flowed)] }
      : { text: body.text, html: body.html === '' ? undefined : body.html }),
    attachments: [
      ...message.attachments.map((attachment, index) => ({
        filename: attachment.name,
        content: contents[index],
        contentType: MIME_TYPE.test(attachment.mimeType)
          ? attachment.mimeType
          : 'application/octet-stream',
        // base64 for every file, text ones included: the recipient gets the very same bytes
        // (a 7bit text part would have its line ends rewritten to CRLF).
        contentTransferEncoding: 'base64',
      })),
      // With a `cid`, MailComposer puts the HTML and its pictures in a multipart/related part.
      ...images.map((image) => ({
        filename: image.filename,
        content: image.content,
        contentType: image.contentType,
        cid: image.cid,
        contentDisposition: 'inline' as const,
        contentTransferEncoding: 'base64',
      })),
    ],
  }
}

/** A picture of the body sent as an inline part, referred to as `cid:` from the HTML. */
export interface InlineImage {
  readonly cid: string
  readonly filename: string
  readonly contentType: string
  readonly content: Buffer
}

/** `src="data:image/…;base64,…"` in an `<img>` of the body (the editor writes double quotes). */
const DATA_IMAGE_SRC =
  /(<img\b[^>]*?\ssrc=)(["'])data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})\2/gi
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

/**
 * Turns each `data:` picture of the body into an inline part: the `<img>` points to
 * `cid:<random>@<sender's domain>` and the bytes go in a part with that Content-ID
 * (RFC 2392), so mail programs show the picture without loading anything. The same picture
 * twice is one part.
 */
export function inlineImages(
  html: string,
  fromAddress: string,
): { html: string; images: InlineImage[] } {
  const images: InlineImage[] = []
  const byData = new Map<string, string>()
  const out = html.replace(
    DATA_IMAGE_SRC,
    (_match, before: string, quote: string, contentType: string, data: string) => {
      const type = contentType.toLowerCase()
      let cid = byData.get(`${type};${data}`)
      if (cid === undefined) {
        cid = createMessageId(fromAddress).slice(1, -1)
        byData.set(`${type};${data}`, cid)
        images.push({
          cid,
          filename: `image-${images.length + 1}.${EXTENSIONS[type] ?? 'bin'}`,
          contentType: type,
          content: Buffer.from(data, 'base64'),
        })
      }
      return `${before}${quote}cid:${cid}${quote}`
    },
  )
  return { html: out, images }
}

/**
 * MailComposer folds headers only at spaces and encodes only non-ASCII text, so a long unbroken
 * ASCII subject (a pasted URL) would make one line over 998 octets. Such a subject, and one that
 * already looks like encoded words, goes out as RFC 2047 encoded words, which fold.
 */
function foldableSubject(subject: string): string {
  const longestWord = Math.max(0, ...subject.split(/\s+/).map((word) => word.length))
  if (longestWord <= LONGEST_FOLDABLE_WORD && !subject.includes('=?')) return subject
  return nodemailer().encodeWord(subject, 'Q', 52)
}

async function attachmentSizes(
  attachments: readonly AttachmentFile[],
): Promise<{ size: number }[]> {
  return Promise.all(
    attachments.map(async (attachment) => {
      if (attachment.fingerprint !== undefined) return { size: attachment.fingerprint.size }
      try {
        const info = await stat(attachment.path)
        if (info.isFile()) return { size: info.size }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      throw attachmentChanged(attachment.name, 'moved')
    }),
  )
}

function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n')
}
