import { chromium, type Browser } from 'playwright-core'

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
