import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PostlineFailure } from '../../../src/main/errors'
import {
  REFUSED_URL_MESSAGE,
  checkExternalUrl,
  openExternalChecked,
} from '../../../src/main/external-url'
import { createLogger, type LogLevel } from '../../../src/main/log'

const hrefOf = (raw: string, httpOrigins?: string[]): string | null => {
  const checked = checkExternalUrl(raw, httpOrigins ? { httpOrigins } : {})
  return checked.ok ? checked.href : null
}

test('https pages are opened by their normalised href', () => {
  assert.equal(hrefOf('https://example.com'), 'https://example.com/')
  assert.equal(hrefOf('HTTPS://Example.COM/a/../b?q=1#x'), 'https://example.com/b?q=1#x')
  assert.equal(hrefOf('https://example.com/a b'), 'https://example.com/a%20b')
  assert.equal(hrefOf('  https://example.com/\n'), 'https://example.com/')
  assert.equal(hrefOf('https://xn--bcher-kva.example/'), 'https://xn--bcher-kva.example/')
  assert.equal(hrefOf('https://bücher.example/'), 'https://xn--bcher-kva.example/')
})

test('a web address with a user name or password is refused: it reads as one host and opens another', () => {
  assert.equal(hrefOf('https://accounts.google.com@evil.example/'), null)
  assert.equal(hrefOf('https://user:pass@example.com/'), null)
})

test('http only on the origins the caller names (the sandbox)', () => {
  const sandbox = 'http://127.0.0.1:43123'
  assert.equal(hrefOf('http://example.com/'), null)
  assert.equal(hrefOf('http://127.0.0.1:43123/o/oauth2/v2/auth?a=1'), null, 'not without a name')
  assert.equal(
    hrefOf('http://127.0.0.1:43123/o/oauth2/v2/auth?a=1', [sandbox]),
    'http://127.0.0.1:43123/o/oauth2/v2/auth?a=1',
  )
  assert.equal(hrefOf('http://127.0.0.1:43124/', [sandbox]), null, 'another port')
  assert.equal(hrefOf('http://localhost:43123/', [sandbox]), null, 'another host name')
})

test('a plain mail address, with subject, body, cc and bcc at most', () => {
  assert.equal(hrefOf('mailto:ada@example.com'), 'mailto:ada@example.com')
  assert.equal(
    hrefOf('mailto:ada@example.com,bob@example.com'),
    'mailto:ada@example.com,bob@example.com',
  )
  assert.equal(
    hrefOf(
      'mailto:ada@example.com?Subject=Hello%20there&body=Line%201%0D%0ALine%202&cc=b@example.com&BCC=c@example.com',
    ),
    'mailto:ada@example.com?Subject=Hello%20there&body=Line%201%0D%0ALine%202&cc=b@example.com&BCC=c@example.com',
  )
})

test('a mail link that could attach files or smuggle fields is refused', () => {
  for (const url of [
    'mailto:ada@example.com?attach=/home/ada/.ssh/id_ed25519',
    'mailto:ada@example.com?attachment=file:///etc/passwd',
    'mailto:ada@example.com?subject=x&Attachment=%2Fetc%2Fshadow',
    'mailto:ada@example.com?%61ttach=/etc/passwd',
    'mailto:ada@example.com?to=eve@example.com',
    'mailto:ada@example.com?x-thunderbird=1',
    'mailto:ada@example.com%3Fattach=/etc/passwd',
    'mailto:ada@example.com%26attach=/etc/passwd',
    'mailto:ada@example.com?subject=Hi%0D%0ABcc:%20eve@example.com',
    'mailto:ada@example.com?cc=a@example.com%0Aattach=/etc/passwd',
    'mailto:ada@example.com#attach=/etc/passwd',
    'mailto:ada%0A@example.com',
    'mailto:%E0%A4%A',
  ]) {
    assert.equal(hrefOf(url), null, url)
  }
})

test('every other scheme is refused, and so is what is not a URL', () => {
  for (const url of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://postline/index.html',
    'smb://host/share',
    'ms-settings:',
    'ftp://example.com/',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'not a url',
    '',
    '//example.com/',
  ]) {
    const checked = checkExternalUrl(url)
    assert.equal(checked.ok, false, url)
  }
  assert.deepEqual(checkExternalUrl('file:///etc/passwd'), {
    ok: false,
    reason: 'scheme not allowed',
    scheme: 'file:',
  })
})

test('opening hands only the checked href over; a refusal is logged and is invalid-input', async () => {
  const opened: string[] = []
  const logged: { level: LogLevel; line: string }[] = []
  const log = createLogger((level, line) => logged.push({ level, line }))
  const open = async (href: string): Promise<void> => {
    opened.push(href)
  }

  await openExternalChecked('HTTPS://Example.com/a/../b', open, log)
  assert.deepEqual(opened, ['https://example.com/b'])
  assert.deepEqual(logged, [])

  const refused = openExternalChecked(
    'mailto:ada@example.com?attach=/home/ada/secret-plans.pdf',
    open,
    log,
  )
  await assert.rejects(refused, (error: unknown) => {
    assert.ok(error instanceof PostlineFailure)
    assert.equal(error.code, 'invalid-input')
    assert.equal(error.message, REFUSED_URL_MESSAGE)
    return true
  })
  assert.deepEqual(opened, ['https://example.com/b'], 'nothing more was opened')
  assert.deepEqual(logged, [
    {
      level: 'warn',
      line: 'Refused to open a link outside Postline {"scheme":"mailto:","reason":"mailto field not allowed"}',
    },
  ])
  assert.ok(!JSON.stringify(logged).includes('secret-plans'), 'the URL itself is not logged')
})
