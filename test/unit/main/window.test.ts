import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import {
  CONTENT_SECURITY_POLICY,
  RENDERER_ORIGIN,
  RENDERER_URL,
  rendererFileFor,
  windowOptions,
} from '../../../src/main/window-options'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

test('the window is isolated, sandboxed and has no Node in the page', () => {
  const preload = path.join('/app', 'dist', 'preload', 'preload.js')
  const web = windowOptions(preload).webPreferences
  assert.ok(web)
  assert.equal(web.preload, preload)
  assert.equal(web.contextIsolation, true)
  assert.equal(web.sandbox, true)
  assert.equal(web.nodeIntegration, false)
  assert.equal(web.nodeIntegrationInSubFrames, false)
  assert.equal(web.nodeIntegrationInWorker, false)
  assert.equal(web.webSecurity, true)
  assert.equal(web.allowRunningInsecureContent, false)
  assert.equal(web.webviewTag, false)
  assert.equal(web.disableBlinkFeatures, 'Auxclick')
  assert.equal(web.devTools, false)
})

test('the window opens at the remembered bounds and never shrinks below the minimum size', () => {
  const options = windowOptions('/p.js', { x: -800, y: 40, width: 900, height: 700 })
  assert.deepEqual(
    [options.x, options.y, options.width, options.height, options.minWidth, options.minHeight],
    [-800, 40, 900, 700, 640, 480],
  )
  const fresh = windowOptions('/p.js')
  assert.deepEqual([fresh.x, fresh.y, fresh.width, fresh.height], [undefined, undefined, 1100, 760])
})

test('the CSP allows only Postline’s own scripts, no eval and no network', () => {
  const csp = directives(CONTENT_SECURITY_POLICY)
  assert.deepEqual(csp.get('default-src'), ["'self'"])
  assert.deepEqual(csp.get('script-src'), ["'self'"])
  assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"])
  assert.deepEqual(csp.get('img-src'), ["'self'", 'data:'])
  for (const name of ['connect-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
    assert.deepEqual(csp.get(name), ["'none'"], name)
  }
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|https?:|\*/)
})

test('the renderer loads from its own app:// origin', () => {
  assert.equal(RENDERER_ORIGIN, 'app://postline')
  assert.equal(RENDERER_URL, 'app://postline/index.html')
})

test('DevTools exist only in a development run', () => {
  assert.equal(windowOptions('/p.js').webPreferences?.devTools, false, 'off unless asked for')
  assert.equal(
    windowOptions('/p.js', undefined, { devTools: false }).webPreferences?.devTools,
    false,
  )
  assert.equal(windowOptions('/p.js', undefined, { devTools: true }).webPreferences?.devTools, true)
})

test('renderer requests map to files inside the renderer folder only', () => {
  const root = path.resolve('/app/dist/renderer')
  assert.equal(rendererFileFor('app://postline/', root), path.join(root, 'index.html'))
  assert.equal(rendererFileFor('app://postline/index.html', root), path.join(root, 'index.html'))
  assert.equal(
    rendererFileFor('app://postline/assets/index-1a2b.js?v=1#x', root),
    path.join(root, 'assets', 'index-1a2b.js'),
  )
  assert.equal(
    rendererFileFor('app://postline/assets/a%20b.css', root),
    path.join(root, 'assets', 'a b.css'),
  )
  for (const url of [
    'app://postline/../../etc/passwd',
    'app://postline/%2e%2e/%2e%2e/etc/passwd',
    'app://postline/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://postline/..%5c..%5csecret',
    'app://postline/a%00b',
    'app://postline/%E0%A4%A',
  ]) {
    const file = rendererFileFor(url, root)
    assert.ok(file === null || file.startsWith(root + path.sep), `${url} → ${file}`)
  }
  assert.equal(rendererFileFor('app://postline/a%00b', root), null)
  assert.equal(rendererFileFor('app://other/index.html', root), null)
  assert.equal(rendererFileFor('https://postline/index.html', root), null)
})
