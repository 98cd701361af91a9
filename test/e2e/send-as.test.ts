import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { addresses, body, nav, onlyMessage, writeQuickMessage } from './composer-page'
import { addAccount, capture, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const WORK = 'ada@work.example'

const browser = suiteBrowser()

describe('send-as addresses', () => {
  test('Settings adds one with the person’s confirmation, Gmail’s setting opens, From offers it and the message goes from it', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await nav(page, 'Settings').click()
      const section = page.getByRole('region', { name: 'Send-as addresses' })
      await section
        .getByText(`No send-as addresses: messages from ${ADA} go from that address.`)
        .waitFor()
      await section.getByText(/Postline cannot read Gmail’s list/).waitFor()

      // Gmail's "Send mail as" setting, here the sandbox's own page: the address is verified there.
      await section.getByRole('button', { name: `Open “Send mail as” in Gmail for ${ADA}` }).click()
      const gmail = await world.person.nextPage()
      await gmail.waitForURL((url) => url.pathname === '/_sandbox/send-as.html')
      assert.equal(new URL(gmail.url()).searchParams.get('email'), ADA)
      await gmail.getByLabel('Address to verify').fill(WORK)
      await gmail.getByRole('button', { name: 'Mark as verified' }).click()
      await gmail.getByRole('cell', { name: WORK }).waitFor()
      assert.deepEqual(world.sandbox.sendAsAddresses(ADA), [WORK])

      await section.getByRole('button', { name: `Add a send-as address to ${ADA}` }).click()
      const form = section.getByRole('form', { name: `Add a send-as address to ${ADA}` })
      await form.getByLabel('Address', { exact: true }).fill(WORK)
      await form.getByLabel(/^Name in From/).fill('Ada at Work')
      await form.getByLabel('Reply-To (optional)').fill('desk@work.example')
      await form
        .getByLabel(/^Signature for this address/)
        .fill('Ada Lovelace\nAnalytical Engines Ltd')
      await capture(page, 'settings-send-as-form')
      // Without the confirmation nothing is added, and the form says why.
      await form.getByRole('button', { name: 'Add address' }).click()
      await form
        .getByRole('alert')
        .getByText(/First confirm that ada@work\.example is set up/)
        .waitFor()
      await form.getByRole('alert').scrollIntoViewIfNeeded()
      // The pointer off the button it just pressed (the shot shows the form at rest).
      await page.mouse.move(1, 1)
      await capture(page, 'settings-send-as-confirm')
      await form.getByLabel(/This address is set up as “Send mail as” in Gmail/).check()
      await form.getByRole('button', { name: 'Add address' }).click()
      await section.getByText(`Added ${WORK}. Choose it in From.`).waitFor()
      await section.getByText(`Ada at Work <${WORK}>`).waitFor()
      await section.getByText('Replies go to desk@work.example').waitFor()
      // It is the default for new messages from now on.
      await section.getByLabel(`New messages from ${ADA} start from`).selectOption(WORK)
      await section.getByText(`New messages from ${ADA} now start from ${WORK}.`).waitFor()
      await capture(page, 'settings-send-as-list')

      await nav(page, 'Compose').click()
      const from = page.getByLabel('From', { exact: true })
      await page
        .getByRole('option', { name: `Ada at Work <${WORK}>` })
        .waitFor({ state: 'attached' })
      assert.equal(
        await from.evaluate((select) => {
          const chosen = (select as unknown as { selectedOptions: { label: string }[] })
            .selectedOptions[0]
          return chosen?.label
        }),
        `Ada at Work <${WORK}>`,
      )
      assert.equal(await page.locator('optgroup').getAttribute('label'), ADA)
      // The alias's signature is the message's.
      await body(page).getByText('Analytical Engines Ltd').waitFor()
      await writeQuickMessage(page, 'zoe@example.com', 'From work', 'Hello from the office.')
      await capture(page, 'composer-from-send-as')
      await page.getByRole('button', { name: 'Send' }).click()
      await nav(page, 'Outbox').click()
      const item = page.getByRole('listitem').filter({ hasText: 'From work' })
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
      await item.getByText(`from ${WORK} (through ${ADA})`, { exact: false }).waitFor()
      await capture(page, 'outbox-sent-send-as')
      const mail = await onlyMessage(world)
      assert.deepEqual(addresses(mail.from), [{ name: 'Ada at Work', address: WORK }])
      assert.deepEqual(addresses(mail.replyTo), [{ name: '', address: 'desk@work.example' }])
      assert.match(mail.text ?? '', /Analytical Engines Ltd/)
    })
  })

  test('choosing the account’s own address in From swaps the alias’s signature back', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const added = await app.core.handlers['accounts.addSendAs']({
        email: ADA,
        address: WORK,
        name: '',
        replyTo: '',
        signature: 'Work signature',
        confirmed: true,
      })
      assert.equal(added.ok, true)
      await nav(page, 'Settings').click()
      await page.getByRole('textbox', { name: ADA, exact: true }).fill('Home signature')
      await nav(page, 'Compose').click()
      const from = page.getByLabel('From', { exact: true })
      await body(page).getByText('Home signature').waitFor()
      await from.selectOption({ label: `Ada Lovelace <${WORK}>` })
      await body(page).getByText('Work signature').waitFor()
      assert.equal(await body(page).getByText('Home signature').count(), 0)
      await from.selectOption({ label: `Ada Lovelace <${ADA}>` })
      await body(page).getByText('Home signature').waitFor()
    })
  })
})
