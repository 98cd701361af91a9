import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  addresses,
  body,
  chips,
  fixture,
  nav,
  onlyMessage,
  writeQuickMessage,
} from './composer-page'
import { addAccount, capture, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'

const browser = suiteBrowser()

describe('who sends, and after sending', () => {
  test('Settings ▸ Your name is prefilled from Google, editable, and is what From carries', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await nav(page, 'Settings').click()
      const field = page.getByLabel(`Your name for ${ADA}`)
      assert.equal(await field.inputValue(), 'Ada Lovelace')
      await page.getByText(`Messages go out as Ada Lovelace <${ADA}>.`).waitFor()
      await field.fill('Ada King, Countess of Lovelace')
      await capture(page, 'settings-your-name')
      await page.getByRole('button', { name: 'Save', exact: true }).first().click()
      await page
        .getByText(`Saved. Messages go out as Ada King, Countess of Lovelace <${ADA}>.`)
        .waitFor()

      await nav(page, 'Compose').click()
      await page
        .getByRole('option', { name: `Ada King, Countess of Lovelace <${ADA}>` })
        .waitFor({ state: 'attached' })
      await writeQuickMessage(page, 'zoe@example.com', 'From my own name', 'Hello.')
      await page.getByRole('button', { name: 'Send' }).click()
      await nav(page, 'Outbox').click()
      await page
        .getByRole('listitem')
        .filter({ hasText: 'From my own name' })
        .getByText('Sent', { exact: true })
        .waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
      const mail = await onlyMessage(world)
      // A comma in the name: mailparser reads it back whole, so the header quoted it.
      assert.deepEqual(addresses(mail.from), [
        { name: 'Ada King, Countess of Lovelace', address: ADA },
      ])
    })
  })

  test('a sent message opens in Gmail (the sandbox’s mailbox) and copies into a new draft', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const file = await fixture(world, 'minutes.txt', 'Minutes of the meeting.\n')
      await writeQuickMessage(page, 'zoe@example.com', 'Meeting notes', 'Attached, as promised.')
      world.chosenFiles.push([file.path])
      await page.getByRole('button', { name: 'Attach files' }).click()
      await page.getByText('minutes.txt').first().waitFor()
      await page.getByRole('button', { name: 'Send' }).click()
      await nav(page, 'Outbox').click()
      const item = page.getByRole('listitem').filter({ hasText: 'Meeting notes' })
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
      await capture(page, 'outbox-sent-actions')

      await item.getByRole('button', { name: 'Open in Gmail' }).click()
      const opened = await world.person.nextPage()
      const gmailId = world.sandbox.mailbox()[0]!.id
      await opened.waitForURL((url) => url.hash === `#message-${gmailId}`)
      assert.equal(new URL(opened.url()).origin, world.sandbox.url.replace(/\/$/, ''))
      await opened.locator(`#message-${gmailId}`).getByText('Meeting notes').first().waitFor()

      await item.getByRole('button', { name: 'Copy as new message' }).click()
      const subject = page.getByLabel('Subject')
      await subject.waitFor()
      assert.equal(await subject.inputValue(), 'Meeting notes')
      await page.waitForFunction(() => {
        const active = (globalThis as unknown as { document: { activeElement: unknown } }).document
          .activeElement as { className?: string } | null
        return active?.className === 'subject-input'
      })
      assert.deepEqual(await chips(page, 'To').locator('.chip-label').allTextContents(), [
        'zoe@example.com',
      ])
      await body(page).getByText('Attached, as promised.').waitFor()
      await page.locator('section.composer').getByText('minutes.txt').waitFor()
      await capture(page, 'copy-as-new-message')
      assert.equal(world.sandbox.mailbox().length, 1, 'copying sends nothing')
    })
  })
})
