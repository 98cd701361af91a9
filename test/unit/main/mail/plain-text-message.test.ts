import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { writeMessage } from '../../../../src/main/mail/message-builder'
import type { OutgoingMessage } from '../../../../src/main/mail/types'
import { tempDir } from '../../../helpers/temp-dir'

function plainMessage(text: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: { name: 'Ada Lovelace', address: 'ada@example.com' },
    to: [{ name: 'Charles Babbage', address: 'charles@example.org' }],
    cc: [],
    bcc: [],
    subject: 'Notes',
    // What the plain editor saves: its paragraphs; the text is what is sent.
    html: text
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join(''),
    text,
    format: 'plain',
    attachments: [],
    messageId: '<k3J9xQ2mZbVwR7tY1uPa@example.com>',
    date: new Date('2026-03-04T05:06:07Z'),
    ...overrides,
  }
}

async function build(t: TestContext, message: OutgoingMessage) {
  const dir = await tempDir(t)
  const path = join(dir, 'message.eml')
  await writeMessage(message, path)
  const raw = await readFile(path)
  return { raw, dir, text: raw.toString('latin1'), parsed: await simpleParser(raw) }
}

const LONG =
  'Ada, the engine works: every card was read, every column turned, and the table of ' +
  'Bernoulli numbers came out exactly as your notes said it would, façade and all. ' +
  'Ça marche — 😀.'
const TEXT = `Dear Charles,\n\n${LONG}\n From the start, it was yours.\n> quoted line\n\n-- \nAda`

test('a plain-text message is ONE text/plain part, format=flowed, quoted-printable', async (t) => {
  const { text, parsed } = await build(t, plainMessage(TEXT))
  const headers = text.slice(0, text.indexOf('\r\n\r\n'))
  assert.match(headers, /^Content-Type: text\/plain; charset=utf-8; format=flowed$/im)
  assert.match(headers, /^Content-Transfer-Encoding: quoted-printable$/im)
  assert.doesNotMatch(text, /multipart|text\/html/i, 'no HTML alternative, no multipart')
  assert.equal(parsed.html, false)
  // mailparser decodes format=flowed: the long paragraph comes back as one line.
  assert.equal(parsed.text?.replace(/\n$/, ''), TEXT)
})

test('the soft breaks survive transport as =20 at line ends; every line ends with CRLF', async (t) => {
  const { text } = await build(t, plainMessage(TEXT))
  const body = text.slice(text.indexOf('\r\n\r\n') + 4)
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(text), 'no bare CR or LF')
  assert.match(body, /=20\r\n/, 'a soft break is an encoded space before the line end')
  assert.doesNotMatch(body, / \r\n/, 'no raw trailing space that a relay could strip')
  for (const line of text.split('\r\n')) assert.ok(line.length <= 78, line)
})

test('a plain-text message with attachments has the flowed part and the files, no HTML', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'notes.txt')
  await writeFile(file, 'card 1\n')
  const { parsed, text } = await build(
    t,
    plainMessage('See the notes.', {
      attachments: [{ path: file, name: 'notes.txt', mimeType: 'text/plain' }],
    }),
  )
  assert.equal(parsed.html, false)
  assert.equal(parsed.text?.trim(), 'See the notes.')
  assert.equal(parsed.attachments.length, 1)
  assert.equal(text.match(/format=flowed/g)?.length, 1)
})

test('a plain message whose text is empty is written from its paragraphs', async (t) => {
  const { parsed } = await build(t, plainMessage('', { html: '<p>One</p><p>Two</p>' }))
  assert.equal(parsed.html, false)
  assert.match(parsed.text ?? '', /One\n\nTwo/)
})

test('a rich message still has its HTML and text alternative', async (t) => {
  const { parsed } = await build(
    t,
    plainMessage('Hello', { format: 'rich', html: '<p><b>Hello</b></p>' }),
  )
  assert.equal(typeof parsed.html, 'string')
  assert.match(parsed.html || '', /<b>Hello<\/b>/)
})
