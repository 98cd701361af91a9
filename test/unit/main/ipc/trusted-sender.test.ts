import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isTrustedSender, senderFactsOf } from '../../../../src/main/ipc/trusted-sender'
import type { SenderFacts } from '../../../../src/main/ipc/trusted-sender'

const expected = { rendererOrigin: 'app://postline', windowWebContentsId: 3 }
const facts = (overrides: Partial<SenderFacts> = {}): SenderFacts => ({
  frameUrl: 'app://postline/index.html',
  isMainFrame: true,
  senderWebContentsId: 3,
  ...overrides,
})

test('trusts the top frame of the window on the renderer origin', () => {
  assert.equal(isTrustedSender(facts(), expected), true)
  assert.equal(isTrustedSender(facts({ frameUrl: 'app://postline/' }), expected), true)
  assert.equal(
    isTrustedSender(facts({ frameUrl: 'app://postline/index.html#x?y' }), expected),
    true,
  )
})

test('refuses other origins, look-alikes and URLs that do not parse', () => {
  for (const frameUrl of [
    'https://postline/index.html',
    'file:///work/dist/renderer/index.html',
    'app://postline.example/index.html',
    'app://evil@postline/index.html',
    'app://postline:8080/index.html',
    'app:postline/index.html',
    'about:blank',
    'not a url',
    '',
  ]) {
    assert.equal(isTrustedSender(facts({ frameUrl }), expected), false, frameUrl)
  }
})

test('refuses a subframe, a gone frame, another webContents and a closed window', () => {
  assert.equal(isTrustedSender(facts({ isMainFrame: false }), expected), false)
  assert.equal(isTrustedSender(facts({ frameUrl: null }), expected), false)
  assert.equal(isTrustedSender(facts({ senderWebContentsId: 4 }), expected), false)
  assert.equal(isTrustedSender(facts(), { ...expected, windowWebContentsId: null }), false)
})

test('reads the facts from an IPC event', () => {
  const top = { url: 'app://postline/index.html', parent: null }
  assert.deepEqual(senderFactsOf({ sender: { id: 3 }, senderFrame: top }), facts())
  assert.deepEqual(senderFactsOf({ sender: { id: 3 }, senderFrame: { ...top, parent: top } }), {
    ...facts(),
    isMainFrame: false,
  })
  assert.deepEqual(senderFactsOf({ sender: { id: 3 }, senderFrame: null }), {
    frameUrl: null,
    isMainFrame: false,
    senderWebContentsId: 3,
  })
})
