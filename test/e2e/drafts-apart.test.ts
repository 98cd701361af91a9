// Issue 13, point 13: thirty drafts you can tell apart — a snippet of the body, the From account,
// search over subject, recipients and body, order by last change, rows a screen reader can tell
// apart, and no draft for a message nobody wrote anything in.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { ok } from '../helpers/core'
import { draftFields } from '../helpers/sending'
import { body, nav, recipients } from './composer-page'
import { addAccount, capture, suiteBrowser, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'
const browser = suiteBrowser()

function rows(page: Page) {
  return page.getByRole('list', { name: 'Drafts' }).getByRole('listitem')
}

async function subjects(page: Page): Promise<string[]> {
  return rows(page).locator('.draft-subject').allTextContents()
}

describe('drafts you can tell apart', () => {
  test('choosing From or opening the composer creates no draft; content does', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      await page.getByLabel('From').selectOption(GRACE)
      await body(page).focus()
      await page.keyboard.press('Control+End')
      // Longer than the autosave's pause, so a draft would have been written by now.
      await page.waitForTimeout(1_500)
      await nav(page, 'Drafts').click()
      await page.getByText('No drafts.', { exact: false }).waitFor()
      assert.deepEqual(ok(await app.core.handlers['drafts.list'](undefined)), [])

      await nav(page, 'Compose').click()
      await body(page).focus()
      await page.keyboard.type('A first line')
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()
      const drafts = ok(await app.core.handlers['drafts.list'](undefined))
      assert.equal(drafts.length, 1)
      assert.equal(drafts[0]!.from, GRACE, 'the draft keeps the From chosen before the text')
      assert.equal(drafts[0]!.snippet, 'A first line')
    })
  })

  test('snippet, From, search, order and the names a screen reader hears', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      // Twenty-eight drafts with no subject and no recipients, saved earlier…
      for (let index = 1; index <= 28; index += 1) {
        ok(
          await app.core.handlers['drafts.save']({
            fields: draftFields({
              from: index % 2 === 0 ? GRACE : ADA,
              to: [],
              subject: '',
              html:
                `<p>Note number ${index}: ${index === 7 ? 'the café receipts' : 'nothing much'}</p>` +
                (index === 5
                  ? `<p>${'Long minutes. '.repeat(20)}The zeppelin lands at noon.</p>`
                  : ''),
            }),
          }),
        )
      }
      // …and two written in the window now.
      await recipients(page, 'To').pressSequentially('alan@example.com')
      await recipients(page, 'To').press('Enter')
      await page.getByLabel('Subject').fill('Quarterly budget')
      await body(page).focus()
      await page.keyboard.press('Control+Home')
      await page.keyboard.type('The numbers for Q3 are in the sheet.')
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()
      await page.getByRole('button', { name: 'New message' }).click()
      await page.getByLabel('From').selectOption(GRACE)
      await recipients(page, 'To').pressSequentially('bob@example.net')
      await recipients(page, 'To').press('Enter')
      await body(page).focus()
      await page.keyboard.press('Control+Home')
      await page.keyboard.type('Lunch on Thursday?')
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()

      await nav(page, 'Drafts').click()
      await rows(page).nth(29).waitFor()
      const newest = rows(page).first()
      assert.match((await newest.textContent()) ?? '', /From grace@sandbox\.test/)
      assert.match((await newest.textContent()) ?? '', /To bob@example\.net/)
      await newest.getByText('Lunch on Thursday?').waitFor()
      // The Open button says which draft it opens: subject, recipients, snippet and time.
      const open = newest.getByRole('button', { name: /^Show / })
      assert.match(
        (await open.getAttribute('aria-label')) ?? '',
        /^Show \(no subject\), To bob@example\.net, Lunch on Thursday\?, saved just now$/,
      )
      const budgetOpen = rows(page)
        .nth(1)
        .getByRole('button', { name: /^Open / })
      assert.equal(
        await budgetOpen.getAttribute('aria-label'),
        'Open Quarterly budget, To alan@example.com, The numbers for Q3 are in the sheet., saved just now',
      )
      await capture(page, 'drafts-apart')

      // Search with the keyboard: by body text (accents and case aside), by recipient, by subject.
      const search = page.getByRole('searchbox', { name: 'Search drafts' })
      await search.click()
      await page.keyboard.type('CAFE')
      await page.getByRole('status').getByText('1 draft found').waitFor()
      assert.deepEqual(await subjects(page), ['(no subject)'])
      await rows(page).first().getByText('Note number 7: the café receipts').waitFor()
      await capture(page, 'drafts-search')
      // Past the snippet: main searches the whole body.
      await page.keyboard.press('Control+a')
      await page.keyboard.type('zeppelin')
      await page.getByRole('status').getByText('1 draft found').waitFor()
      await rows(page).first().getByText('Note number 5: nothing much', { exact: false }).waitFor()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('alan')
      await page.getByRole('status').getByText('1 draft found').waitFor()
      assert.deepEqual(await subjects(page), ['Quarterly budget'])
      await page.keyboard.press('Control+a')
      await page.keyboard.type('quarterly sheet')
      await page.getByRole('status').getByText('1 draft found').waitFor()
      await page.keyboard.press('Control+a')
      await page.keyboard.type('nowhere to be found')
      await page.getByText('No draft matches “nowhere to be found”.', { exact: false }).waitFor()
      await page.keyboard.press('Escape')
      await rows(page).nth(29).waitFor()

      // Order by last change: oldest first puts the first saved note on top.
      await page.getByLabel('Order').selectOption('oldest')
      await rows(page).first().getByText('Note number 1: nothing much').waitFor()
      assert.match((await rows(page).last().textContent()) ?? '', /Lunch on Thursday\?/)
      await page.getByLabel('Order').selectOption('newest')
      await rows(page).first().getByText('Lunch on Thursday?').waitFor()

      // Opening from the search keeps working with the keyboard.
      await search.click()
      await page.keyboard.type('budget')
      await page.getByRole('status').getByText('1 draft found').waitFor()
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page.getByLabel('Subject').waitFor()
      assert.equal(await page.getByLabel('Subject').inputValue(), 'Quarterly budget')
    })
  })
})
