import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { CONTENT_SECURITY_POLICY } from '../../src/main/window-options'
import { watchedPage } from '../helpers/chromium'

const REPO_ROOT = path.resolve(__dirname, '../..')

/** A component mounted alone in a page of its own, served on loopback. */
export interface Harness {
  readonly page: Page
  /** Console errors and uncaught page errors. */
  readonly problems: readonly string[]
  close(): Promise<void>
}

/**
 * Bundles `entrySource` (TSX that mounts one component into `#root`; imports resolve from the
 * repository root) with the window's stylesheet, serves it with the app's CSP on 127.0.0.1 and
 * opens it in a new browser context. The entry is a string, like the e2e bridge's init script,
 * because the Node tsconfig that checks the tests has no DOM types.
 */
export async function mountHarness(
  browser: Browser,
  entrySource: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<Harness> {
  const result = await build({
    stdin: {
      contents: entrySource,
      loader: 'tsx',
      resolveDir: REPO_ROOT,
      sourcefile: 'harness.tsx',
    },
    bundle: true,
    write: false,
    outdir: path.join(REPO_ROOT, '.tmp/harness'),
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  })
  const files = new Map<string, { type: string; body: string }>()
  for (const file of result.outputFiles) {
    const name = `/${path.basename(file.path)}`
    const type = name.endsWith('.css') ? 'text/css' : 'text/javascript'
    files.set(name, { type: `${type}; charset=utf-8`, body: file.text })
  }
  const css = [...files.keys()].find((name) => name.endsWith('.css'))
  const js = [...files.keys()].find((name) => name.endsWith('.js'))
  files.set('/', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Harness</title>
${css ? `<link rel="stylesheet" href="${css}">` : ''}</head>
<body><main id="root" class="harness"></main><script type="module" src="${js}"></script></body></html>`,
  })

  const server: Server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname)
    if (!file) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    })
    response.end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const { context, page, problems } = await watchedPage(browser, {
    viewport: { width: 720, height: 420 },
    colorScheme: options.colorScheme ?? 'light',
  })
  await page.goto(`http://127.0.0.1:${port}/`)
  return {
    page,
    problems,
    async close() {
      await context.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
