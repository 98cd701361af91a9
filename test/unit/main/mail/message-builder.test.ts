import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { open, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import { GMAIL_MAX_MESSAGE_BYTES } from '../../../../src/shared/message-size'
import {
  checkHeaderText,
  createMessageId,
  estimateSize,
  writeMessage,
  type WriteMessageOptions,
  type WrittenMessage,
} from '../../../../src/main/mail/message-builder'
import type { OutgoingMessage } from '../../../../src/main/mail/types'
import { PostlineFailure } from '../../../../src/main/errors'
import { tempDir } from '../../../helpers/temp-dir'

const DATE = new Date('2026-03-04T05:06:07Z')
const MESSAGE_ID = '<k3J9xQ2mZbVwR7tY1uPa@example.com>'

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: { name: 'Ada Lovelace', address: 'ada@example.com' },
    to: [{ name: 'Charles Babbage', address: 'charles@example.org' }],
    cc: [],
    bcc: [],
    subject: 'Notes',
    html: '<p>Hello</p>',
    text: 'Hello',
    attachments: [],
    messageId: MESSAGE_ID,
    date: DATE,
    ...overrides,
  }
}

interface Built {
  readonly dir: string
  readonly path: string
  readonly raw: Buffer
  readonly parsed: ParsedMail
  readonly result: WrittenMessage
}

async function build(
  t: TestContext,
  outgoing: OutgoingMessage,
  options?: WriteMessageOptions,
): Promise<Built> {
  const dir = await tempDir(t)
  const path = join(dir, 'message.eml')
  const result = await writeMessage(outgoing, path, options)
  const raw = await readFile(path)
  return { dir, path, raw, parsed: await simpleParser(raw), result }
}

function addresses(field: AddressObject | AddressObject[] | undefined) {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return objects.flatMap((object) => object.value.map(({ name, address }) => ({ name, address })))
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

function headerBlock(raw: Buffer): string {
  const text = raw.toString('latin1')
  return text.slice(0, text.indexOf('\r\n\r\n'))
}

async function failure(promise: Promise<unknown>): Promise<PostlineFailure> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof PostlineFailure, `expected a PostlineFailure, got ${String(error)}`)
    return error
  }
  assert.fail('expected a failure')
}

// Headers

test('UTF-8 and emoji in display names come back unchanged', async (t) => {
  const { parsed, raw } = await build(
    t,
    message({
      from: { name: 'Zoë "Z" Ångström 👋', address: 'zoe@example.com' },
      to: [{ name: '山田 太郎', address: 'taro@example.jp' }],
    }),
  )
  assert.deepEqual(addresses(parsed.from), [
    { name: 'Zoë "Z" Ångström 👋', address: 'zoe@example.com' },
  ])
  assert.deepEqual(addresses(parsed.to), [{ name: '山田 太郎', address: 'taro@example.jp' }])
  assert.doesNotMatch(
    headerBlock(raw),
    /[^\t\r\n\x20-\x7e]/,
    'headers are 7-bit (RFC 2047 encoded words)',
  )
})

test('a subject with umlauts, emoji and a dash comes back unchanged', async (t) => {
  const { parsed } = await build(t, message({ subject: 'Grüße 👋 — café' }))
  assert.equal(parsed.subject, 'Grüße 👋 — café')
})

test('a subject that looks like encoded words is sent as typed', async (t) => {
  const { parsed } = await build(t, message({ subject: 'literal =?UTF-8?Q?abc?= text' }))
  assert.equal(parsed.subject, 'literal =?UTF-8?Q?abc?= text')
})

test('a name with a comma is quoted so it stays one recipient', async (t) => {
  const { parsed } = await build(
    t,
    message({ to: [{ name: 'Babbage, Charles', address: 'charles@example.org' }] }),
  )
  assert.deepEqual(addresses(parsed.to), [
    { name: 'Babbage, Charles', address: 'charles@example.org' },
  ])
})

test('several To and Cc recipients come back in order', async (t) => {
  const to = [
    { name: 'One', address: 'one@example.org' },
    { name: '', address: 'two@example.org' },
    { name: 'Trois Étoiles', address: 'three@example.fr' },
  ]
  const cc = [
    { name: 'Four', address: 'four@example.org' },
    { name: 'Five 🖐', address: 'five@example.org' },
  ]
  const { parsed } = await build(t, message({ to, cc }))
  assert.deepEqual(addresses(parsed.to), to)
  assert.deepEqual(addresses(parsed.cc), cc)
})

test('the Bcc header is kept in the raw bytes for the Gmail API', async (t) => {
  const bcc = [
    { name: 'Hidden', address: 'hidden@example.org' },
    { name: '', address: 'quiet@example.org' },
  ]
  const { raw, parsed } = await build(t, message({ bcc }))
  assert.match(headerBlock(raw), /^Bcc: Hidden <hidden@example\.org>, quiet@example\.org$/m)
  assert.deepEqual(addresses(parsed.bcc), bcc)
})

test('a message with only Bcc recipients is built', async (t) => {
  const { parsed } = await build(
    t,
    message({ to: [], bcc: [{ name: '', address: 'hidden@example.org' }] }),
  )
  assert.deepEqual(addresses(parsed.bcc), [{ name: '', address: 'hidden@example.org' }])
  assert.equal(parsed.to, undefined)
})

test('an IDN domain goes out in its ASCII form and reads back', async (t) => {
  const { raw, parsed } = await build(
    t,
    message({ to: [{ name: 'José', address: 'jose@bücher.de' }] }),
  )
  assert.match(headerBlock(raw), /jose@xn--bcher-kva\.de/)
  assert.equal(addresses(parsed.to)[0]!.name, 'José')
})

test('the Message-ID and the Date are the ones given', async (t) => {
  const { raw, parsed } = await build(t, message())
  assert.equal(parsed.messageId, MESSAGE_ID)
  assert.equal(parsed.date?.getTime(), DATE.getTime())
  assert.match(headerBlock(raw), /^Date: Wed, 04 Mar 2026 05:06:07 \+0000$/m)
  assert.match(headerBlock(raw), /^Message-ID: <k3J9xQ2mZbVwR7tY1uPa@example\.com>$/m)
})

// Line endings and lengths

test('every line ends with CRLF: no bare LF or bare CR anywhere', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'notes.txt')
  await writeFile(file, 'one\ntwo\rthree\r\n')
  const { raw } = await build(
    t,
    message({
      text: 'line one\nline two\rline three\r\nend',
      html: '<p>one</p>\n<p>two</p>\r<p>three</p>',
      attachments: [{ path: file, name: 'notes.txt', mimeType: 'text/plain' }],
    }),
  )
  for (let index = 0; index < raw.length; index += 1) {
    if (raw[index] === 0x0a) assert.equal(raw[index - 1], 0x0d, `bare LF at byte ${index}`)
    if (raw[index] === 0x0d) assert.equal(raw[index + 1], 0x0a, `bare CR at byte ${index}`)
  }
})

test('no line passes 998 bytes with a long one-line body, subject, name and file name', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'file')
  await writeFile(file, 'content')
  const longName = `${'f'.repeat(251)}.pdf`
  const { raw, parsed } = await build(
    t,
    message({
      from: { name: 'n'.repeat(256), address: 'ada@example.com' },
      subject: `${'Long subject '.repeat(100)}https://example.com/${'x'.repeat(1500)}`,
      html: `<p>${'word '.repeat(1000)}</p>`,
      text: 'é'.repeat(5000),
      attachments: [{ path: file, name: longName, mimeType: 'application/pdf' }],
    }),
  )
  assert.equal(raw.length > 5000, true)
  const lines = raw.toString('latin1').split('\r\n')
  const longest = Math.max(...lines.map((line) => line.length))
  assert.ok(longest <= 998, `a line of ${longest} bytes`)
  assert.equal(
    parsed.subject,
    `${'Long subject '.repeat(100)}https://example.com/${'x'.repeat(1500)}`,
  )
  assert.equal(parsed.attachments[0]?.filename, longName)
  assert.equal(addresses(parsed.from)[0]!.name, 'n'.repeat(256))
})

test('a 5,000-character single-line HTML body stays under 998 bytes a line and reads back', async (t) => {
  const html = `<p>${'abcdefghij'.repeat(500)}</p>`
  const { raw, parsed } = await build(t, message({ html }))
  const longest = Math.max(
    ...raw
      .toString('latin1')
      .split('\r\n')
      .map((line) => line.length),
  )
  assert.ok(longest <= 998, `a line of ${longest} bytes`)
  assert.equal(parsed.html, html)
})

// Structure and bodies

test('text and HTML go out as multipart/alternative', async (t) => {
  const { raw, parsed } = await build(
    t,
    message({ text: 'Hello café', html: '<p>Hello <b>café</b></p>' }),
  )
  assert.match(headerBlock(raw), /^Content-Type: multipart\/alternative;/m)
  assert.equal(parsed.text?.trim(), 'Hello café')
  assert.equal(parsed.html, '<p>Hello <b>café</b></p>')
})

test('a generated text alternative is used when the text is empty', async (t) => {
  const { parsed } = await build(
    t,
    message({
      text: '',
      html: '<p>Hi <a href="https://example.com/a">there</a></p><ul><li>one</li><li>two</li></ul>',
    }),
  )
  assert.equal(parsed.text?.trim(), 'Hi there (https://example.com/a)\n\n- one\n- two')
})

test('data: pictures in the body go out as inline parts of a multipart/related', async (t) => {
  const png = randomBytes(700)
  const gif = randomBytes(90)
  const dir = await tempDir(t)
  const filePath = join(dir, 'report.pdf')
  await writeFile(filePath, 'pdf')
  const html =
    `<p>Logo <img src="data:image/png;base64,${png.toString('base64')}" alt="logo"> and again ` +
    `<img src="data:image/png;base64,${png.toString('base64')}"> and ` +
    `<img src='data:image/gif;base64,${gif.toString('base64')}'></p>`
  const { raw, parsed } = await build(
    t,
    message({
      text: 'Logo',
      html,
      attachments: [{ path: filePath, name: 'report.pdf', mimeType: 'application/pdf' }],
    }),
  )
  const rawText = raw.toString('latin1')
  assert.match(rawText, /^Content-Type: multipart\/related; type="text\/html"/m)
  assert.doesNotMatch(rawText, /data:image/, 'no data: URI is left in the sent HTML')
  const inline = parsed.attachments.filter((attachment) => attachment.related)
  assert.deepEqual(
    inline.map((attachment) => ({
      type: attachment.contentType,
      disposition: attachment.contentDisposition,
      sha256: sha256(attachment.content),
    })),
    [
      { type: 'image/png', disposition: 'inline', sha256: sha256(png) },
      { type: 'image/gif', disposition: 'inline', sha256: sha256(gif) },
    ],
    'one part per distinct picture, byte for byte',
  )
  const cids = [...rawText.matchAll(/^Content-ID: <([^>]+)>/gim)].map((match) => match[1]!)
  assert.equal(cids.length, 2)
  for (const cid of cids) assert.match(cid, /@example\.com$/)
  // mailparser turns cid: references back into data: URIs when it reads related parts, so the
  // references are checked in the raw HTML part.
  const htmlPart = /Content-Type: text\/html[^]*?\r\n\r\n([^]*?)\r\n--/.exec(rawText)?.[1] ?? ''
  const decodedHtml = htmlPart
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  assert.deepEqual(
    [...decodedHtml.matchAll(/src=["']cid:([^"']+)["']/g)].map((match) => match[1]),
    [cids[0], cids[0], cids[1]],
  )
  assert.deepEqual(
    parsed.attachments.filter((attachment) => !attachment.related).map((a) => a.filename),
    ['report.pdf'],
    'the attached file stays an attachment',
  )
})

test('a body without data: pictures has no related part', async (t) => {
  const { raw } = await build(
    t,
    message({ html: '<p>A picture elsewhere: <img src="cid:x@example.com"></p>' }),
  )
  assert.doesNotMatch(raw.toString('latin1'), /multipart\/related/)
})

test('a text-only message is a single text/plain part', async (t) => {
  const { raw, parsed } = await build(t, message({ html: '', text: 'Just text' }))
  assert.match(headerBlock(raw), /^Content-Type: text\/plain; charset=utf-8$/m)
  assert.equal(parsed.text?.trim(), 'Just text')
  assert.equal(parsed.html, false)
})

test('attachments come back byte for byte, checked by SHA-256', async (t) => {
  const dir = await tempDir(t)
  const files = [
    { name: 'Résumé 2026 – final 📎.pdf', mimeType: 'application/pdf', data: randomBytes(300_001) },
    { name: 'photo.jpg', mimeType: 'image/jpeg', data: randomBytes(512 * 1024) },
    { name: 'empty.bin', mimeType: 'application/octet-stream', data: Buffer.alloc(0) },
    { name: 'lines.txt', mimeType: 'text/plain', data: Buffer.from('a\nb\rc\r\n\u00e9\n') },
  ]
  const attachments = await Promise.all(
    files.map(async ({ name, mimeType, data }, index) => {
      const path = join(dir, `attachment-${index}`)
      await writeFile(path, data)
      return { path, name, mimeType }
    }),
  )
  const { parsed } = await build(t, message({ attachments }))
  assert.deepEqual(
    parsed.attachments.map((attachment) => ({
      name: attachment.filename,
      type: attachment.contentType,
      sha256: sha256(attachment.content),
    })),
    files.map(({ name, mimeType, data }) => ({ name, type: mimeType, sha256: sha256(data) })),
  )
})

test('an attachment file name with accents, a dash and emoji comes back unchanged', async (t) => {
  const dir = await tempDir(t)
  const path = join(dir, 'cv')
  await writeFile(path, 'cv')
  const { parsed } = await build(
    t,
    message({
      attachments: [{ path, name: 'Résumé 2026 – final 📎.pdf', mimeType: 'application/pdf' }],
    }),
  )
  assert.equal(parsed.attachments[0]?.filename, 'Résumé 2026 – final 📎.pdf')
})

test('a malformed MIME type is replaced by application/octet-stream', async (t) => {
  const dir = await tempDir(t)
  const path = join(dir, 'file')
  await writeFile(path, 'x')
  const { parsed } = await build(
    t,
    message({ attachments: [{ path, name: 'x.bin', mimeType: 'text/plain; x="y"' }] }),
  )
  assert.equal(parsed.attachments[0]?.contentType, 'application/octet-stream')
})

// The written file

test('the size and SHA-256 returned are those of the written file', async (t) => {
  const { raw, result } = await build(t, message())
  assert.deepEqual(result, { size: raw.length, sha256: sha256(raw) })
})

test('the written message leaves no temporary file behind', async (t) => {
  const { dir } = await build(t, message())
  assert.deepEqual(await readdir(dir), ['message.eml'])
})

test('a refused message leaves an existing file at the path untouched', async (t) => {
  const dir = await tempDir(t)
  const path = join(dir, 'message.eml')
  await writeFile(path, 'previous')
  await failure(writeMessage(message({ subject: 'a\r\nb' }), path))
  await failure(writeMessage(message({ text: 'x'.repeat(5000) }), path, { maxBytes: 1000 }))
  assert.equal(await readFile(path, 'utf8'), 'previous')
  assert.deepEqual(await readdir(dir), ['message.eml'])
})

// Size limit

test('a message certainly over 35 MB is refused before it is built', async (t) => {
  const dir = await tempDir(t)
  const big = join(dir, 'big.bin')
  const handle = await open(big, 'w')
  await handle.truncate(36 * 1024 * 1024) // sparse: instant, and takes no disk
  await handle.close()
  const path = join(dir, 'message.eml')
  const error = await failure(
    writeMessage(
      message({ attachments: [{ path: big, name: 'big.bin', mimeType: 'application/zip' }] }),
      path,
    ),
  )
  assert.equal(error.code, 'too-large')
  assert.equal(
    error.message,
    'This message is 49.3 MB; Gmail accepts up to 35 MB. Remove an attachment and send again.',
  )
  assert.deepEqual(await readdir(dir), ['big.bin'])
})

test('a message that passes the limit while streaming is stopped and leaves no file', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'data.bin')
  const data = randomBytes(200_000)
  await writeFile(file, data)
  const outgoing = message({
    attachments: [{ path: file, name: 'data.bin', mimeType: 'application/zip' }],
  })
  // The estimate fits, the headers and MIME structure do not.
  const maxBytes = estimateSize([{ size: data.length }], 100) + 50
  const error = await failure(writeMessage(outgoing, join(dir, 'message.eml'), { maxBytes }))
  assert.equal(error.code, 'too-large')
  assert.match(error.message, /^This message is 26\d\.\d KB; Gmail accepts up to 26\d\.\d KB\./)
  assert.deepEqual(await readdir(dir), ['data.bin'])
})

test('the size reported for a message stopped while streaming is its full size', async (t) => {
  const dir = await tempDir(t)
  const full = await build(t, message({ text: 'x'.repeat(300_000) }))
  const error = await failure(
    writeMessage(message({ text: 'x'.repeat(300_000) }), join(dir, 'message.eml'), {
      maxBytes: 300_100,
    }),
  )
  const kilobytes = Math.ceil((full.raw.length / 1024) * 10) / 10
  assert.match(error.message, new RegExp(`^This message is ${kilobytes.toFixed(1)} KB;`))
})

test('the Gmail limit is 35 MiB', () => {
  assert.equal(GMAIL_MAX_MESSAGE_BYTES, 35 * 1024 * 1024)
})

test('the estimate is a lower bound of the built size', async (t) => {
  const dir = await tempDir(t)
  const sizes = [0, 1, 2, 3, 57, 58, 100_000, 123_457]
  const attachments = await Promise.all(
    sizes.map(async (size, index) => {
      const path = join(dir, `a${index}`)
      await writeFile(path, randomBytes(size))
      return { path, name: `a${index}.bin`, mimeType: 'application/octet-stream' }
    }),
  )
  const outgoing = message({ attachments, text: 'é'.repeat(1000), html: '<p>ü</p>' })
  const { result } = await build(t, outgoing)
  const bodyBytes = Buffer.byteLength(outgoing.text) + Buffer.byteLength(outgoing.html)
  const estimate = estimateSize(
    sizes.map((size) => ({ size })),
    bodyBytes,
  )
  assert.ok(estimate <= result.size, `${estimate} > ${result.size}`)
  assert.ok(estimate > result.size - 10_000, 'the estimate is close')
})

test('the estimate of an attachment is its base64 length with CRLF between 76-character lines', () => {
  assert.equal(estimateSize([{ size: 0 }], 0), 0)
  assert.equal(estimateSize([{ size: 57 }], 0), 76)
  assert.equal(estimateSize([{ size: 58 }], 0), 76 + 2 + 4)
  assert.equal(estimateSize([{ size: 3 }, { size: 3 }], 10), 18)
})

// Refusals

test('a line break in the subject is refused, not stripped', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(
    writeMessage(message({ subject: 'Hello\r\nBcc: evil@x.com' }), join(dir, 'm.eml')),
  )
  assert.equal(error.code, 'invalid-input')
  assert.equal(error.message, 'The subject cannot contain line breaks.')
  assert.deepEqual(await readdir(dir), [])
})

test('a lone LF or CR in the subject is refused', () => {
  assert.throws(() => checkHeaderText('a\nb', 'subject'), /line breaks/)
  assert.throws(() => checkHeaderText('a\rb', 'subject'), /line breaks/)
})

test('control characters other than TAB are refused in header text', () => {
  assert.throws(() => checkHeaderText('a\u0000b', 'subject'), /control characters/)
  assert.throws(() => checkHeaderText('a\u007fb', 'subject'), /control characters/)
  assert.doesNotThrow(() => checkHeaderText('a\tb — ü 👋', 'subject'))
})

test('a line break in an attachment file name is refused', async (t) => {
  const dir = await tempDir(t)
  const path = join(dir, 'f')
  await writeFile(path, 'x')
  const error = await failure(
    writeMessage(
      message({
        attachments: [
          { path, name: 'a.pdf\r\nContent-Type: text/html', mimeType: 'application/pdf' },
        ],
      }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(error.code, 'invalid-input')
  assert.equal(error.message, 'The file name of an attachment cannot contain line breaks.')
})

test('a line break in a display name is refused', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(
    writeMessage(
      message({ to: [{ name: 'Eve\r\nBcc: evil@x.com', address: 'eve@example.org' }] }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(error.code, 'invalid-input')
})

test('an address with a line break is refused as an invalid address', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(
    writeMessage(
      message({ cc: [{ name: '', address: 'a@b.c\r\nBcc: evil@x.com' }] }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(error.code, 'invalid-address')
  assert.equal(
    error.message,
    'An address in Cc cannot be used: Line breaks are not allowed in an address.',
  )
})

test('an address that is not a plain address is refused', async (t) => {
  const dir = await tempDir(t)
  for (const address of ['Eve <eve@example.org>', 'a@localhost', 'a@b.c, d@e.f']) {
    const error = await failure(
      writeMessage(message({ to: [{ name: '', address }] }), join(dir, 'm.eml')),
    )
    assert.equal(error.code, 'invalid-address', address)
  }
})

test('an invisible character in an address, or a bidi override in a name, is refused', async (t) => {
  const dir = await tempDir(t)
  const zeroWidth = await failure(
    writeMessage(
      message({ to: [{ name: '', address: 'ja\u200bne@doe.com' }] }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(zeroWidth.code, 'invalid-address')
  assert.deepEqual(zeroWidth.params, {
    detail: 'badRecipient',
    field: 'to',
    entry: 'jane@doe.com',
    problem: 'invisibleChar',
    char: 'U+200B',
  })
  const override = await failure(
    writeMessage(
      message({ bcc: [{ name: '\u202emoc.evil@nna', address: 'x@evil.com' }] }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(override.code, 'invalid-address')
  assert.deepEqual(override.params, {
    detail: 'badRecipient',
    field: 'bcc',
    entry: 'x@evil.com',
    problem: 'bidiInName',
    char: 'U+202E',
  })
  assert.deepEqual(await readdir(dir), [], 'nothing was written')
})

test('a message without recipients is refused', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(writeMessage(message({ to: [] }), join(dir, 'm.eml')))
  assert.equal(error.code, 'invalid-address')
})

test('a malformed Message-ID is refused', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(
    writeMessage(message({ messageId: '<a@b.c>\r\nBcc: x@y.z' }), join(dir, 'm.eml')),
  )
  assert.equal(error.code, 'invalid-input')
})

test('an attachment missing from disk is reported by name', async (t) => {
  const dir = await tempDir(t)
  const error = await failure(
    writeMessage(
      message({
        attachments: [{ path: join(dir, 'gone'), name: 'gone.pdf', mimeType: 'application/pdf' }],
      }),
      join(dir, 'm.eml'),
    ),
  )
  assert.equal(error.code, 'attachment-changed')
  assert.match(error.message, /“gone\.pdf”/)
  assert.deepEqual(await readdir(dir), [])
})

// Message-ID

test('a new Message-ID is random and uses the sender’s domain', () => {
  const first = createMessageId('ada@example.com')
  assert.match(first, /^<[A-Za-z0-9_-]{24}@example\.com>$/)
  assert.notEqual(createMessageId('ada@example.com'), first)
})

test('a new Message-ID uses the ASCII form of an IDN domain', () => {
  assert.match(createMessageId('jose@Bücher.de'), /@xn--bcher-kva\.de>$/)
})

// Kept bytes

test('a message within keepBytesUpTo is answered with the very bytes written to its file', async (t) => {
  const attachment = join(await tempDir(t), 'notes.bin')
  await writeFile(attachment, randomBytes(20_000))
  const built = await build(
    t,
    message({
      attachments: [{ path: attachment, name: 'notes.bin', mimeType: 'application/octet-stream' }],
    }),
    { keepBytesUpTo: 1024 * 1024 },
  )
  assert.ok(built.result.bytes !== undefined, 'the bytes are kept')
  assert.ok(built.result.bytes.equals(built.raw))
  assert.equal(built.result.size, built.raw.length)
  assert.equal(sha256(built.result.bytes), built.result.sha256)
})

test('a message over keepBytesUpTo, or built without it, is answered without its bytes', async (t) => {
  const attachment = join(await tempDir(t), 'notes.bin')
  await writeFile(attachment, randomBytes(20_000))
  const outgoing = message({
    attachments: [{ path: attachment, name: 'notes.bin', mimeType: 'application/octet-stream' }],
  })
  const over = await build(t, outgoing, { keepBytesUpTo: 10_000 })
  assert.ok(over.raw.length > 10_000)
  assert.equal(over.result.bytes, undefined)
  assert.equal(over.result.sha256, sha256(over.raw))
  const without = await build(t, outgoing)
  assert.equal(without.result.bytes, undefined)
})
