// Issue 13, points 5, 7, 8 and 14, as a person meets them: Undo after Discard and Delete, errors
// next to what they are about, where the focus lands, and the questions Send asks first.
import assert from 'node:assert/strict'
import { open, rm } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  body,
  chips,
  fixture,
  nav,
  recipients,
  signatureBlock,
  toast,
  writeQuickMessage,
} from './composer-page'
import { layoutProblems } from '../helpers/layout-check'
import { addAccount, capture, SCREENSHOTS, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const browser = suiteBrowser()

/** What has the focus: its role or tag, its accessible label, whether it is the message body. */
function focused(page: Page) {
  return page.evaluate(() => {
    const dom = globalThis as unknown as {
      document: {
        activeElement: {
          tagName: string
          textContent: string | null
          getAttribute(name: string): string | null
          closest(selector: string): unknown
        } | null
        body: unknown
      }
    }
    const element = dom.document.activeElement
    if (element === null || element === dom.document.body) return 'the page'
    if (element.getAttribute('contenteditable') === 'true') return 'body'
    if (element.getAttribute('role') === 'combobox') {
      const labels = (element as unknown as { labels: { textContent: string }[] }).labels
      return `combobox ${labels[0]?.textContent.trim() ?? ''}`
    }
    const label = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''
    const where = element.closest('.toast') ? 'toast ' : ''
    return `${where}${element.tagName.toLowerCase()} ${label}`.trim()
  })
}

/** A quick picture (no accessibility pass): for toasts that would time out during `capture`. */
async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-light.png`) })
}

async function waitForSubject(page: Page, subject: string): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      (
        globalThis as unknown as {
          document: { querySelector(selector: string): { value: string } | null }
        }
      ).document.querySelector('.subject-input')?.value === expected,
    subject,
  )
}

async function waitForSaved(page: Page): Promise<void> {
  await page.locator('.save-status[data-phase="saved"]').waitFor()
}

async function draftSubjects(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        postline: { drafts: { list(): Promise<{ ok: boolean; value: { subject: string }[] }> } }
      }
    ).postline
    const listed = await api.drafts.list()
    return listed.ok ? listed.value.map((draft) => draft.subject) : []
  })
}

async function waitForMailbox(
  world: { sandbox: { mailbox(): readonly unknown[] } },
  count: number,
) {
  const until = Date.now() + UNDO_DELAY_MS + 15_000
  while (world.sandbox.mailbox().length < count) {
    if (Date.now() > until) throw new Error(`the sandbox never held ${count} messages`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Closes each toast shown, as the person does with its × (Dismiss). */
async function dismissToasts(page: Page): Promise<void> {
  const close = toast(page).getByRole('button', { name: 'Dismiss' })
  while ((await close.count()) > 0) {
    await close.first().click()
  }
  await toast(page).locator('.toast').waitFor({ state: 'detached' })
}

describe('no lost work, errors in place, focus, and questions before sending', () => {
  test('point 5: Discard and Delete offer Undo, which brings the draft back with the focus in its body', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      // A signature, so that "the end of the person's text" is not the end of the body.
      await nav(page, 'Settings').click()
      const signature = page.getByRole('textbox', { name: ADA, exact: true })
      await signature.click()
      await signature.pressSequentially('Ada Lovelace')
      await nav(page, 'Compose').click()
      await signatureBlock(page).getByText('Ada Lovelace').waitFor()
      await writeQuickMessage(page, 'zoe@example.com', 'Plans for May', 'A long letter.')
      await waitForSaved(page)

      await page.getByRole('button', { name: 'Discard' }).click()
      await toast(page).getByText('Draft discarded').waitFor()
      await toast(page).getByText('Ctrl+Z').waitFor()
      assert.equal(await page.getByLabel('Subject').inputValue(), '', 'the composer is fresh')
      assert.equal(await focused(page), 'combobox To', 'the focus is in the new message’s To')
      assert.deepEqual(await draftSubjects(page), [], 'the draft left the list at once')
      await snap(page, 'flow-discard-undo-toast')

      await toast(page).getByRole('button', { name: 'Undo' }).click()
      await toast(page).getByText('Draft discarded').waitFor({ state: 'hidden' })
      await waitForSubject(page, 'Plans for May')
      assert.equal(await focused(page), 'body', 'Undo puts the focus in the draft’s body')
      await page.keyboard.type(' Still here.')
      await body(page).getByText('Still here.').waitFor()
      // The caret was at the end of the person's text: the new words follow it, and the
      // signature block still comes after both.
      const text = (await body(page).innerText()).replace(/\s+/g, ' ').trim()
      assert.match(text, /^A long letter\. Still here\. ?-- Ada Lovelace$/, text)
      assert.deepEqual(await draftSubjects(page), ['Plans for May'])
      await capture(page, 'flow-discard-undone')

      // Delete in the Drafts list, then Ctrl+Z (the focus is on a button, not in a field).
      await waitForSaved(page)
      await nav(page, 'Drafts').click()
      const row = page.getByRole('listitem').filter({ hasText: 'Plans for May' })
      await row.getByRole('button', { name: 'Delete' }).focus()
      await page.keyboard.press('Enter')
      await row.waitFor({ state: 'detached' })
      await toast(page).getByText('Draft discarded').waitFor()
      assert.notEqual(await focused(page), 'the page', 'the focus did not fall to the page')
      await snap(page, 'flow-delete-undo-toast')
      await page.keyboard.press('Control+z')
      await waitForSubject(page, 'Plans for May')
      assert.equal(await focused(page), 'body')
      await body(page).getByText('Still here.').waitFor()
      await page.keyboard.type(' Once more.')
      await body(page).getByText('Once more.').waitFor()
      const again = (await body(page).innerText()).replace(/\s+/g, ' ').trim()
      assert.match(again, /^A long letter\. Still here\. Once more\. ?-- Ada Lovelace$/, again)
      assert.deepEqual(await draftSubjects(page), ['Plans for May'])
    })
  })

  test('point 7: each error sits next to its cause and goes when the cause goes', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const composer = page.locator('section.composer')

      // A recipient that cannot be used: the error is by the recipients, and goes with the chip.
      const to = recipients(page, 'To')
      await to.pressSequentially('Ann Lee ann@lee')
      await to.press('Enter')
      await page.getByLabel('Subject').fill('Minutes')
      await page.getByRole('button', { name: 'Send' }).click()
      const recipientError = composer.getByRole('alert').filter({ hasText: 'Ann Lee ann@lee' })
      await recipientError.waitFor()
      // Said once: the field's sentence (now an alert) and the chip's marking, nothing more.
      assert.equal(await composer.getByRole('alert').count(), 1, 'one alert')
      assert.match(
        (await recipientError.textContent()) ?? '',
        /^“Ann Lee ann@lee” can’t be used: Spaces are not allowed/,
      )
      assert.equal(await composer.getByText('An address isn’t valid').count(), 0)
      const invalidChip = chips(page, 'To').getByRole('button', { name: 'Edit Ann Lee ann@lee' })
      const reasonId = await invalidChip.getAttribute('aria-describedby')
      const chipReason = page.locator(`[id="${reasonId ?? ''}"]`)
      assert.match(
        (await chipReason.textContent()) ?? '',
        /^Spaces are not allowed/,
        'the chip is described by why it cannot be used',
      )
      const reasonBox = await chipReason.boundingBox()
      assert.ok(reasonBox === null || reasonBox.width <= 1, 'and does not say it again on screen')
      await page.mouse.move(1, 1)
      await capture(page, 'flow-error-recipient')
      assert.deepEqual(await layoutProblems(page), [])
      await chips(page, 'To').getByRole('button', { name: 'Remove Ann Lee ann@lee' }).click()
      await recipientError.waitFor({ state: 'detached' })

      // An attached file deleted from disk: Send is refused, its chip is marked, the error is
      // under that file, and both go when it is removed.
      await to.pressSequentially('ann@lee.com')
      await to.press('Enter')
      const photo = await fixture(world, 'photo-12.jpg', 'not really a photo')
      const notes = await fixture(world, 'notes.txt', 'notes')
      world.chosenFiles.push([photo.path, notes.path])
      await page.getByRole('button', { name: 'Attach files' }).click()
      const list = page.getByRole('region', { name: 'Attachments' })
      await list.getByText('photo-12.jpg').waitFor()
      await rm(photo.path)
      await page.getByRole('button', { name: 'Send' }).click()
      const photoChip = list.getByRole('listitem').filter({ hasText: 'photo-12.jpg' })
      await photoChip.getByRole('alert').waitFor()
      await photoChip.getByText('Can’t be sent').waitFor()
      assert.match((await photoChip.getByRole('alert').textContent()) ?? '', /photo-12\.jpg/)
      assert.equal(await page.locator('.alert-region').textContent(), '', 'nothing at the top')
      assert.equal(world.sandbox.mailbox().length, 0, 'nothing was sent')
      await page.mouse.move(1, 1)
      await capture(page, 'flow-error-attachment')
      assert.deepEqual(await layoutProblems(page), [], 'the marked file is seen whole')
      await photoChip.getByRole('button', { name: 'Remove photo-12.jpg' }).click()
      await photoChip.waitFor({ state: 'detached' })
      assert.equal(await composer.getByRole('alert').count(), 0, 'the error went with the file')

      // A refused file in the smallest window (640×480, the minimum), scrolled: the error is by
      // Attach files, in view.
      await page.setViewportSize({ width: 640, height: 480 })
      const huge = path.join(world.filesDir, 'video.mov')
      const handle = await open(huge, 'w')
      await handle.truncate(27 * 1024 * 1024)
      await handle.close()
      world.chosenFiles.push([huge])
      await page.getByRole('button', { name: 'Attach files' }).click()
      const refused = page.locator('.composer-footer').getByRole('alert')
      await refused.waitFor()
      assert.match((await refused.textContent()) ?? '', /video\.mov/)
      await capture(page, 'flow-error-refused-file')
      const box = await refused.boundingBox()
      assert.ok(
        box !== null && box.y >= 0 && box.y + box.height <= 481,
        `the error is in view: ${JSON.stringify(box)}`,
      )
      assert.deepEqual(await layoutProblems(page), [], 'the refused file’s error is laid out')
      // It goes once a file is attached.
      world.chosenFiles.push([notes.path])
      await page.getByRole('button', { name: 'Attach files' }).click()
      await refused.waitFor({ state: 'detached' })
    })
  })

  test('point 8: focus after Send, Undo and "sent"; Esc closes the toast; Ctrl+Z is Undo outside the editor', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await writeQuickMessage(page, 'zoe@example.com', 'First try', 'Hello Zoe.')
      await page.keyboard.press('Control+Enter')
      const undo = toast(page).getByRole('button', { name: 'Undo' })
      await undo.waitFor()
      assert.equal(await focused(page), 'combobox To', 'after Send: the new message’s To')
      assert.equal(await undo.getAttribute('aria-keyshortcuts'), 'Control+Z')
      await snap(page, 'flow-focus-after-send')

      // In the (empty) To, Ctrl+Z is the toast's Undo: the message comes back, focus in its body.
      await page.keyboard.press('Control+z')
      await page.getByText('Sending undone. The message is back in the composer.').waitFor()
      assert.equal(await page.getByLabel('Subject').inputValue(), 'First try')
      assert.equal(await focused(page), 'body', 'after Undo: the restored draft’s body')

      // Inside the editor Ctrl+Z stays the editor's own undo.
      await page.keyboard.press('Escape')
      await page.keyboard.press('Control+Enter')
      await undo.waitFor()
      await body(page).click()
      await page.keyboard.type('scratch')
      await page.keyboard.press('Control+z')
      assert.equal(await body(page).getByText('scratch').count(), 0, 'the editor undid its typing')
      assert.equal(await undo.count(), 1, 'the message is still on its way')

      // Undo is one Tab from the composer's last button (Discard, now that it has content); Esc
      // closes the toast and the focus goes back where it was.
      const last = page.locator('.composer-footer button').last()
      await last.focus()
      const lastName = await focused(page)
      assert.equal(lastName, 'button Discard')
      await page.keyboard.press('Tab')
      // (Its text is “Undo” and the shortcut “Ctrl+Z”, hidden from its accessible name.)
      assert.equal(await focused(page), 'toast button UndoCtrl+Z')
      await snap(page, 'flow-undo-one-tab')
      await page.keyboard.press('Escape')
      await undo.waitFor({ state: 'detached' })
      assert.equal(await focused(page), lastName)

      // The message goes out; the person already writes the next one, and "sent" leaves them be.
      const to = recipients(page, 'To')
      await to.click()
      await to.pressSequentially('max@exa')
      await page.waitForTimeout(UNDO_DELAY_MS + 2_000)
      assert.equal(world.sandbox.mailbox().length, 1, 'Esc closed the toast, not the sending')
      assert.equal(await focused(page), 'combobox To')
      assert.equal(await to.inputValue(), 'max@exa')
    })
  })

  test('point 14: Send asks about an empty subject once; "Don’t ask again" is remembered and reset in Settings', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await writeQuickMessage(page, 'zoe@example.com', '', 'No subject here.')
      await page.keyboard.press('Control+Enter')
      const question = page.getByRole('dialog', { name: 'Send without a subject?' })
      await question.waitFor()
      assert.equal(await focused(page), 'button Add a subject')
      await capture(page, 'flow-no-subject-question')
      await page.keyboard.press('Enter')
      await question.waitFor({ state: 'hidden' })
      assert.equal(await focused(page), 'input', 'Add a subject puts the focus in Subject')
      await page.keyboard.type('Now with one')
      await page.keyboard.press('Control+Enter')
      await toast(page).getByRole('button', { name: 'Undo' }).waitFor()
      assert.equal(await question.isVisible(), false)

      // No subject again: tick "Don't ask again" with the keyboard and send anyway.
      await writeQuickMessage(page, 'max@example.com', '', 'Second.')
      await page.keyboard.press('Control+Enter')
      await question.waitFor()
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Space')
      assert.equal(
        await question.getByRole('checkbox', { name: 'Don’t ask again' }).isChecked(),
        true,
      )
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await question.waitFor({ state: 'hidden' })
      await page.keyboard.press('Escape')

      // Not asked any more…
      await writeQuickMessage(page, 'ann@example.com', '', 'Third.')
      await page.keyboard.press('Control+Enter')
      await toast(page).getByRole('button', { name: 'Undo' }).waitFor()
      assert.equal(await question.isVisible(), false)
      await page.keyboard.press('Escape')

      // …until Settings turns it back on.
      await nav(page, 'Settings').click()
      const settings = page.getByRole('region', { name: 'Questions before sending' })
      await settings.getByText('You chose not to be asked “Send without a subject?”.').waitFor()
      // The picture is of the section, scrolled into sight, once the sending toasts are gone.
      await waitForMailbox(world, 2)
      await dismissToasts(page)
      await settings.scrollIntoViewIfNeeded()
      await capture(page, 'flow-settings-questions')
      await settings.getByRole('button', { name: 'Ask again' }).click()
      await settings.getByRole('button', { name: 'Ask again' }).waitFor({ state: 'detached' })
      await nav(page, 'Compose').click()
      await writeQuickMessage(page, 'bo@example.com', '', 'Fourth.')
      await page.keyboard.press('Control+Enter')
      await question.waitFor()
      await page.keyboard.press('Escape')
      await question.waitFor({ state: 'hidden' })

      await page.waitForTimeout(UNDO_DELAY_MS + 2_000)
      const subjects = world.sandbox.mailbox().map((message) => message.raw.toString())
      assert.equal(subjects.length, 3, 'three sent, the fourth waits for its answer')
      assert.ok(subjects.some((raw) => /Subject: Now with one/.test(raw)))
    })
  })
  test('point 14: "Don’t ask again" for the attachment question, ticked with a click, holds until Settings', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await writeQuickMessage(page, 'zoe@example.com', 'Report', 'The report is attached.')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      const question = page.getByRole('dialog', { name: 'Send without attachment?' })
      await question.waitFor()
      await question.getByRole('checkbox', { name: 'Don’t ask again' }).click()
      await question.getByRole('button', { name: 'Send anyway' }).click()
      await question.waitFor({ state: 'hidden' })
      await toast(page).getByRole('button', { name: 'Undo' }).waitFor()
      await page.keyboard.press('Escape')

      // Another message that mentions an attachment: sent without the question.
      await writeQuickMessage(page, 'max@example.com', 'Slides', 'Slides attached, as promised.')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await toast(page).getByRole('button', { name: 'Undo' }).waitFor()
      assert.equal(await question.count(), 0, 'not asked again')
      await waitForMailbox(world, 2)
      const subjects = world.sandbox.mailbox().map((message) => message.raw.toString())
      assert.ok(subjects[0]!.includes('Subject: Report'))
      assert.ok(subjects[1]!.includes('Subject: Slides'))

      // Settings says so, and "Ask again" brings the question back.
      await dismissToasts(page)
      await nav(page, 'Settings').click()
      const settings = page.getByRole('region', { name: 'Questions before sending' })
      await settings.getByText('You chose not to be asked “Send without attachment?”.').waitFor()
      await settings.getByRole('button', { name: 'Ask again' }).click()
      await settings.getByRole('button', { name: 'Ask again' }).waitFor({ state: 'detached' })
      await nav(page, 'Compose').click()
      await writeQuickMessage(page, 'bo@example.com', 'Notes', 'Notes attached.')
      await page.getByRole('button', { name: 'Send', exact: true }).click()
      await question.waitFor()
      await page.keyboard.press('Escape')
      await question.waitFor({ state: 'hidden' })
      assert.equal(world.sandbox.mailbox().length, 2, 'Escape sent nothing')
    })
  })
})
