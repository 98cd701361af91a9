import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import { gmailErrors } from '../../src/sandbox'
import { body, chips, fixture, nav, onlyMessage, toast, writeQuickMessage } from './composer-page'
import {
  accountItem,
  addAccount,
  answerConsent,
  capture,
  UNDO_DELAY_MS,
  SCREENSHOTS,
  suiteBrowser,
  withApp,
} from './app-world'

const ADA = 'ada@sandbox.test'

const browser = suiteBrowser()

describe('sending, and the outbox', () => {
  test('Undo in the toast brings the message back into the composer', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await writeQuickMessage(page, 'zoe@example.com', 'Not quite ready', 'One more thing…')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page).getByRole('button', { name: 'Undo' }).click()
      await toast(page).getByText('Sending undone. The message is back in the composer.').waitFor()
      assert.equal(await page.getByLabel('Subject').inputValue(), 'Not quite ready')
      assert.deepEqual(await chips(page, 'To').locator('.chip-label').allTextContents(), [
        'zoe@example.com',
      ])
      await body(page).getByText('One more thing…').waitFor()
      await page.waitForTimeout(UNDO_DELAY_MS + 1_000)
      assert.deepEqual(world.sandbox.mailbox(), [], 'nothing reached Gmail')
      await nav(page, 'Drafts').click()
      await page.getByRole('listitem').filter({ hasText: 'Not quite ready' }).waitFor()
    })
  })

  test('a message refused with 429 waits, is retried, and is sent', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      world.sandbox.failNext('/gmail/v1/users/', gmailErrors.rateLimited(3))
      await writeQuickMessage(page, 'ops@example.com', 'Status report', 'All systems go.')
      await page.getByRole('button', { name: 'Send' }).click()
      await nav(page, 'Outbox').click()
      const item = page.getByRole('listitem').filter({ hasText: 'Status report' })
      await item.getByText('Waiting to retry').waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      assert.match((await item.textContent()) ?? '', /Next try at/)
      await capture(page, 'outbox-retry')
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      const mail = await onlyMessage(world)
      assert.equal(mail.subject, 'Status report')
    })
  })

  test('after Google revokes access, the message waits for Reconnect, then goes out', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      world.sandbox.revokeGrant(ADA)
      await writeQuickMessage(page, 'lin@example.com', 'Held back', 'Sent after reconnecting.')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Not sent yet: the account needs reconnecting')
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      await toast(page).getByRole('button', { name: 'Open Outbox' }).click()
      const item = page.getByRole('listitem').filter({ hasText: 'Held back' })
      await item.getByText('Needs reconnecting').waitFor()
      await capture(page, 'outbox-held')
      await item.getByRole('button', { name: 'Reconnect' }).click()
      const returned = await answerConsent(world, ADA)
      await returned.getByText('return to Postline').waitFor()
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      assert.equal((await onlyMessage(world)).subject, 'Held back')
      assert.match((await accountItem(page, ADA).textContent()) ?? '', /Connected/)
    })
  })

  test('a large message shows its upload progress', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const big = await fixture(world, 'scan.bin', randomBytes(6 * 1024 * 1024))
      world.chosenFiles.push([big.path])
      await writeQuickMessage(page, 'archive@example.com', 'The scan', 'Attached.')
      await page.getByRole('button', { name: 'Attach files' }).click()
      await page.getByRole('region', { name: 'Attachments' }).getByText('scan.bin').waitFor()
      world.sandbox.failNext('/upload/gmail/', { kind: 'delay', ms: 2_500 })
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByRole('progressbar')
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      await page.screenshot({ path: path.join(SCREENSHOTS, 'send-progress-light.png') })
      await toast(page).getByText('Message sent').waitFor({ timeout: 20_000 })
      const mail = await onlyMessage(world)
      assert.equal(
        createHash('sha256').update(mail.attachments[0]!.content).digest('hex'),
        big.sha256,
      )
    })
  })

  test('files over Gmail’s 35 MB are refused with a clear sentence', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const huge = path.join(world.filesDir, 'video.mov')
      const handle = await open(huge, 'w')
      await handle.truncate(27 * 1024 * 1024)
      await handle.close()
      world.chosenFiles.push([huge])
      await page.getByRole('button', { name: 'Attach files' }).click()
      // By Attach files, where the person is looking (issue 13, point 7).
      const alert = page.locator('.composer-footer').getByRole('alert')
      await alert.getByText('That is too much to attach.').waitFor()
      assert.match((await alert.textContent()) ?? '', /video\.mov/)
      assert.equal(await page.getByRole('region', { name: 'Attachments' }).count(), 0)
    })
  })

  test('a message Google refuses shows Google’s reason, and Discard puts it back in Drafts', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      world.sandbox.failNext('/gmail/v1/users/', gmailErrors.invalidArgument('Invalid To header'))
      await writeQuickMessage(page, 'max@example.com', 'Refused', 'Gmail will not take this.')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Message not sent', { exact: true })
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      await toast(page).getByRole('button', { name: 'Open Outbox' }).click()
      const item = page.getByRole('listitem').filter({ hasText: 'Refused' })
      await item.getByText('Not sent', { exact: true }).waitFor()
      assert.match((await item.textContent()) ?? '', /Invalid To header/)
      assert.equal(await item.getByRole('button', { name: 'Retry' }).count(), 1)
      await capture(page, 'outbox-failed')
      await item.getByRole('button', { name: 'Discard' }).click()
      await item.waitFor({ state: 'detached' })
      await toast(page).getByText('The message is back in Drafts.', { exact: false }).waitFor()
      await nav(page, 'Drafts').click()
      await page.getByRole('listitem').filter({ hasText: 'Refused' }).waitFor()
      assert.deepEqual(world.sandbox.mailbox(), [])
    })
  })

  test('a message whose connection broke may have been sent; Send again sends it', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      world.sandbox.failNext('/gmail/v1/users/', { kind: 'drop' })
      await writeQuickMessage(page, 'kim@example.com', 'Lost on the wire', 'Did it arrive?')
      await page.getByRole('button', { name: 'Send' }).click()
      await toast(page)
        .getByText('Message may have been sent', { exact: true })
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      await nav(page, 'Outbox').click()
      const item = page.getByRole('listitem').filter({ hasText: 'Lost on the wire' })
      await item.getByText('May have been sent', { exact: true }).waitFor()
      assert.equal(await item.getByRole('button', { name: 'Discard' }).count(), 1)
      await capture(page, 'outbox-unknown')
      await item.getByRole('button', { name: 'Send again' }).click()
      await item.getByText('Sent', { exact: true }).waitFor({ timeout: 15_000 })
      assert.equal((await onlyMessage(world)).subject, 'Lost on the wire')
    })
  })
})
