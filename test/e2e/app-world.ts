// The world the composer's e2e tests run in: the sandbox (Google), the person's browser, a data
// folder and a keychain service that outlive one run of the app, and the app itself (the real
// core behind the e2e bridge). Kept apart from the tests so each test file reads as a story.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before } from 'node:test'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { createCore, type CoreInternals, type PostlineCore } from '../../src/main/core'
import type { CoreOptions } from '../../src/main/core-types'
import type { Logger } from '../../src/main/log'
import { startSandbox, type Sandbox } from '../../src/sandbox'
import { launchChromium } from '../helpers/chromium'
import { openRenderer, seriousAxeViolations, type OpenRenderer } from '../helpers/e2e-bridge'

export const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots')

/**
 * The one headless Chromium a suite file runs in: launched before its first test (with the
 * screenshot folder ready), closed after its last. Call once at the top of the file; the
 * answer gives the browser while tests run.
 */
export function suiteBrowser(): () => Browser {
  let browser: Browser | undefined
  before(async () => {
    browser = await launchChromium()
    await mkdir(SCREENSHOTS, { recursive: true })
  })
  after(async () => {
    await browser?.close()
  })
  return () => {
    if (browser === undefined) throw new Error('The suite browser is used before it started')
    return browser
  }
}

/** The person's browser: every URL the core opens becomes a new tab here. */
export class PersonsBrowser {
  private readonly opened: Page[] = []
  private readonly waiting: ((page: Page) => void)[] = []

  private constructor(readonly context: BrowserContext) {}

  static async open(browser: Browser): Promise<PersonsBrowser> {
    return new PersonsBrowser(await browser.newContext({ viewport: { width: 800, height: 700 } }))
  }

  readonly openExternal = async (url: string): Promise<void> => {
    const page = await this.context.newPage()
    page.goto(url).catch(() => {})
    const waiter = this.waiting.shift()
    if (waiter) waiter(page)
    else this.opened.push(page)
  }

  nextPage(): Promise<Page> {
    const page = this.opened.shift()
    if (page) return Promise.resolve(page)
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  close(): Promise<void> {
    return this.context.close()
  }
}

/** What outlives one run of the app. */
export interface World {
  readonly browser: Browser
  readonly sandbox: Sandbox
  readonly person: PersonsBrowser
  readonly dataDir: string
  /** Where the test writes the files it attaches. */
  readonly filesDir: string
  readonly keychainService: string
  /** What main's open dialog answers next (each call takes one entry; none means cancelled). */
  readonly chosenFiles: string[][]
  close(): Promise<void>
}

export async function startWorld(browser: Browser): Promise<World> {
  const sandbox = await startSandbox()
  const person = await PersonsBrowser.open(browser)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'postline-e2e-'))
  const filesDir = path.join(dataDir, 'files-to-attach')
  await mkdir(filesDir)
  return {
    browser,
    sandbox,
    person,
    dataDir,
    filesDir,
    keychainService: `Postline Test ${randomUUID()}`,
    chosenFiles: [],
    async close() {
      await person.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** One run of the app. */
export interface App {
  readonly core: PostlineCore
  readonly renderer: OpenRenderer
  readonly page: Page
  close(): Promise<void>
}

/** The undo delay in these tests: long enough to press Undo, short enough to wait out. */
export const UNDO_DELAY_MS = 3_000

export async function startApp(
  world: World,
  internals: CoreInternals = {},
  {
    languages = ['en-US'],
    log,
    options,
  }: {
    languages?: readonly string[]
    /** Main's log (CoreOptions.log), for a test that reads what main logged. */
    log?: Logger
    /** More core options (a test clock and its ticker). */
    options?: Pick<CoreOptions, 'clock' | 'ticker'>
  } = {},
): Promise<App> {
  const core = await createCore(
    {
      dataDir: world.dataDir,
      keychainService: world.keychainService,
      mode: 'sandbox',
      endpoints: world.sandbox.endpoints,
      clientId: world.sandbox.clientId,
      clientSecret: world.sandbox.clientSecret,
      openExternal: world.person.openExternal,
      chooseFiles: async () => world.chosenFiles.shift() ?? [],
      signInTimeoutMs: 60_000,
      systemLanguages: languages,
      allowPseudoLanguage: true,
      ...(log ? { log } : {}),
      ...options,
    },
    {
      sendTiming: { undoDelayMs: UNDO_DELAY_MS, baseBackoffMs: 500, maxBackoffMs: 2_000 },
      ...internals,
    },
  )
  const renderer = await openRenderer({
    core,
    browser: world.browser,
    viewport: { width: 1000, height: 700 },
  })
  return {
    core,
    renderer,
    page: renderer.page,
    async close() {
      await renderer.close()
      await core.close()
      assert.deepEqual(renderer.problems, [], 'the window logged no errors and broke no CSP rule')
    },
  }
}

/** Runs a test body with a world and one app in it, and closes both whatever happens. */
export async function withApp(
  browser: Browser,
  body: (app: App, world: World) => Promise<void>,
): Promise<void> {
  const world = await startWorld(browser)
  try {
    const app = await startApp(world)
    try {
      await body(app, world)
    } finally {
      await app.close()
    }
  } finally {
    await world.close()
  }
}

/** In the person's browser: picks the identity on the consent page and answers it. */
export async function answerConsent(
  world: World,
  email: string,
  decision: 'Allow' | 'Deny' = 'Allow',
): Promise<Page> {
  const consent = await world.person.nextPage()
  await consent.locator(`input[name="identity"][value="${email}"]`).check()
  await consent.getByRole('button', { name: decision, exact: true }).click()
  await consent.waitForURL((url) => !url.href.startsWith(world.sandbox.url))
  return consent
}

/** The sidebar's entry for an account. */
export function accountItem(page: Page, email: string): Locator {
  return page.getByRole('complementary').getByRole('listitem').filter({ hasText: email })
}

/** Adds an account the way a person does: the button, then the consent page in the browser. */
export async function addAccount(app: App, world: World, email: string): Promise<void> {
  await app.page.getByRole('button', { name: 'Add Google account' }).click()
  await app.page.getByRole('heading', { name: 'Continue in your browser…' }).waitFor()
  const returned = await answerConsent(world, email)
  await returned.getByText('return to Postline').waitFor()
  await accountItem(app.page, email).waitFor()
}

/** Saves the window in light and dark, and checks both with axe-core. */
export async function capture(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${name}-${colorScheme}.png`),
      animations: 'disabled',
    })
    const violations = await seriousAxeViolations(page)
    assert.deepEqual(
      violations,
      [],
      `no serious accessibility problems in ${name} (${colorScheme})`,
    )
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
