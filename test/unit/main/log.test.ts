import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createPkcePair } from '../../../src/main/auth/pkce'
import {
  MAX_LINE_LENGTH,
  consoleLogger,
  createLogger,
  errorFields,
  formatLine,
  type LogLevel,
} from '../../../src/main/log'
import { LOG_FILE, LOG_FOLDER, fileLogSink, logFolderIn } from '../../../src/main/log-file'
import { tempDir } from '../../helpers/temp-dir'

function recording() {
  const lines: { level: LogLevel; line: string }[] = []
  return { lines, sink: (level: LogLevel, line: string) => lines.push({ level, line }) }
}

test('a line is the message and its fields, with credentials replaced', () => {
  const token = `ya29.${randomBytes(60).toString('base64url')}`
  const line = formatLine('Sending failed', {
    channel: 'mail.send',
    status: 502,
    retried: true,
    missing: undefined,
    nothing: null,
    error: `GaxiosError: request failed with Authorization: Bearer ${token}`,
  })
  assert.equal(
    line,
    'Sending failed {"channel":"mail.send","status":502,"retried":true,"nothing":null,' +
      '"error":"GaxiosError: request failed with Authorization: Bearer [redacted]"}',
  )
})

test('fields named like what a person wrote or attached are withheld, whatever their value', () => {
  const line = formatLine('Draft could not be saved', {
    draftId: '6f1c2a8e-0d5b-4c1e-9a77-3f0e5b2d4c11',
    body: 'Dear Ada, the figures are attached',
    bodyHtml: '<p>Dear Ada</p>',
    subject: 'Salaries 2027',
    attachmentName: 'salaries-2027.xlsx',
    attachment_names: 'a.pdf, b.pdf',
    fileName: 'passport.jpg',
    recipients: 'bob@example.com',
    refresh_token: 'short',
    clientSecret: 'not-shaped-like-one',
    textContent: 'hello',
  })
  assert.equal(
    line,
    'Draft could not be saved {"draftId":"6f1c2a8e-0d5b-4c1e-9a77-3f0e5b2d4c11","body":"[withheld]",' +
      '"bodyHtml":"[withheld]","subject":"[withheld]","attachmentName":"[withheld]",' +
      '"attachment_names":"[withheld]","fileName":"[withheld]","recipients":"[withheld]",' +
      '"refresh_token":"[withheld]","clientSecret":"[withheld]","textContent":"[withheld]"}',
  )
})

test('a line stays one line and is cut at the maximum length', () => {
  assert.equal(formatLine('first\r\nsecond\nthird'), 'first second third')
  const long = formatLine('x', { error: 'word '.repeat(2000) })
  assert.equal(long.length, MAX_LINE_LENGTH + 1)
  assert.ok(long.endsWith('…'))
})

test('an error is described by name, message, system code and where, never its cause or data', () => {
  const cause = new Error(`body with ${createPkcePair().verifier}`)
  const error = Object.assign(new Error('ENOSPC: no space left on device', { cause }), {
    code: 'ENOSPC',
    config: { data: 'refresh_token=1//secret' },
  })
  const fields = errorFields(error)
  assert.deepEqual(Object.keys(fields), ['error', 'errorCode', 'at'])
  assert.equal(fields.error, 'Error: ENOSPC: no space left on device')
  assert.equal(fields.errorCode, 'ENOSPC')
  assert.match(fields.at ?? '', /log\.test\.ts:\d+:\d+/, 'the first frame is where it was thrown')
  assert.equal(fields.at?.split(' < ').length, 4, 'four frames at most')
  assert.doesNotMatch(JSON.stringify(fields), /body with|refresh_token/)

  const bare = new TypeError('x')
  bare.stack = 'TypeError: x'
  assert.deepEqual(errorFields(bare), { error: 'TypeError: x' })
  assert.deepEqual(errorFields('plain words'), { error: 'plain words' })
  assert.deepEqual(errorFields({ access_token: 'ya29.x' }), { error: 'a thrown object' })
})

test('the logger hands the same redacted line to every sink, and a broken sink breaks nothing', () => {
  const first = recording()
  const second = recording()
  const log = createLogger(
    first.sink,
    () => {
      throw new Error('disk gone')
    },
    second.sink,
  )
  const verifier = createPkcePair().verifier
  log.error('Sign-in failed', { error: `invalid_grant for ${verifier}` })
  log.warn('Refused to open a link', { scheme: 'file:' })
  log.info('Started')
  const expected = [
    { level: 'error', line: 'Sign-in failed {"error":"invalid_grant for [redacted]"}' },
    { level: 'warn', line: 'Refused to open a link {"scheme":"file:"}' },
    { level: 'info', line: 'Started' },
  ]
  assert.deepEqual(first.lines, expected)
  assert.deepEqual(second.lines, expected)
})

test('the console logger prints through the same redaction', (t) => {
  const printed: string[] = []
  for (const method of ['error', 'warn', 'log'] as const) {
    t.mock.method(console, method, (text: string) => printed.push(`${method} ${text}`))
  }
  const secret = `GOCSPX-${randomBytes(21).toString('base64url')}`
  const log = consoleLogger()
  log.error('Saving the client failed', { error: `rejected ${secret}` })
  log.warn('w')
  log.info('i')
  assert.deepEqual(printed, [
    'error postline: Saving the client failed {"error":"rejected [client-secret]"}',
    'warn postline: w',
    'log postline: i',
  ])
})

test('the log file is in logs/ in the user-data folder, redacted, private and rotated', async (t) => {
  const userData = await tempDir(t, 'postline-log-')
  assert.equal(logFolderIn(userData), path.join(userData, 'logs'))
  const file = path.join(logFolderIn(userData), LOG_FILE)
  const log = createLogger(fileLogSink(file, 2000))
  const token = `1//0g${randomBytes(60).toString('base64url')}`

  log.error('Refreshing failed', { account: 'ada@example.com', error: `invalid_grant ${token}` })
  const first = await readFile(file, 'utf8')
  assert.match(
    first,
    /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[error\] Refreshing failed {"account":"ada@example.com","error":"invalid_grant \[refresh-token\]"}\n$/,
  )
  assert.equal((await stat(file)).mode & 0o777, 0o600, 'only the person can read the log')

  for (let i = 0; i < 60; i++) log.info(`line ${i} ${'-'.repeat(60)}`)
  assert.deepEqual((await readdir(logFolderIn(userData))).sort(), [
    'postline.log',
    'postline.old.log',
  ])
  const current = await readFile(file, 'utf8')
  const old = await readFile(path.join(userData, LOG_FOLDER, 'postline.old.log'), 'utf8')
  for (const text of [current, old]) {
    assert.ok(Buffer.byteLength(text) <= 2000 + 200, 'each file stays near the maximum size')
  }
  assert.match(current, /line 59 -/, 'the newest line is in the current file')
  assert.doesNotMatch(current + old, /line 0 -/, 'the oldest lines were rotated away')
  assert.ok(!(current + old).includes(token))
})

test('a log file that cannot be written loses the line, not the app, and the console still gets it', async (t) => {
  const userData = await tempDir(t, 'postline-log-broken-')
  await writeFile(path.join(userData, 'logs'), 'a file where the folder should be')
  const printed: string[] = []
  // electron-log keeps its own reference to console.error, which writes to stderr.
  t.mock.method(process.stderr, 'write', (chunk: unknown) => {
    printed.push(String(chunk))
    return true
  })
  const console_ = recording()
  const log = createLogger(fileLogSink(path.join(userData, 'logs', LOG_FILE)), console_.sink)
  log.error('Sending failed', { status: 500 })
  assert.deepEqual(console_.lines, [{ level: 'error', line: 'Sending failed {"status":500}' }])
  assert.ok(
    printed.some((line) => line.includes("Can't write to")),
    `electron-log says why on the console: ${printed.join(' | ')}`,
  )
})
