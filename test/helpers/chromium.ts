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
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
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
