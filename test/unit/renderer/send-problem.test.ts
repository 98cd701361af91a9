import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { AttachmentView } from '../../../src/shared/domain'
import type { PostlineError } from '../../../src/shared/errors'
import * as size from '../../../src/shared/message-size'
import { loadRenderer } from './load-renderer'

interface Sendable {
  to: string[]
  cc: string[]
  bcc: string[]
  attachments: AttachmentView[]
}
let sendProblem: (message: Sendable) => PostlineError | null

before(async () => {
  ;({ sendProblem } = await loadRenderer<{ sendProblem: typeof sendProblem }>('send-problem.ts'))
})

const file = (size: number): AttachmentView => ({
  id: `file-${size}`,
  name: 'a.bin',
  size,
  mimeType: 'application/octet-stream',
})

test('a message needs a recipient', () => {
  const problem = sendProblem({ to: [], cc: [], bcc: [], attachments: [] })
  assert.equal(problem?.code, 'invalid-address')
  assert.deepEqual(problem?.params, { detail: 'noRecipient' })
})

test('an invalid entry is named with its field, for the window to word', () => {
  const problem = sendProblem({ to: ['ok@example.com'], cc: ['bob@'], bcc: [], attachments: [] })
  assert.equal(problem?.code, 'invalid-address')
  assert.deepEqual(problem?.params, {
    detail: 'badRecipient',
    entry: 'bob@',
    field: 'cc',
    problem: 'nothingAfter',
  })
})

test('attachments over 35 MB once encoded are refused before main is asked', () => {
  const justUnder = Math.floor(size.GMAIL_MAX_MESSAGE_BYTES / 1.37)
  assert.equal(
    sendProblem({ to: ['a@b.co'], cc: [], bcc: [], attachments: [file(justUnder)] }),
    null,
  )
  const over = sendProblem({
    to: ['a@b.co'],
    cc: [],
    bcc: [],
    attachments: [file(27 * 1024 * 1024)],
  })
  assert.equal(over?.code, 'too-large')
  assert.deepEqual(over?.params, {
    detail: 'tooLargeEstimate',
    size: size.encodedSize(27 * 1024 * 1024),
    limit: size.GMAIL_MAX_MESSAGE_BYTES,
  })
  assert.equal(
    over?.message,
    'This message would be about 37.0 MB; Gmail accepts up to 35 MB. Remove an attachment and send again.',
    'the English sentence stays for a developer’s eye',
  )
})

test('the encoded estimate grows by base64 and line breaks (about 37%)', () => {
  assert.equal(size.encodedSize(76 * 3), 78 * 4)
  assert.equal(size.formatBytes(1), '1 byte')
  assert.equal(size.formatBytes(48_000), '46.9 KB')
  assert.equal(size.formatBytes(size.GMAIL_MAX_MESSAGE_BYTES), '35.0 MB')
  assert.equal(size.formatBytes(size.GMAIL_MAX_MESSAGE_BYTES + 1, { roundUp: true }), '35.1 MB')
  assert.equal(size.formatLimit(size.GMAIL_MAX_MESSAGE_BYTES), '35 MB')
  assert.equal(size.base64Length(57), 76)
  assert.equal(size.base64Length(58), 76 + 2 + 4)
  assert.equal(size.base64Length(4, { lines: false, padding: false }), 6)
})
