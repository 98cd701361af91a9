import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import type { Locator } from 'playwright-core'
import { KeytarSecretStore } from '../../src/main/accounts/keychain'
import { createCore } from '../../src/main/core'
import {
  accountItem,
  addAccount,
  answerConsent,
  capture,
  startApp,
  startWorld,
  suiteBrowser,
  withApp,
} from './app-world'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'

const browser = suiteBrowser()

function activeBadge(item: Locator): Locator {
  return item.locator('.badge', { hasText: 'Active' })
}

describe('the accounts window', () => {
  test('with no accounts, it welcomes the person and offers to add one', async () => {
    await withApp(browser(), async ({ page }) => {
      await page.getByRole('heading', { name: 'Welcome to Postline' }).waitFor()
      await page.getByText('Add a Google account to start sending').waitFor()
      assert.equal(await page.getByRole('button', { name: 'Add Google account' }).count(), 1)
      assert.equal(await page.getByRole('listitem').count(), 0)
      await capture(page, 'empty-state')
    })
  })

  test('the keyboard reaches the Add button first, with a visible focus ring', async () => {
    await withApp(browser(), async ({ page }) => {
      await page.getByRole('button', { name: 'Add Google account' }).waitFor()
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        // The test's tsconfig has no DOM types; this is the little of the DOM it reads.
        interface Dom {
          document: { activeElement: { textContent: string | null } | null }
          getComputedStyle(element: unknown): { outlineStyle: string }
        }
        const dom = globalThis as unknown as Dom
        const element = dom.document.activeElement
        return (
          element && {
            text: element.textContent,
            outline: dom.getComputedStyle(element).outlineStyle,
          }
        )
      })
      assert.deepEqual(focused, { text: 'Add Google account', outline: 'solid' })
      await capture(page, 'empty-state-keyboard-focus')
    })
  })

  test('adds two accounts through Google’s consent page, the second as another identity', async () => {
    await withApp(browser(), async (app, world) => {
      await addAccount(app, world, ADA)
      await app.page.getByRole('button', { name: 'Add Google account' }).click()
      await app.page.getByRole('heading', { name: 'Continue in your browser…' }).waitFor()
      await capture(app.page, 'waiting-for-browser-second-account')
      const returned = await answerConsent(world, GRACE)
      await returned.getByText('return to Postline').waitFor()
      await accountItem(app.page, GRACE).waitFor()
      const items = app.page.getByRole('list').getByRole('listitem')
      assert.equal(await items.count(), 2)
      assert.equal(await app.page.locator('.badge', { hasText: 'Active' }).count(), 1)
      for (const email of [ADA, GRACE]) {
        assert.match((await accountItem(app.page, email).textContent()) ?? '', /Connected/)
      }
      await app.page.getByRole('heading', { name: 'New message' }).waitFor()
      await capture(app.page, 'two-accounts')
    })
  })

  test('makes another account the active one', async () => {
    await withApp(browser(), async (app, world) => {
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      const adaIsActive = (await activeBadge(accountItem(app.page, ADA)).count()) === 1
      const [otherEmail, currentEmail] = adaIsActive ? [GRACE, ADA] : [ADA, GRACE]
      const [other, current] = [
        accountItem(app.page, otherEmail),
        accountItem(app.page, currentEmail),
      ]
      await other.getByRole('button', { name: 'Use this account' }).click()
      await activeBadge(other).waitFor()
      await activeBadge(current).waitFor({ state: 'detached' })
      assert.equal(await other.getAttribute('aria-current'), 'true')
      assert.equal(await other.getByRole('button', { name: 'Use this account' }).count(), 0)
      const from = await app.page.locator('.composer-field dd').textContent()
      assert.ok(from?.includes(otherEmail), 'the composer sends from the newly active account')
    })
  })

  test('Cancel while waiting for the browser stops the sign-in quietly', async () => {
    await withApp(browser(), async ({ page }, world) => {
      await page.getByRole('button', { name: 'Add Google account' }).click()
      await page.getByRole('heading', { name: 'Continue in your browser…' }).waitFor()
      const consent = await world.person.nextPage()
      await consent.locator('input[name="identity"]').first().waitFor()
      await capture(page, 'waiting-for-browser')
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: 'Add Google account' }).waitFor()
      assert.equal(await page.getByRole('alert').textContent(), '', 'cancelling shows no error')
      assert.equal(await page.getByRole('listitem').count(), 0)
      assert.deepEqual(world.sandbox.liveGrants(), [])
    })
  })

  test('Cancel while the code is exchanged adds nothing and revokes the new grant', async () => {
    await withApp(browser(), async ({ page }, world) => {
      // Google's token endpoint is slow, so the person can press Cancel while Postline waits.
      world.sandbox.failNext('/token', { kind: 'delay', ms: 3_000 })
      await page.getByRole('button', { name: 'Add Google account' }).click()
      // The browser's page waits on Postline's answer, which waits on the exchange: not awaited.
      const consented = answerConsent(world, ADA)
      await page.getByRole('heading', { name: 'Finishing sign-in…' }).waitFor()
      await capture(page, 'finishing-sign-in')
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: 'Add Google account' }).waitFor()
      const returned = await consented
      await returned.getByText('cancelled the sign-in in Postline').waitFor()
      assert.equal(await page.getByRole('alert').textContent(), '', 'cancelling shows no error')
      assert.equal(await page.getByRole('listitem').count(), 0)
      assert.deepEqual(
        world.sandbox.revocations().map((r) => r.email),
        [ADA],
      )
      assert.deepEqual(world.sandbox.liveGrants(), [])
    })
  })

  test('signs out after a confirmation that says what signing out does', async () => {
    await withApp(browser(), async (app, world) => {
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      await accountItem(app.page, ADA).getByRole('button', { name: 'Sign out' }).click()
      const dialog = app.page.getByRole('dialog', { name: `Sign out of ${ADA}?` })
      await dialog.waitFor()
      const text = (await dialog.textContent()) ?? ''
      assert.match(text, /revoke its access at Google/)
      assert.match(text, /keychain/)
      await capture(app.page, 'sign-out-confirmation')
      await dialog.getByRole('button', { name: 'Sign out' }).click()
      await accountItem(app.page, ADA).waitFor({ state: 'detached' })
      await dialog.waitFor({ state: 'hidden' })
      assert.equal(await accountItem(app.page, GRACE).count(), 1)
      assert.ok(world.sandbox.revocations().some((revocation) => revocation.email === ADA))
      assert.deepEqual(
        world.sandbox.liveGrants().map((grant) => grant.email),
        [GRACE],
      )
      const keychain = new KeytarSecretStore(world.keychainService)
      assert.equal(await keychain.get(ADA), null)
      assert.notEqual(await keychain.get(GRACE), null)
    })
  })

  test('Cancel in the sign-out confirmation keeps the account', async () => {
    await withApp(browser(), async (app, world) => {
      await addAccount(app, world, ADA)
      await accountItem(app.page, ADA).getByRole('button', { name: 'Sign out' }).click()
      const dialog = app.page.getByRole('dialog')
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await dialog.waitFor({ state: 'hidden' })
      assert.equal(await accountItem(app.page, ADA).count(), 1)
      assert.deepEqual(world.sandbox.revocations(), [])
    })
  })

  test('denying access on Google’s page shows why nothing was added', async () => {
    await withApp(browser(), async ({ page }, world) => {
      await page.getByRole('button', { name: 'Add Google account' }).click()
      await answerConsent(world, ADA, 'Deny')
      const alert = page.getByRole('alert')
      await alert.getByText('Google didn’t give Postline access.').waitFor()
      assert.match((await alert.textContent()) ?? '', /Nothing was added/)
      await capture(page, 'error-access-denied')
      await alert.getByRole('button', { name: 'Dismiss' }).click()
      assert.equal(await alert.textContent(), '')
    })
  })

  test('after Google revokes the grant, a restart shows Reconnect, and reconnecting restores it', async () => {
    const world = await startWorld(browser())
    try {
      const first = await startApp(world)
      try {
        await addAccount(first, world, ADA)
        await addAccount(first, world, GRACE)
      } finally {
        await first.close()
      }
      world.sandbox.revokeGrant(ADA)

      const app = await startApp(world)
      try {
        const banner = app.page.getByRole('region', { name: `${ADA} needs reconnecting` })
        await banner.waitFor()
        assert.match(
          (await banner.textContent()) ?? '',
          new RegExp(
            `Google no longer accepts Postline’s access for ${ADA}\\. Reconnect to keep sending from it\\.`,
          ),
        )
        assert.match((await accountItem(app.page, ADA).textContent()) ?? '', /Needs reconnecting/)
        assert.match((await accountItem(app.page, GRACE).textContent()) ?? '', /Connected/)
        await capture(app.page, 'reconnect')

        await banner.getByRole('button', { name: 'Reconnect' }).click()
        await app.page.getByText(`Sign in to Google as ${ADA}`).waitFor()
        const returned = await answerConsent(world, ADA)
        await returned.getByText('return to Postline').waitFor()
        await banner.waitFor({ state: 'detached' })
        assert.match((await accountItem(app.page, ADA).textContent()) ?? '', /Connected/)
        assert.ok(world.sandbox.liveGrants().some((grant) => grant.email === ADA))
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('when Google does not confirm a sign-out, the dialog says so and offers Remove from this computer and Google’s page', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startApp(world)
      try {
        await addAccount(app, world, ADA)
        await addAccount(app, world, GRACE)
        // Google cannot be reached for the revocation (google-auth-library tries three times).
        world.sandbox.failNext('/revoke', { kind: 'drop' }, 3)
        await accountItem(app.page, ADA).getByRole('button', { name: 'Sign out' }).click()
        const dialog = app.page.getByRole('dialog')
        await dialog.getByRole('button', { name: 'Sign out' }).click()
        await dialog.getByRole('heading', { name: 'Google didn’t confirm the sign-out' }).waitFor()
        const text = (await dialog.textContent()) ?? ''
        assert.match(text, /could not reach Google to revoke its access to ada@sandbox\.test/)
        assert.match(text, /nothing was removed/)
        assert.equal(await accountItem(app.page, ADA).count(), 1, 'nothing was removed yet')
        await capture(app.page, 'sign-out-revoke-failed')

        // Google's page for removing access opens in the person's browser (a stand-in here).
        await world.person.context.route('https://myaccount.google.com/**', (route) =>
          route.fulfill({ contentType: 'text/html', body: '<title>Third-party access</title>' }),
        )
        await dialog.getByRole('button', { name: 'Open Google’s page for removing access' }).click()
        const googlePage = await world.person.nextPage()
        await googlePage.waitForURL('https://myaccount.google.com/permissions')

        await dialog.getByRole('button', { name: 'Remove from this computer' }).click()
        await accountItem(app.page, ADA).waitFor({ state: 'detached' })
        await dialog.waitFor({ state: 'hidden' })
        assert.equal(await accountItem(app.page, GRACE).count(), 1)
        const keychain = new KeytarSecretStore(world.keychainService)
        assert.equal(await keychain.get(ADA), null)
        // Its token waits in the keychain for Google; the grant is still live until then.
        assert.match((await keychain.get('pending-revocations')) ?? '', /ada@sandbox\.test/)
        assert.ok(world.sandbox.liveGrants().some((grant) => grant.email === ADA))
        await capture(app.page, 'removed-from-this-computer')
      } finally {
        await app.close()
      }
      // The next start revokes it.
      const again = await createCore(
        {
          dataDir: world.dataDir,
          keychainService: world.keychainService,
          mode: 'sandbox',
          endpoints: world.sandbox.endpoints,
          clientId: world.sandbox.clientId,
          clientSecret: world.sandbox.clientSecret,
          openExternal: world.person.openExternal,
        },
        {},
      )
      await again.verified
      await again.close()
      assert.ok(!world.sandbox.liveGrants().some((grant) => grant.email === ADA))
      assert.equal(
        await new KeytarSecretStore(world.keychainService).get('pending-revocations'),
        null,
      )
    } finally {
      await world.close()
    }
  })

  test('with no keychain, adding offers “Use for this session only”; the account says so and is revoked when Postline closes', async () => {
    const world = await startWorld(browser())
    try {
      // keytar that cannot load, as on a desktop without libsecret or a Secret Service.
      const noKeychain = new KeytarSecretStore(world.keychainService, () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file')
      })
      const app = await startApp(world, { secrets: noKeychain })
      const page = app.page
      let closed = false
      try {
        await page.getByRole('button', { name: 'Add Google account' }).click()
        await (await answerConsent(world, ADA)).getByText('return to Postline').waitFor()
        const offer = page.getByRole('alertdialog', { name: 'Postline can’t keep this sign-in' })
        await offer.waitFor()
        const text = (await offer.textContent()) ?? ''
        assert.match(text, /install one with the Secret Service API/)
        assert.match(text, /never saved/)
        assert.equal(await page.getByRole('listitem').count(), 0)
        await capture(page, 'keychain-missing-session-offer')

        await offer.getByRole('button', { name: 'Use for this session only' }).click()
        await (await answerConsent(world, ADA)).getByText('return to Postline').waitFor()
        const item = accountItem(page, ADA)
        await item.waitFor()
        assert.match((await item.textContent()) ?? '', /This session only/)
        await capture(page, 'session-only-account')

        const revokedBefore = world.sandbox.revocations().length
        await app.close()
        closed = true
        assert.deepEqual(
          world.sandbox
            .revocations()
            .slice(revokedBefore)
            .map((r) => r.email),
          [ADA],
        )
        assert.ok(!world.sandbox.liveGrants().some((grant) => grant.email === ADA))
        for (const name of await readdir(world.dataDir, { recursive: true })) {
          const content = await readFile(path.join(world.dataDir, name), 'utf8').catch(() => '')
          assert.doesNotMatch(content, /ada@sandbox|sbx-/, name)
        }
      } finally {
        if (!closed) await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
