import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import type { Core } from '../../src/main/core-types'
import { launchChromium } from '../../test/helpers/chromium'
import { openRenderer, type OpenRenderer } from '../../test/helpers/e2e-bridge'
import { tempFolder } from './core-home'

const REPO_ROOT = path.resolve(__dirname, '../..')
const run = promisify(execFile)

/**
 * Builds the renderer with the project's vite.config.mts into a temp folder (with a manifest),
 * so a benchmark never empties dist/renderer under someone else's e2e run; under
 * scripts/bench.mjs, the one build it made for every benchmark (BENCH_RENDERER_DIR).
 */
export async function buildRenderer(): Promise<{ dir: string; remove(): Promise<void> }> {
  // scripts/bench.mjs builds once for every benchmark that opens the window.
  const shared = process.env.BENCH_RENDERER_DIR
  if (shared) return { dir: shared, remove: async () => {} }
  const dir = await tempFolder('postline-bench-renderer-')
  await run(
    path.join(REPO_ROOT, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir', '--manifest'],
    { cwd: REPO_ROOT },
  )
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** Headless Chromium, as the e2e suite launches it. */
export function chromium(): Promise<Browser> {
  return launchChromium()
}

/**
 * Opens the built renderer through the e2e bridge with `initScript` added to its browser context
 * first, so it runs before the page's own scripts on the very first navigation.
 */
export function openWithInitScript(
  browser: Browser,
  core: Core,
  rendererDir: string,
  initScript: string,
): Promise<OpenRenderer> {
  const withScript = Object.create(browser) as Browser
  withScript.newContext = async (options) => {
    const context = await browser.newContext(options)
    await context.addInitScript({ content: initScript })
    return context
  }
  return openRenderer({ core, browser: withScript, rendererDir })
}
