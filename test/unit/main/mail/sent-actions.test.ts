import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sentMessageUrl } from '../../../../src/main/mail/sent-actions'
import { checkExternalUrl } from '../../../../src/main/external-url'

test('Open in Gmail: the message by Gmail’s id, in the sending account', () => {
  const url = sentMessageUrl(
    { mode: 'google', gmailRootUrl: 'https://gmail.googleapis.com/' },
    'ada+work@gmail.com',
    '18c2f0a1b2c3d4e5',
  )
  assert.equal(
    url,
    'https://mail.google.com/mail/?authuser=ada%2Bwork%40gmail.com#all/18c2f0a1b2c3d4e5',
  )
  assert.deepEqual(checkExternalUrl(url), { ok: true, href: url })
})

test('on the sandbox: its mailbox page at that message, allowed only for the sandbox origin', () => {
  const url = sentMessageUrl(
    { mode: 'sandbox', gmailRootUrl: 'http://127.0.0.1:40123/' },
    'ada@sandbox.test',
    'abc123',
  )
  assert.equal(url, 'http://127.0.0.1:40123/_sandbox/mailbox.html#message-abc123')
  assert.equal(checkExternalUrl(url).ok, false)
  assert.equal(checkExternalUrl(url, { httpOrigins: ['http://127.0.0.1:40123'] }).ok, true)
})

test('an id with URL syntax in it stays inside the fragment', () => {
  const url = new URL(
    sentMessageUrl(
      { mode: 'google', gmailRootUrl: 'https://gmail.googleapis.com/' },
      'a@b.c',
      'x/../?y#z',
    ),
  )
  assert.equal(url.origin + url.pathname, 'https://mail.google.com/mail/')
  assert.equal(url.search, '?authuser=a%40b.c')
  assert.equal(url.hash, '#all/x%2F..%2F%3Fy%23z')
})
