// Issue 12, point 4: templates. Save the open message as a template (its file copied), insert it
// replacing the message (asked first when there is text of the person's; Undo brings it back;
// the signature stays) or at the cursor, open the list with the shortcut, and manage templates
// in Settings (rename, delete after asking, the empty list).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { ok } from '../helpers/core'
import {
  addresses,
  body,
  caretTo,
  chips,
  dropFile,
  fixture,
  nav,
  onlyMessage,
  recipients,
  setSignature,
  signatureBlock,
  toast,
} from './composer-page'
import { addAccount, capture, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const browser = suiteBrowser()

function dialog(page: Page) {
  return page.getByRole('dialog')
}

function subject(page: Page) {
  return page.getByRole('textbox', { name: 'Subject' })
}

async function newMessage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New message' }).click()
  await page.getByLabel('Subject').waitFor()
  await body(page).waitFor()
}

describe('templates in the composer', () => {
  test('save with a file, insert replacing (asked, undoable, signature kept) and at the cursor, with the shortcut', async () => {
    await withApp(browser(), async (app, world) => {
      const { page, core } = app
      await addAccount(app, world, ADA)
      await setSignature(page, ADA, 'Ada Lovelace')

      // The message to keep as a template: To, Cc, subject, text and a file.
      await recipients(page, 'To').fill('grace@example.com')
      await recipients(page, 'To').press('Enter')
      await page.getByRole('button', { name: 'Cc', exact: true }).click()
      await recipients(page, 'Cc').fill('bea@example.com')
      await recipients(page, 'Cc').press('Enter')
      await page.getByLabel('Subject').fill('Weekly report')
      await body(page).focus()
      await caretTo(page, 'start')
      await page.keyboard.type('This week: templates shipped.')
      const csv = await fixture(world, 'figures.csv', 'week,shipped\n48,templates\n')
      await app.renderer.registerDroppedFile('figures.csv', csv.path)
      await dropFile(page, 'figures.csv', 'week,shipped\n48,templates\n')
      await page.getByText('figures.csv').waitFor()

      // No templates yet: the dialog says so and offers to save this message.
      await page.getByRole('button', { name: 'Templates' }).click()
      await dialog(page).getByText('No templates yet.').waitFor()
      await capture(page, 'templates-empty')
      await dialog(page).getByRole('button', { name: 'Save this message as a template…' }).click()
      const name = dialog(page).getByRole('textbox', { name: 'Template name' })
      // An empty name is refused with its own sentence, and nothing is saved.
      await dialog(page).getByRole('button', { name: 'Save template' }).click()
      await dialog(page).getByRole('alert').getByText('Give the template a name').waitFor()
      assert.deepEqual(ok(await core.handlers['templates.list'](undefined)), [])
      await name.fill('Weekly')
      await dialog(page)
        .getByRole('checkbox', { name: /Include the attached file/ })
        .check()
      await capture(page, 'templates-save')
      await dialog(page).getByRole('button', { name: 'Save template' }).click()
      await page.getByRole('status').getByText('Saved the template “Weekly”.').waitFor()
      const [saved] = ok(await core.handlers['templates.list'](undefined))
      assert.equal(saved?.name, 'Weekly')
      assert.deepEqual(saved?.to, ['grace@example.com'])
      assert.deepEqual(saved?.cc, ['bea@example.com'])
      assert.deepEqual(
        saved?.attachments.map((file) => file.name),
        ['figures.csv'],
      )
      const template = ok(await core.handlers['templates.get']({ id: saved!.id }))
      assert.match(template.html, /This week: templates shipped\./)
      assert.doesNotMatch(template.html, /Ada Lovelace|data-postline-signature/, 'no signature')

      // A name that is taken (whatever its case) is refused.
      await page.getByRole('button', { name: 'Templates' }).click()
      await dialog(page).getByRole('button', { name: 'Save this message as a template…' }).click()
      await name.fill('WEEKLY')
      await dialog(page).getByRole('button', { name: 'Save template' }).click()
      await dialog(page)
        .getByRole('alert')
        .getByText('There is already a template named “WEEKLY”.')
        .waitFor()
      await dialog(page).getByRole('button', { name: 'Cancel' }).click()

      // A new message with words of the person's; the shortcut opens the list from the body.
      await newMessage(page)
      await body(page).focus()
      await caretTo(page, 'start')
      await page.keyboard.type('My own words.')
      await page.keyboard.press('Control+Shift+T')
      await dialog(page)
        .getByRole('radio', { name: /Weekly/ })
        .waitFor()
      assert.equal(
        await dialog(page)
          .getByRole('radio', { name: /Weekly/ })
          .isChecked(),
        true,
      )
      await capture(page, 'templates-insert')
      await dialog(page).getByRole('button', { name: 'Replace message' }).click()
      // Text of the person's would go: asked first.
      await dialog(page).getByRole('heading', { name: 'Replace what you wrote?' }).waitFor()
      await capture(page, 'templates-confirm')
      await dialog(page).getByRole('button', { name: 'Replace', exact: true }).click()
      await body(page).getByText('This week: templates shipped.').waitFor()
      assert.equal(await body(page).getByText('My own words.').count(), 0)
      await signatureBlock(page).getByText('Ada Lovelace').waitFor()
      assert.equal(await subject(page).inputValue(), 'Weekly report')
      assert.deepEqual(await chips(page, 'To').allInnerTexts(), ['grace@example.com'])
      assert.deepEqual(await chips(page, 'Cc').allInnerTexts(), ['bea@example.com'])
      await page.locator('.attachment', { hasText: 'figures.csv' }).waitFor()
      await page
        .getByRole('status')
        .getByText('The text of “Weekly” replaced the message’s text.')
        .waitFor()

      // Undo in the body brings the person's words back (and Redo the template's).
      await body(page).focus()
      await page.keyboard.press('Control+z')
      await body(page).getByText('My own words.').waitFor()
      assert.equal(await body(page).getByText('This week: templates shipped.').count(), 0)
      await page.keyboard.press('Control+Shift+z')
      await body(page).getByText('This week: templates shipped.').waitFor()
      await capture(page, 'templates-replaced')

      // Sent: the template's recipients, its text above Ada's signature, and its file.
      await page.keyboard.press('Control+Enter')
      await toast(page)
        .getByText('Message sent')
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      const mail = await onlyMessage(world)
      assert.equal(mail.subject, 'Weekly report')
      assert.deepEqual(
        addresses(mail.to).map((to) => to.address),
        ['grace@example.com'],
      )
      assert.deepEqual(
        addresses(mail.cc).map((cc) => cc.address),
        ['bea@example.com'],
      )
      assert.match(mail.text ?? '', /This week: templates shipped\.[\s\S]*Ada Lovelace/)
      assert.deepEqual(
        mail.attachments.map((file) => [file.filename, file.content.toString('utf8')]),
        [['figures.csv', 'week,shipped\n48,templates\n']],
      )

      // At the cursor: only the text, where the caret is; subject and recipients untouched.
      // (After Send the composer starts a new message by itself.)
      await page.locator('.composer-title', { hasText: 'New message' }).waitFor()
      await page.getByLabel('Subject').fill('Own subject')
      await body(page).focus()
      await caretTo(page, 'start')
      await page.keyboard.type('Dear Alan,')
      await page.keyboard.press('Enter')
      await page.getByRole('button', { name: 'Templates' }).click()
      await dialog(page).getByRole('button', { name: 'Insert at cursor' }).click()
      await body(page).getByText('This week: templates shipped.').waitFor()
      await body(page).getByText('Dear Alan,').waitFor()
      const paragraphs = await body(page).locator('p').allInnerTexts()
      assert.ok(
        paragraphs.indexOf('Dear Alan,') < paragraphs.indexOf('This week: templates shipped.'),
        `the text went where the caret was: ${JSON.stringify(paragraphs)}`,
      )
      assert.equal(await subject(page).inputValue(), 'Own subject')
      assert.equal(await chips(page, 'To').count(), 0)
      assert.equal(await page.locator('.attachment').count(), 0)
      await signatureBlock(page).getByText('Ada Lovelace').waitFor()
      assert.equal(await signatureBlock(page).getByText('This week').count(), 0)
    })
  })
})

describe('templates in Settings', () => {
  test('lists, renames (a taken name refused), deletes after asking, then shows the empty list', async () => {
    await withApp(browser(), async (app, world) => {
      const { page, core } = app
      await addAccount(app, world, ADA)
      const fields = {
        subject: 'Hello',
        to: ['grace@example.com'],
        cc: [],
        bcc: [],
        html: '<p>Hi</p>',
      }
      ok(await core.handlers['templates.save']({ name: 'Welcome', fields }))
      ok(
        await core.handlers['templates.save']({
          name: 'Apology',
          fields: { ...fields, subject: '' },
        }),
      )
      await nav(page, 'Settings').click()
      const section = page.getByRole('region', { name: 'Templates' })
      const rows = section.getByRole('listitem')
      await rows.filter({ hasText: 'Welcome' }).waitFor()
      assert.deepEqual(
        (await rows.allInnerTexts()).map((text) => text.split('\n')[0]),
        ['Apology', 'Welcome'],
      )
      await rows
        .filter({ hasText: 'Welcome' })
        .getByText('Subject: Hello · 1 recipient · no files')
        .waitFor()
      await section.scrollIntoViewIfNeeded()
      await capture(page, 'templates-settings')

      // Rename: a taken name is refused in place; another is kept.
      await section.getByRole('button', { name: 'Rename Apology' }).click()
      const input = section.getByRole('textbox', { name: 'New name for Apology' })
      await input.fill('welcome')
      await input.press('Enter')
      await section
        .getByRole('alert')
        .getByText('There is already a template named “welcome”.')
        .waitFor()
      await capture(page, 'templates-settings-rename')
      await input.fill('Sorry')
      await input.press('Enter')
      await rows.filter({ hasText: 'Sorry' }).waitFor()
      assert.deepEqual(
        ok(await core.handlers['templates.list'](undefined)).map((template) => template.name),
        ['Sorry', 'Welcome'],
      )

      // Delete asks first; Cancel keeps it.
      await section.getByRole('button', { name: 'Delete Welcome' }).click()
      await dialog(page).getByRole('heading', { name: 'Delete the template “Welcome”?' }).waitFor()
      await capture(page, 'templates-settings-delete')
      await dialog(page).getByRole('button', { name: 'Cancel' }).click()
      assert.equal(ok(await core.handlers['templates.list'](undefined)).length, 2)
      for (const name of ['Welcome', 'Sorry']) {
        await section.getByRole('button', { name: `Delete ${name}` }).click()
        await dialog(page).getByRole('button', { name: 'Delete', exact: true }).click()
        await rows.filter({ hasText: name }).waitFor({ state: 'detached' })
      }
      await section.getByText('No templates yet.').waitFor()
      assert.deepEqual(ok(await core.handlers['templates.list'](undefined)), [])
    })
  })
})
