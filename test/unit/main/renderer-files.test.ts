import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { rendererAnswer } from '../../../src/main/renderer-files'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/window-options'

const root = path.resolve('/tmp/renderer-root')

test('a renderer file is answered with its type, the CSP and nosniff', () => {
  const answer = rendererAnswer('app://postline/assets/index-1a2b.js?v=1', root)
  assert.deepEqual(answer, {
    status: 200,
    file: path.join(root, 'assets/index-1a2b.js'),
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  })
})

test('the root is index.html, and types follow the extension in any case', () => {
  const index = rendererAnswer('app://postline/', root)
  assert.equal(index.status === 200 && index.file, path.join(root, 'index.html'))
  assert.equal(index.status === 200 && index.headers['Content-Type'], 'text/html; charset=utf-8')
  const upper = rendererAnswer('app://postline/logo.SVG', root)
  assert.equal(upper.status === 200 && upper.headers['Content-Type'], 'image/svg+xml')
  const unknown = rendererAnswer('app://postline/notes.txt', root)
  assert.equal(
    unknown.status === 200 && unknown.headers['Content-Type'],
    'application/octet-stream',
  )
  assert.equal(unknown.status === 200 && unknown.headers['X-Content-Type-Options'], 'nosniff')
})

test('nothing outside the renderer folder or origin is served', () => {
  for (const url of [
    'app://postline/../../etc/passwd',
    'app://postline/%2e%2e/%2e%2e/etc/passwd',
    'app://postline/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://postline/..%5c..%5csecret',
  ]) {
    const answer = rendererAnswer(url, root)
    assert.ok(answer.status === 404 || answer.file.startsWith(root + path.sep), url)
  }
  for (const url of [
    'app://postline/a%00b',
    'app://postline/%E0%A4%A',
    'app://other/index.html',
    'http://127.0.0.1/index.html',
  ]) {
    assert.deepEqual(rendererAnswer(url, root), { status: 404 }, url)
  }
})
