// Issue 13, points 9 to 12, as a person meets them in the window: pasting addresses from other
// programs, duplicates and invisible characters, a message waiting out a long retry, and Gmail
// answering that Postline lacks the permission to send.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { gmailErrors, googleFacts } from '../../src/sandbox'
import { paste } from '../helpers/page-dom'
import {
  accountItem,
  addAccount,
  answerConsent,
  capture,
  suiteBrowser,
  UNDO_DELAY_MS,
  withApp,
  type World,
} from './app-world'
import {
  addresses,
  body,
  chips,
  nav,
  onlyMessage,
  recipients,
  toast,
  writeQuickMessage,
} from './composer-page'

const ADA = 'ada@sandbox.test'

/**
 * Sends the open message while Gmail asks to wait `seconds`, then opens the Outbox: answers the
 * message's line once it says Waiting to retry.
 */
async function sendIntoRetry(page: Page, world: World, seconds: number, subject: string) {
  world.sandbox.failNext('/gmail/v1/users/', gmailErrors.rateLimited(seconds))
  await page.getByRole('button', { name: 'Send' }).click()
  await toast(page)
    .getByText('Waiting to retry')
    .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
  await nav(page, 'Outbox').click()
  const item = page.getByRole('listitem').filter({ hasText: subject })
  await item.getByText('Waiting to retry').waitFor()
  return item
}

/** Waits until an input holds `expected` (what the person would see once the view settles). */
async function valueOf(input: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + 5_000
  let seen = ''
  while (Date.now() < deadline) {
    seen = await input.inputValue().catch(() => '')
    if (seen === expected) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.equal(seen, expected)
}
const browser = suiteBrowser()

describe('recipients pasted from other programs, and the outbox’s waiting messages', () => {
  test('spreadsheet rows, mailto links, old-style names and Word’s quotes become named chips', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const to = recipients(page, 'To')
      await to.click()
      // Two columns copied from a spreadsheet (with its header row), as Calc and Sheets copy them.
      await paste(page, 'Name\tEmail\r\nAnn Lee\tann@lee.com\r\nBob Roe\tbob@roe.com\r\n')
      await chips(page, 'To').nth(1).waitFor()
      // A link copied from a web page, then what Word puts on the clipboard.
      await paste(page, 'mailto:x@y.com?subject=Hello%20there')
      await paste(page, 'old@style.com (Old Style)')
      await paste(page, '“Roe, Rick” <rick@roe.com>; Lee, Ann-Marie <annmarie@lee.com>')
      await chips(page, 'To').nth(5).waitFor()
      assert.deepEqual(await chips(page, 'To').locator('.chip-label').allTextContents(), [
        'Ann Lee',
        'Bob Roe',
        'x@y.com',
        'Old Style',
        'Roe, Rick',
        'Lee, Ann-Marie',
      ])
      assert.equal(await chips(page, 'To').locator('[aria-invalid="true"]').count(), 0)
      await page.getByLabel('Subject').fill('From the spreadsheet')
      await to.click()
      await paste(page, 'Name\tEmail\r\nCid Moe\tcid@moe.com')
      await page
        .getByRole('list', { name: 'Changes to To' })
        .getByText('Left out “Name Email”: it holds no address.')
        .waitFor()
      await capture(page, 'recipients-pasted-formats')

      await body(page).click()
      await page.keyboard.type('Hello all.')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Message sent')
        .waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
      const mail = await onlyMessage(world)
      assert.deepEqual(addresses(mail.to), [
        { name: 'Ann Lee', address: 'ann@lee.com' },
        { name: 'Bob Roe', address: 'bob@roe.com' },
        { name: '', address: 'x@y.com' },
        { name: 'Old Style', address: 'old@style.com' },
        { name: 'Roe, Rick', address: 'rick@roe.com' },
        { name: 'Lee, Ann-Marie', address: 'annmarie@lee.com' },
        { name: 'Cid Moe', address: 'cid@moe.com' },
      ])
    })
  })

  test('duplicates merge across To, Cc and Bcc, and invisible characters are removed with a note', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const to = recipients(page, 'To')
      await to.click()
      await paste(page, 'a1@x.com, A1@x.com, jane@doe.com, Jane Doe <jane@doe.com>')
      const toNotes = page.getByRole('list', { name: 'Changes to To' })
      await toNotes.getByText('A1@x.com is already in To, so it was not added again.').waitFor()
      assert.deepEqual(await chips(page, 'To').locator('.chip-label').allTextContents(), [
        'a1@x.com',
        'Jane Doe',
      ])
      // Typed again by hand, in another case: merged, and said so next to To.
      await to.pressSequentially('JANE@DOE.COM,')
      await toNotes.getByText('JANE@DOE.COM is already in To, so it was not added again.').waitFor()
      assert.equal(await chips(page, 'To').count(), 2)

      await page.getByRole('button', { name: 'Cc', exact: true }).click()
      const cc = recipients(page, 'Cc')
      await cc.pressSequentially('a1@X.com, ')
      const ccNotes = page.getByRole('list', { name: 'Changes to Cc' })
      await ccNotes.getByText('a1@X.com is already in To, so it was not added again.').waitFor()
      // An address copied from a chat with a zero-width space inside it.
      await paste(page, 'bo\u200bb@roe.com')
      await ccNotes.getByText('Removed an invisible character (U+200B) from bob@roe.com.').waitFor()
      assert.deepEqual(await chips(page, 'Cc').locator('.chip-label').allTextContents(), [
        'bob@roe.com',
      ])
      await page.getByRole('button', { name: 'Bcc', exact: true }).click()
      // A right-to-left override in a name that would make it read like another address.
      await paste(page, '"\u202emoc.eel@nna" <mallory@evil.example>')
      const bccChip = chips(page, 'Bcc').first()
      await bccChip.waitFor()
      assert.equal(await bccChip.locator('.chip-address').textContent(), '<mallory@evil.example>')
      await page
        .getByRole('list', { name: 'Changes to Bcc' })
        .getByText('Removed an invisible character (U+202E) from the name of mallory@evil.example.')
        .waitFor()
      await page.getByLabel('Subject').fill('Once each')
      await capture(page, 'recipients-duplicates-invisible')

      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Message sent')
        .waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
      const mail = await onlyMessage(world)
      assert.deepEqual(addresses(mail.to), [
        { name: '', address: 'a1@x.com' },
        { name: 'Jane Doe', address: 'jane@doe.com' },
      ])
      assert.deepEqual(addresses(mail.cc), [{ name: '', address: 'bob@roe.com' }])
      const raw = world.sandbox.mailbox()[0]!.raw.toString('utf8')
      assert.doesNotMatch(raw, /\u200b|\u202e|=E2=80=8B|=E2=80=AE/i, 'no invisible character left')
    })
  })

  test('a message waiting to retry tomorrow shows the date and offers Send now, Edit and Discard', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      // Gmail asks to wait 36 hours: the next try is on another day.
      await writeQuickMessage(page, 'ops@example.com', 'Weekly report', 'All systems go.')
      const item = await sendIntoRetry(page, world, 36 * 3600, 'Weekly report')
      const expected = new Date(Date.now() + 36 * 3600 * 1000)
      const day = expected.toLocaleString([], { month: 'short', day: 'numeric' })
      const detail = (await item.locator('.outbox-detail').textContent()) ?? ''
      assert.match(detail, /Next try on /)
      assert.ok(detail.includes(day), `the next try names its day (${day}): ${detail}`)
      for (const name of ['Send now', 'Edit', 'Discard'])
        assert.equal(await item.getByRole('button', { name }).count(), 1, name)
      await capture(page, 'outbox-waiting-to-retry')

      // Edit: back in the composer as a draft, nothing sent.
      await item.getByRole('button', { name: 'Edit' }).click()
      await valueOf(page.getByLabel('Subject'), 'Weekly report')
      await body(page).getByText('All systems go.').waitFor()
      await body(page).click()
      await page.keyboard.press('Control+End')
      await page.keyboard.type(' Edited.')

      // Sent again, refused again with a long wait; this time Send now.
      await sendIntoRetry(page, world, 36 * 3600, 'Weekly report')
      await item.getByRole('button', { name: 'Send now' }).click()
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      const mail = await onlyMessage(world)
      assert.equal(mail.subject, 'Weekly report')
      assert.match(mail.text ?? '', /Edited\./)
    })
  })

  test('Discard on a message waiting to retry takes it out of the outbox, and it is never sent', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      // Gmail asks to wait 8 seconds: without Discard the next try would deliver it.
      await writeQuickMessage(page, 'ops@example.com', 'Weekly numbers', 'All systems go.')
      const item = await sendIntoRetry(page, world, 8, 'Weekly numbers')
      await item.getByRole('button', { name: 'Discard' }).click()
      await item.waitFor({ state: 'detached' })

      // Past the time of the next try: nothing reached Gmail, and the outbox stays empty.
      await page.waitForTimeout(10_000)
      assert.equal(world.sandbox.mailbox().length, 0, 'the discarded message was not sent')
      assert.equal(await item.count(), 0, 'it did not come back to the outbox')
      await nav(page, 'Drafts').click()
      await page.getByRole('listitem').filter({ hasText: 'Weekly numbers' }).waitFor()
    })
  })

  test('Gmail’s “insufficient permissions” asks for the permission, not for a revoked grant', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      // As when a Workspace administrator stops Postline from sending: the sign-in still works.
      assert.equal(world.sandbox.withdrawScope(ADA, googleFacts.GMAIL_SEND_SCOPE), 1)
      await writeQuickMessage(page, 'lin@example.com', 'Needs the permission', 'Hello.')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Not sent yet: Postline needs permission to send')
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      await nav(page, 'Outbox').click()
      const item = page.getByRole('listitem').filter({ hasText: 'Needs the permission' })
      await item.getByText('Needs permission to send').waitFor()
      const text = (await item.textContent()) ?? ''
      assert.match(text, /leave “Send email on your behalf” ticked/)
      assert.doesNotMatch(text, /no longer accepts|waiting for you to reconnect/i)
      assert.match(
        (await accountItem(page, ADA).textContent()) ?? '',
        /Connected/,
        'the account is not shown as signed out',
      )
      await capture(page, 'outbox-needs-permission')

      await item.getByRole('button', { name: 'Reconnect' }).click()
      const returned = await answerConsent(world, ADA)
      await returned.getByText('return to Postline').waitFor()
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      assert.equal((await onlyMessage(world)).subject, 'Needs the permission')
    })
  })
})
