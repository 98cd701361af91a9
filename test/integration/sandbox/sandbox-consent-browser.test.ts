import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import { launchChromium } from '../../helpers/chromium'
import { authorizationUrl, exchangeCode, pkce, sandboxFor } from '../../helpers/oauth-flow'
import type { TokenBody } from '../../helpers/oauth-flow'

let browser: Browser

before(async () => {
  browser = await launchChromium()
})

after(async () => {
  await browser.close()
})

/** A loopback listener like Postline's: it answers the redirect with a small page. */
async function loopbackListener(t: { after(fn: () => unknown): void }): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end('You can close this window.')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/callback`
}

test('a person in Chromium can untick gmail.send and allow, and lands on the loopback redirect', async (t) => {
  const sandbox = await sandboxFor(t)
  const redirectUri = await loopbackListener(t)
  const { verifier, challenge } = pkce()
  const page = await browser.newPage()
  t.after(() => page.close())
  await page.goto(
    authorizationUrl(sandbox, challenge, {
      redirect_uri: redirectUri,
      login_hint: 'zoe@sandbox.test',
    }),
  )
  assert.equal(await page.getByRole('radio', { name: /Zoë Ångström/ }).isChecked(), true)
  await mkdir('test-artifacts/sandbox', { recursive: true })
  await page.screenshot({ path: 'test-artifacts/sandbox/consent-page.png', fullPage: true })
  await page.getByRole('checkbox', { name: /Send email on your behalf/ }).uncheck()
  await page.getByRole('button', { name: 'Allow' }).click()
  await page.waitForURL((url) => url.toString().startsWith(redirectUri))
  const landed = new URL(page.url())
  assert.equal(landed.searchParams.get('scope'), 'openid email profile')
  const response = await exchangeCode(sandbox, landed.searchParams.get('code') ?? '', verifier, {
    redirect_uri: redirectUri,
  })
  const tokens = (await response.json()) as TokenBody
  assert.equal(tokens.scope.includes(GMAIL_SEND_SCOPE), false)
  assert.deepEqual(sandbox.liveGrants(), [
    { email: 'zoe@sandbox.test', scopes: ['openid', 'email', 'profile'] },
  ])
})

test('a person in Chromium who clicks Deny lands on the loopback redirect with access_denied', async (t) => {
  const sandbox = await sandboxFor(t)
  const redirectUri = await loopbackListener(t)
  const page = await browser.newPage()
  t.after(() => page.close())
  await page.goto(authorizationUrl(sandbox, pkce().challenge, { redirect_uri: redirectUri }))
  await page.getByRole('button', { name: 'Deny' }).click()
  await page.waitForURL((url) => url.toString().startsWith(redirectUri))
  assert.equal(new URL(page.url()).searchParams.get('error'), 'access_denied')
})
