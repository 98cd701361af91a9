// The page the browser lands on after Google's consent (the loopback listener's answer) speaks
// the browser's language: Chromium started with a locale sends it as Accept-Language.
import { after, before, test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'playwright-core'
import type { Sandbox } from '../../../src/sandbox/index'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { launchChromium } from '../../helpers/chromium'
import { tempDir } from '../../helpers/temp-dir'
import { GRACE, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))
let browser: Browser
before(async () => {
  browser = await launchChromium()
})
after(() => browser.close())

interface Landing {
  readonly lang: string
  readonly text: string
  readonly acceptLanguage: string
}

/**
 * Adds Grace through the consent page in a Chromium whose language is `locale`; answers the
 * add's result and what the browser showed at the end.
 */
async function signInWithBrowserIn(
  t: TestContext,
  locale: string,
  { refuseGmailSend = false, systemLanguages = ['en-US'] } = {},
) {
  const context = await browser.newContext({ locale })
  t.after(() => context.close())
  let landed!: (landing: Landing) => void
  let broke!: (error: unknown) => void
  const landing = new Promise<Landing>((resolve, reject) => {
    landed = resolve
    broke = reject
  })
  const { core } = await startCore(
    t,
    sandboxOptions(
      sandbox,
      await tempDir(t),
      testService(),
      async (url) => {
        void (async () => {
          const page = await context.newPage()
          await page.goto(url)
          await page.getByLabel(/Grace Hopper/).check()
          if (refuseGmailSend) await page.locator(`input[value="${GMAIL_SEND_SCOPE}"]`).uncheck()
          const request = page.waitForRequest(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback/)
          await Promise.all([
            page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback/),
            page.locator('button[value="allow"]').click(),
          ])
          const headers = await (await request).allHeaders()
          landed({
            lang: (await page.locator('html').getAttribute('lang')) ?? '',
            text: await page.locator('body').innerText(),
            acceptLanguage: headers['accept-language'] ?? '',
          })
        })().catch(broke)
      },
      { systemLanguages },
    ),
  )
  const added = await core.handlers['accounts.add'](undefined)
  return { added, landing: await landing }
}

test('a Brazilian browser lands on the return page in Portuguese', async (t) => {
  const { added, landing } = await signInWithBrowserIn(t, 'pt-BR')
  assert.equal(ok(added).email, GRACE)
  assert.match(landing.acceptLanguage, /^pt-BR/)
  assert.equal(landing.lang, 'pt-BR')
  assert.match(landing.text, /Conectado como grace@sandbox\.test/)
  assert.match(landing.text, /Você pode fechar esta aba e voltar ao Postline\./)
  assert.doesNotMatch(landing.text, /Signed in|close this tab/)
})

test('a Spanish-speaking browser lands on the return page in Spanish, errors included', async (t) => {
  const signedIn = await signInWithBrowserIn(t, 'es-MX')
  assert.equal(ok(signedIn.added).email, GRACE)
  assert.match(signedIn.landing.acceptLanguage, /^es-MX/)
  assert.equal(signedIn.landing.lang, 'es')
  assert.match(signedIn.landing.text, /Sesión iniciada como grace@sandbox\.test/)
  assert.match(signedIn.landing.text, /Puedes cerrar esta pestaña y volver a Postline\./)

  // Google adds the scopes an earlier grant holds (include_granted_scopes): without it, as after
  // a revocation, an unticked "Send email" is really not granted.
  sandbox.revokeGrant(GRACE)
  const refused = await signInWithBrowserIn(t, 'es', { refuseGmailSend: true })
  assert.equal(failed(refused.added).code, 'scope-not-granted')
  assert.equal(refused.landing.lang, 'es')
  assert.match(refused.landing.text, /Postline no pudo completar el inicio de sesión/)
  assert.match(refused.landing.text, /Enviar correos electrónicos en tu nombre/)
  assert.doesNotMatch(refused.landing.text, /could not finish|Return to Postline/)
})

test('a browser in a language Postline does not speak gets the app’s language', async (t) => {
  const { landing } = await signInWithBrowserIn(t, 'fr-FR', { systemLanguages: ['pt-PT'] })
  assert.match(landing.acceptLanguage, /^fr-FR/)
  assert.equal(landing.lang, 'pt-BR')
  assert.match(landing.text, /Conectado como grace@sandbox\.test/)
})
