import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { startSandbox, type Sandbox } from '../../../src/sandbox/index'
import { ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { launchChromium } from '../../helpers/chromium'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
let browser: Browser
before(async () => {
  sandbox = await startSandbox()
  browser = await launchChromium()
})
after(async () => {
  await browser.close()
  await sandbox.close()
})

test('a person signs in through the consent page in a real browser and lands on the return page', async (t) => {
  const service = testService()
  let page: Page | undefined
  let landed!: (text: string) => void
  const returnPage = new Promise<string>((resolve) => (landed = resolve))
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), service, async (url) => {
      // Like shell.openExternal: hand the URL to the browser and return; the person acts later.
      void (async () => {
        page = await browser.newPage()
        await page.goto(url)
        await page.getByLabel(/Grace Hopper/).check()
        await Promise.all([
          page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback/),
          page.getByRole('button', { name: 'Allow' }).click(),
        ])
        landed(await page.locator('body').innerText())
      })()
    }),
  )
  const account = ok(await core.handlers['accounts.add'](undefined))
  assert.equal(account.email, 'grace@sandbox.test')
  assert.match(await returnPage, /Signed in as grace@sandbox\.test[\s\S]*return to Postline/)
  assert.deepEqual(
    (await secretToolSearch(service)).map((e) => e.account),
    ['grace@sandbox.test'],
  )
  // The code is in the address bar of that tab; the page must not pass it on or stay cached.
  assert.equal(await page!.evaluate('document.referrer'), '')
  await page!.close()
})
