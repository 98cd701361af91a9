// Issue 12, point 5, as a person meets it: the Send button's menu of later times (and its
// shortcut), the date and time dialog that refuses a time gone by, the scheduled row in the
// outbox with Send now and Edit, and the question a message asks when its time passed while
// Postline was not running. The core runs on a test clock; the window on the real one.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { simpleParser } from 'mailparser'
import { TestClock } from '../helpers/test-clock'
import { addAccount, capture, startApp, startWorld, suiteBrowser, type App } from './app-world'
import { body, nav, toast, writeQuickMessage } from './composer-page'

const ADA = 'ada@sandbox.test'
const DAY = 86_400_000
const browser = suiteBrowser()

/** The ▾ half of the split Send button. */
const sendMenuButton = (app: App) => app.page.getByRole('button', { name: 'Schedule for later' })
const sendMenu = (app: App) => app.page.getByRole('menu', { name: 'Send later' })

describe('send later', () => {
  test('the menu, the date and time dialog, the scheduled row, and the question when its time passed', async () => {
    const world = await startWorld(browser())
    const clock = new TestClock(Date.now())
    const app = await startApp(world, {}, { options: { clock, ticker: clock } })
    try {
      const { page } = app
      await addAccount(app, world, ADA)

      // The menu from the ▾ button: presets with their times, and Pick date & time…
      await writeQuickMessage(page, 'grace@example.com', 'Tomorrow’s agenda', 'Here it is.')
      await sendMenuButton(app).click()
      const items = sendMenu(app).getByRole('menuitem')
      await items.first().waitFor()
      const labels = await items.allTextContents()
      assert.ok(
        labels.some((label) => label.startsWith('Tomorrow morning')),
        labels.join(' | '),
      )
      assert.ok(labels.some((label) => label.startsWith('Next Monday morning')))
      assert.equal(labels.at(-1), 'Pick date & time…')
      // The focus is on the first item; arrows move it; Escape closes and goes back to ▾.
      await page.keyboard.press('ArrowDown')
      await capture(page, 'send-later-menu')
      await page.keyboard.press('Escape')
      await sendMenu(app).waitFor({ state: 'detached' })
      assert.equal(
        await sendMenuButton(app).evaluate(
          (button) =>
            button ===
            (globalThis as unknown as { document: { activeElement: unknown } }).document
              .activeElement,
        ),
        true,
      )

      // Ctrl+Shift+Enter in the body opens the same menu (and sends nothing).
      await body(page).focus()
      await page.keyboard.press('Control+Shift+Enter')
      await sendMenu(app).waitFor()
      assert.equal(app.core.sending.list().length, 0)

      // Pick date & time…: yesterday is refused, with the reason, and nothing is scheduled.
      await sendMenu(app).getByRole('menuitem', { name: 'Pick date & time…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Send later' })
      await dialog.waitFor()
      const yesterday = new Date(Date.now() - DAY)
      const iso = (date: Date) =>
        `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
      await dialog.getByLabel('Date').fill(iso(yesterday))
      await dialog.getByLabel('Time').fill('09:30')
      await dialog.getByRole('button', { name: 'Schedule' }).click()
      await dialog.getByRole('alert').filter({ hasText: 'That time has already passed.' }).waitFor()
      await capture(page, 'send-later-picker-past')
      assert.equal(app.core.sending.list().length, 0)

      // The day after tomorrow at 09:30 is taken: the toast says when.
      const later = new Date(Date.now() + 2 * DAY)
      await dialog.getByLabel('Date').fill(iso(later))
      await dialog.getByRole('button', { name: 'Schedule' }).click()
      await toast(page)
        .getByText(/^Scheduled for .*09:30/)
        .waitFor()
      const [picked] = app.core.sending.list()
      assert.equal(picked?.state, 'scheduled')
      const pickedAt = new Date(picked!.later!.at)
      assert.equal(pickedAt.getHours(), 9)
      assert.equal(pickedAt.getMinutes(), 30)
      assert.equal(pickedAt.getDate(), later.getDate())

      // A second one from a preset.
      await writeQuickMessage(page, 'zoe@example.com', 'Monday notes', 'For Monday.')
      await sendMenuButton(app).click()
      await sendMenu(app)
        .getByRole('menuitem', { name: /^Tomorrow morning/ })
        .click()
      await toast(page)
        .getByText(/^Scheduled for .*08:00/)
        .waitFor()

      // The outbox: Scheduled for <time>, with Send now and Edit.
      await nav(page, 'Outbox').click()
      const row = page.locator('.outbox-item').filter({ hasText: 'Tomorrow’s agenda' })
      await row.getByText(/^Scheduled for .*09:30/).waitFor()
      await row.getByRole('button', { name: 'Send now' }).waitFor()
      await row.getByRole('button', { name: 'Edit' }).waitFor()
      assert.equal(await row.getByRole('button', { name: 'Undo' }).count(), 0)
      await capture(page, 'send-later-outbox')

      // Postline "was closed" past both times: the clock jumps three days; both ask.
      clock.advance(3 * DAY)
      const question = page.getByRole('alert').filter({ hasText: 'not sent on time' })
      await question.getByText('2 scheduled messages were not sent on time').waitFor()
      await question.getByText(/Tomorrow’s agenda/).waitFor()
      await capture(page, 'send-later-overdue')
      assert.equal(world.sandbox.mailbox().length, 0, 'nothing went out late on its own')

      // Send now sends the agenda, once; Edit brings Monday notes back into the composer.
      const agenda = question.locator('.overdue-item').filter({ hasText: 'Tomorrow’s agenda' })
      await agenda.getByRole('button', { name: 'Send now' }).click()
      await page
        .locator('.outbox-item')
        .filter({ hasText: 'Tomorrow’s agenda' })
        .locator('.state-badge', { hasText: 'Sent' })
        .waitFor()
      const monday = question.locator('.overdue-item').filter({ hasText: 'Monday notes' })
      await monday.getByRole('button', { name: 'Edit' }).click()
      await page.getByLabel('Subject').and(page.locator('[value="Monday notes"]')).waitFor()
      await question.waitFor({ state: 'detached' })
      assert.equal(world.sandbox.mailbox().length, 1)
      const sent = await simpleParser(world.sandbox.mailbox()[0]!.raw)
      assert.equal(sent.subject, 'Tomorrow’s agenda')
      assert.equal(app.core.sending.list().filter((item) => item.state !== 'sent').length, 0)
    } finally {
      await app.close()
      await world.close()
    }
  })
})
