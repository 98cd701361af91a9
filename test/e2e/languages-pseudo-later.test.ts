// The pseudo-locale audit (languages-audit.ts) over the composer's later views: the templates
// dialog, the send-later menu and its date and time picker, the shortcuts sheet, the plain-text
// question, the note offering the new account's signature, the paste note, and the two send
// questions (no subject, the forgotten attachment). Screenshots under screenshots/en-XA/.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { PSEUDO_LANGUAGE } from '../../src/shared/i18n/languages'
import { ok } from '../helpers/core'
import { paste } from '../helpers/page-dom'
import { accountItem, answerConsent, suiteBrowser } from './app-world'
import { navByPlace, setSignature } from './composer-page'
import { NAMES_AND_CONTENT, PseudoAudit } from './languages-audit'
import { ADA, addThroughCore, GRACE, inWorld, STILL, withRun } from './languages-world'

const browser = suiteBrowser()

/** The test's own words, left as they are by the pseudo-locale. */
const CONTENT = [
  ...NAMES_AND_CONTENT,
  'Later views',
  'Weekly',
  'Bold words',
  'and the rest',
  'See the attached file',
  'Look',
]

/** The message body (its accessible name is pseudo-localized, so by its place). */
function body(page: Page) {
  return page.locator('.editor-scroll [contenteditable="true"]')
}

/** Looks at what `open` shows, then closes it with Escape and waits until it is `gone`. */
async function lookAndEscape(
  page: Page,
  audit: PseudoAudit,
  open: Locator,
  name: string,
  gone: 'hidden' | 'detached' = 'hidden',
): Promise<void> {
  await open.waitFor()
  await audit.look(page, name)
  await page.keyboard.press('Escape')
  await open.waitFor({ state: gone })
}

/** Puts the caret at the start of the body. */
async function caretToStart(page: Page): Promise<void> {
  await body(page).focus()
  await page.keyboard.press('Control+Home')
}

describe('the pseudo-locale in the later views', () => {
  test('templates, send later, shortcuts, plain text, signature, paste and send questions: nothing English, clipped or overlapping', async () => {
    const audit = new PseudoAudit(CONTENT)
    await inWorld(browser(), async (world) => {
      await withRun(world, { timing: STILL }, async (app) => {
        const { page } = app
        ok(await app.core.handlers['language.set']({ language: PSEUDO_LANGUAGE }))
        await page.locator('.welcome-title').filter({ hasText: '⟦' }).waitFor()
        await page.locator('.welcome .button.primary').click()
        await answerConsent(world, ADA)
        await accountItem(page, ADA).waitFor()
        await addThroughCore(app, world, GRACE)
        await setSignature(page, ADA, 'Ada Lovelace', navByPlace)
        await setSignature(page, GRACE, 'Grace Hopper', navByPlace)
        await page.locator('input.subject-input').waitFor()
        const to = page.locator('.recipient-input').first()
        await to.fill('alan@example.com')
        await to.press('Enter')

        // The shortcuts sheet (Ctrl+/ from the body).
        await caretToStart(page)
        await page.keyboard.press('Control+/')
        await lookAndEscape(
          page,
          audit,
          page.locator('dialog.shortcuts-sheet[open]'),
          'shortcuts-sheet',
        )

        // The templates dialog, empty, and its save step.
        await caretToStart(page)
        await page.keyboard.press('Control+Shift+T')
        const templates = page.locator('dialog.templates-dialog[open]')
        await templates.waitFor()
        await audit.look(page, 'templates-empty')
        await templates.locator('button.template-save-link').click()
        await templates.locator('input.text-input').waitFor()
        await audit.look(page, 'templates-save')
        await templates.locator('input.text-input').fill('Weekly')
        await templates.locator('input.text-input').press('Enter')
        await templates.waitFor({ state: 'hidden' })
        await page.locator('.template-notice').filter({ hasText: '⟦' }).waitFor()
        // Saved: the list, with the template to choose.
        await caretToStart(page)
        await page.keyboard.press('Control+Shift+T')
        await templates.getByRole('radio').first().waitFor()
        await audit.look(page, 'templates-list')
        await page.keyboard.press('Escape')
        await templates.waitFor({ state: 'hidden' })
        assert.equal(ok(await app.core.handlers['templates.list'](undefined)).length, 1)

        // The send-later menu and its date and time picker.
        await page.locator('button.send-more').click()
        const menu = page.locator('.send-later-menu')
        await menu.waitFor()
        await audit.look(page, 'send-later-menu')
        await menu.locator('.send-later-item').last().click()
        await lookAndEscape(
          page,
          audit,
          page.locator('dialog.later-picker[open]'),
          'send-later-picker',
        )

        // The plain-text question: the body has bold words.
        await caretToStart(page)
        await page.keyboard.press('Control+b')
        await page.keyboard.type('Bold words')
        await page.keyboard.press('Control+b')
        await page.keyboard.type(' and the rest')
        await page.keyboard.press('Control+Shift+P')
        await lookAndEscape(
          page,
          audit,
          page.getByRole('alertdialog'),
          'plain-text-question',
          'detached',
        )

        // The edited signature is kept when From changes: the note offers Grace's.
        const signature = body(page).locator('[data-postline-signature]')
        await signature.getByText('Ada Lovelace').click()
        await page.keyboard.press('End')
        await page.keyboard.type(', at home')
        await page.locator('select.from-select:not(.draft-language)').selectOption(GRACE)
        const offer = page.locator('.editor-note[role="group"]')
        await offer.waitFor()
        await audit.look(page, 'signature-offer')
        await offer.locator('button.quiet').click()
        await offer.waitFor({ state: 'detached' })

        // The paste note: a picture stored elsewhere is left out.
        await caretToStart(page)
        await paste(page, {
          'text/html': '<p>Look <img src="https://example.com/a.png"></p>',
          'text/plain': 'Look',
        })
        const note = page.locator('.paste-note')
        await note.waitFor()
        await audit.look(page, 'paste-note')
        await note.locator('.paste-note-close').click()
        await note.waitFor({ state: 'detached' })
        // Closing the note gives the focus back to the body on the next frame: the keys wait for it.
        await page.waitForFunction(
          () =>
            (
              globalThis as unknown as {
                document: { activeElement: { matches(s: string): boolean } | null }
              }
            ).document.activeElement?.matches('[contenteditable="true"]') === true,
        )

        // Send without a subject: asked first.
        const question = page.locator('dialog.send-question[open]')
        await page.keyboard.press('Control+Enter')
        await question.waitFor()
        assert.equal(await question.getAttribute('data-kind'), 'subject')
        await lookAndEscape(page, audit, question, 'send-no-subject')

        // With a subject, a body that says "attached" and no file: the reminder.
        await page.locator('input.subject-input').fill('Later views')
        await caretToStart(page)
        await page.keyboard.type('See the attached file. ')
        await page.keyboard.press('Control+Enter')
        await question.waitFor()
        assert.equal(await question.getAttribute('data-kind'), 'attachment')
        await lookAndEscape(page, audit, question, 'send-attachment-reminder')
        assert.equal(world.sandbox.mailbox().length, 0, 'nothing was sent')
      })
    })
    audit.verdict()
  })
})
