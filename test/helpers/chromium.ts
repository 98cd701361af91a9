import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'

/** Debian's Chromium; `POSTLINE_CHROMIUM` points elsewhere on machines that keep it elsewhere. */
export const CHROMIUM_PATH = process.env.POSTLINE_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Flags for a quiet, offline headless Chromium: no sandbox (containers have no user
 * namespaces), no GPU, and none of the background traffic Chromium makes on its own.
 *
 * Without Chrome's navigation predictor, as in Postline's window: Blink's
 * AnchorElementMetricsSender runs only on http(s) pages (the window is on `app://`) and reports
 * to a browser side only Chrome has. Here, where the e2e bridge serves the window over
 * http://127.0.0.1, it watches a random 1 in 100 links with an IntersectionObserver delayed by
 * 100 ms; when one is on screen, every keystroke in the body is followed by a second frame, and
 * the next keystroke waits for vsync (measured: 1.55 frames per keystroke instead of 1.00, p95
 * keystroke to frame about 14 ms instead of 9 on the same page and keys).
 *
 * Without the omnibox's WebUI popups, which a window has no use for: Chromium 156's headless
 * mode loads `chrome://omnibox-popup.top-chrome/` and its AI-mode page (about 400 requests to
 * its own resources) in a renderer of their own whenever a context opens a page. On this 2-core
 * machine that renderer's main thread took about 400 ms of CPU while the window started
 * (Chrome's trace), as much as the window's own; the composer was ready at a median of about
 * 300 ms with it and 200 ms without (`bench/composer-ready.ts`, 2 × 30 starts each,
 * interleaved). Postline's Electron window has no omnibox. `test/e2e/chromium.test.ts` checks
 * that a page opens with no browser UI beside it.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=NavigationPredictor,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
] as const

/** Launches headless Chromium through playwright-core; never downloads a browser of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  })
}

/** A page in a context of its own, and the console errors and uncaught errors it reports. */
export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  return { context, page, problems }
}
