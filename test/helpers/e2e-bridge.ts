import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { build } from 'esbuild'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Core } from '../../src/main/core-types'
import { rendererAnswer } from '../../src/main/renderer-files'
import { RENDERER_ORIGIN } from '../../src/main/window-options'
import {
  EVENT_NAMES,
  INVOKE_CHANNELS,
  type EventName,
  type EventPayloads,
  type InvokeChannel,
} from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { watchedPage } from './chromium'

const REPO_ROOT = path.resolve(__dirname, '../..')
/** Where `vite build` puts the renderer (vite.config.mts). */
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist/renderer')

const INVOKE_BINDING = '__postlineInvoke'
const DISPATCH_FUNCTION = '__postlineDispatch'
const DROP_PATHS_FUNCTION = '__postlineRegisterDropPath'

/**
 * The page-side half of the bridge, bundled at test time around the same `createApi` the
 * preload uses, so the verbs the renderer sees here cannot drift from the app's.
 */
const INIT_SOURCE = `
import { createApi } from ${JSON.stringify(path.join(REPO_ROOT, 'src/shared/api.ts'))}

const listeners = new Map()
const page = window

Object.defineProperty(page, ${JSON.stringify(DISPATCH_FUNCTION)}, {
  value(event, payload) {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        setTimeout(() => { throw error })
      }
    }
  },
})

// Test-only stand-in for the preload's \`webUtils.getPathForFile\`: a page cannot know where a
// dropped file lives on disk, so the test registers the path for each file name it will drop.
const dropPaths = new Map()
Object.defineProperty(page, ${JSON.stringify(DROP_PATHS_FUNCTION)}, {
  value(name, filePath) {
    dropPaths.set(name, filePath)
  },
})

const api = createApi(
  (channel, input) => page[${JSON.stringify(INVOKE_BINDING)}](channel, input),
  (event, listener) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => void set.delete(listener)
  },
  (files) => files.flatMap((file) => (dropPaths.has(file.name) ? [dropPaths.get(file.name)] : [])),
)
Object.defineProperty(page, 'postline', { value: Object.freeze({ ...api, accounts: Object.freeze(api.accounts) }) })
`

let initScript: Promise<string> | undefined

function bundleInitScript(): Promise<string> {
  initScript ??= build({
    stdin: {
      contents: INIT_SOURCE,
      loader: 'ts',
      resolveDir: REPO_ROOT,
      sourcefile: 'e2e-bridge-init.ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text)
  return initScript
}

/**
 * Serves the built renderer on loopback with the app's own CSP header: module scripts do not
 * load from `file:`, and an HTTP origin of its own is what `'self'` means in the app too.
 */
async function serveRenderer(rootDir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    // The same answer the window gives on app://postline/ (src/main/renderer-files.ts).
    const answer = rendererAnswer(new URL(request.url ?? '/', RENDERER_ORIGIN).toString(), rootDir)
    if (answer.status === 404) {
      response.writeHead(404).end()
      return
    }
    readFile(answer.file).then(
      (body) => {
        response.writeHead(200, answer.headers)
        response.end(body)
      },
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/index.html`, server }
}

/** The renderer, open in a page of its own and wired to a core. */
export interface OpenRenderer {
  readonly page: Page
  readonly context: BrowserContext
  /** Console errors, uncaught page errors and failed requests, CSP refusals among them. */
  readonly problems: readonly string[]
  /**
   * Test-only: the path the bridge's `pathsForFiles` answers for a dropped file of this name
   * (in the app, the preload asks Electron's `webUtils.getPathForFile`). Lost on reload.
   */
  registerDroppedFile(name: string, filePath: string): Promise<void>
  /**
   * Sends the page an event main sends without the core (main.ts's `webContents.send`, such
   * as `menu.action` for a menu click), as the preload delivers it.
   */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): Promise<void>
  close(): Promise<void>
}

/** How to open the renderer. */
export interface OpenRendererOptions {
  readonly core: Core
  readonly browser: Browser
  readonly colorScheme?: 'light' | 'dark'
  /** The window's size; Postline's window is about 900x650 at its smallest comfortable size. */
  readonly viewport?: { width: number; height: number }
  readonly rendererDir?: string
}

function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel)
}

/**
 * Opens the built renderer in a new browser context and gives it the preload's contract:
 * `window.postline` built by `createApi`, invokes answered by `core.handlers`, and every event
 * in `EVENT_NAMES` forwarded from the core to the page in the order the core emits them.
 */
export async function openRenderer(options: OpenRendererOptions): Promise<OpenRenderer> {
  const { core, browser } = options
  const rendererDir = path.resolve(options.rendererDir ?? RENDERER_DIR)
  const [script, served] = await Promise.all([bundleInitScript(), serveRenderer(rendererDir)])
  const { context, page, problems } = await watchedPage(browser, {
    viewport: options.viewport ?? { width: 900, height: 650 },
    colorScheme: options.colorScheme ?? 'light',
  })
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`))

  await page.exposeBinding(
    INVOKE_BINDING,
    async (_source, channel: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isInvokeChannel(channel)) {
        return { ok: false, error: { code: 'invalid-input', message: 'Unknown channel.' } }
      }
      return core.handlers[channel](input)
    },
  )
  await page.addInitScript({ content: script })

  let closed = false
  const unsubscribes = EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      if (closed) return
      // Like `webContents.send`, an event sent before the page listens (or while it navigates)
      // is dropped: the renderer asks `accounts.list()` once it is up.
      page
        .evaluate(
          ([name, fn, body]) => {
            const dispatch = (globalThis as Record<string, unknown>)[fn]
            if (typeof dispatch === 'function') dispatch(name, body)
          },
          [event, DISPATCH_FUNCTION, payload] as const,
        )
        .catch((error: unknown) => {
          if (!closed && !/context was destroyed|closed/i.test(String(error))) {
            problems.push(`event ${event} not delivered: ${String(error)}`)
          }
        })
    }),
  )

  await page.goto(served.url)

  return {
    page,
    context,
    problems,
    async registerDroppedFile(name, filePath) {
      await page.evaluate(
        ([fn, fileName, onDisk]) => {
          const register = (globalThis as Record<string, unknown>)[fn]
          if (typeof register === 'function') register(fileName, onDisk)
        },
        [DROP_PATHS_FUNCTION, name, filePath] as const,
      )
    },
    async emit(event, payload) {
      await page.evaluate(
        ([fn, name, body]) => {
          const dispatch = (globalThis as Record<string, unknown>)[fn]
          if (typeof dispatch === 'function') dispatch(name, body)
        },
        [DISPATCH_FUNCTION, event, payload] as const,
      )
    },
    async close() {
      closed = true
      for (const unsubscribe of unsubscribes) unsubscribe()
      await context.close()
      await new Promise<void>((resolve) => served.server.close(() => resolve()))
    },
  }
}

let axeSource: Promise<string> | undefined

/** One accessibility rule the page breaks, as axe-core reports it. */
export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: readonly string[]
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * renderer keeps its CSP while it is scanned.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(await axeSource)
  const violations = await page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: unknown[] }[]
      }[]
    }
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe
    const result = await axe.run()
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
  })
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
}
