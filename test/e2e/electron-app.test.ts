import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { _electron } from 'playwright-core'
import { OPEN_EXTERNAL_STDOUT_PREFIX, TEST_OPEN_EXTERNAL_ENV } from '../../src/main/config'
import { WINDOW_STATE_FILE } from '../../src/main/window-state'
import { answerConsent } from '../helpers/consent'
import { tempDir } from '../helpers/temp-dir'

const ROOT = path.resolve(__dirname, '../..')
const ADA = 'ada@sandbox.test'

/**
 * The Electron executable the `electron` package has downloaded, or null when it has none. Read
 * from the package's files rather than `require('electron')`, which since Electron 45 starts a
 * download when the binary is missing (a network call a test must not make).
 */
function electronBinary(): string | null {
  const folder = path.join(ROOT, 'node_modules', 'electron')
  try {
    const executable = readFileSync(path.join(folder, 'path.txt'), 'utf8').trim()
    const candidate = path.join(folder, 'dist', executable)
    return executable !== '' && existsSync(candidate) ? candidate : null
  } catch {
    return null
  }
}

const ELECTRON = electronBinary()

/** Why the real app cannot run here, or false when it can. */
function skipReason(): string | false {
  if (ELECTRON === null) {
    return 'Electron binary not downloaded (node_modules/electron/dist is missing; `npx install-electron` fetches it)'
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for the Electron window (set DISPLAY, or run under xvfb-run)'
  }
  return false
}

/** The URLs the app would open in the browser, read from its stdout (see TEST_OPEN_EXTERNAL_ENV). */
function externalUrls(child: ChildProcess): { next(): Promise<string> } {
  const seen: string[] = []
  const waiting: ((url: string) => void)[] = []
  if (child.stdout === null) throw new Error('the app’s stdout is not piped')
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith(OPEN_EXTERNAL_STDOUT_PREFIX)) return
    const url = line.slice(OPEN_EXTERNAL_STDOUT_PREFIX.length)
    const waiter = waiting.shift()
    if (waiter) waiter(url)
    else seen.push(url)
  })
  return {
    next: () => {
      const url = seen.shift()
      return url !== undefined
        ? Promise.resolve(url)
        : new Promise((resolve) => waiting.push(resolve))
    },
  }
}

test(
  'the real Electron app adds a sandbox account through the consent page and remembers its window',
  { skip: skipReason(), timeout: 120_000 },
  async (t) => {
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
      cwd: ROOT,
    })
    const home = await tempDir(t, 'postline-electron-')
    const env: Record<string, string> = {}
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value
    }
    // A user-data folder of its own (Electron derives it from these), and no real browser.
    Object.assign(env, {
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      [TEST_OPEN_EXTERNAL_ENV]: 'stdout',
    })
    // Chromium refuses to run as root with its own sandbox (containers); the page's
    // `sandbox: true` web preference is unaffected.
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : []
    const app = await _electron.launch({
      executablePath: ELECTRON!,
      args: ['.', '--sandbox', ...rootOnly],
      cwd: ROOT,
      env,
    })
    let closed = false
    t.after(async () => {
      if (!closed) await app.close()
    })
    const urls = externalUrls(app.process())

    const page = await app.firstWindow()
    await page.getByRole('button', { name: 'Add Google account' }).first().click()
    const visit = await answerConsent(await urls.next(), { identity: ADA })
    assert.match(visit.finalPage, /Signed in as ada@sandbox\.test/)
    await page.getByRole('listitem').filter({ hasText: ADA }).waitFor()

    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))
    assert.ok(userData.startsWith(home), `user data in the test’s folder: ${userData}`)
    await app.close()
    closed = true
    const state = JSON.parse(await readFile(path.join(userData, WINDOW_STATE_FILE), 'utf8')) as {
      width: number
      height: number
    }
    assert.ok(state.width >= 640 && state.height >= 480, 'the window’s size was saved on close')
  },
)
