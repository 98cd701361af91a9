// Issue 12, point 3: plain text. The per-message switch beside the toolbar (and Ctrl+Shift+P),
// the warning before formatting is lost (both answers), plain → rich without asking, a plain
// message sent as one format=flowed part, and the per-address default in Settings.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { ok } from '../helpers/core'
import {
  body,
  caretTo,
  nav,
  onlyMessage,
  setSignature,
  toast,
  writeQuickMessage,
} from './composer-page'
import { addAccount, capture, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'
const browser = suiteBrowser()

const LONG =
  'The engine read every card and turned every column, and the table of Bernoulli numbers ' +
  'came out exactly as the notes said it would.'

function plainSwitch(page: Page) {
  return page.getByRole('button', { name: 'Plain text', exact: true })
}

function question(page: Page) {
  return page.getByRole('alertdialog', { name: 'Switch to plain text?' })
}

/** Whether the editor on the page is the plain one, once it is. */
async function editorIs(page: Page, format: 'plain' | 'rich'): Promise<void> {
  await page
    .locator(
      format === 'plain'
        ? '.editor-content.editor-plain[contenteditable="true"]'
        : '.editor-content:not(.editor-plain)[contenteditable="true"]',
    )
    .waitFor()
  assert.equal(await plainSwitch(page).getAttribute('aria-pressed'), String(format === 'plain'))
}

describe('plain text', () => {
  test('the switch warns of what formatting is lost (Keep, then Switch), converts back without asking, and sends format=flowed', async () => {
    await withApp(browser(), async (app, world) => {
      const { page, core } = app
      await addAccount(app, world, ADA)
      await setSignature(page, ADA, 'Ada Lovelace')
      await editorIs(page, 'rich')
      assert.equal(
        await plainSwitch(page).getAttribute('aria-keyshortcuts'),
        'Control+Shift+P Meta+Shift+P',
      )
      assert.match((await plainSwitch(page).getAttribute('title')) ?? '', /\(Ctrl\+Shift\+P\)$/)

      await writeQuickMessage(page, 'grace@example.com', 'Notes', 'Hello ')
      await page.keyboard.press('Control+b')
      await page.keyboard.type('Charles')
      await page.keyboard.press('Control+b')
      await page.keyboard.type(', see ')
      await page.keyboard.press('Control+k')
      await page.getByRole('textbox', { name: 'Link to' }).fill('https://example.com/notes')
      await page.getByRole('textbox', { name: 'Link to' }).press('Enter')
      await body(page).locator('strong', { hasText: 'Charles' }).waitFor()

      // Rich → plain with formatting: the question names what the body has, and only that.
      await plainSwitch(page).click()
      await question(page).waitFor()
      const said = (await question(page).textContent()) ?? ''
      assert.match(said, /bold/)
      assert.match(said, /links/)
      assert.doesNotMatch(said, /tables|pictures|headings|italics/)
      assert.equal(
        await page.evaluate(() => {
          const active = (globalThis as unknown as { document: { activeElement: unknown } })
            .document.activeElement as { textContent?: string } | null
          return active?.textContent ?? ''
        }),
        'Keep formatting',
        'the answer that loses nothing has the focus',
      )
      await capture(page, 'plain-text-question')

      // Keep formatting: nothing changes.
      await question(page).getByRole('button', { name: 'Keep formatting' }).click()
      await question(page).waitFor({ state: 'detached' })
      await editorIs(page, 'rich')
      await body(page).locator('strong', { hasText: 'Charles' }).waitFor()

      // The shortcut asks again; Switch to plain text converts, the text all there.
      await body(page).focus()
      await page.keyboard.press('Control+Shift+P')
      await question(page).waitFor()
      await question(page).getByRole('button', { name: 'Switch to plain text' }).click()
      await editorIs(page, 'plain')
      assert.equal(await page.getByRole('toolbar', { name: 'Formatting' }).count(), 0)
      assert.equal(await body(page).locator('strong, a').count(), 0, 'no formatting left')
      await body(page)
        .getByText('Hello Charles, see https://example.com/notes (https://example.com/notes)')
        .or(body(page).getByText('Hello Charles, see https://example.com/notes'))
        .waitFor()
      await body(page).getByText('Ada Lovelace').waitFor()
      assert.equal(await body(page).getAttribute('spellcheck'), 'true')
      assert.equal(await body(page).getAttribute('lang'), 'en')

      // Plain text takes no formatting, and undo works in it.
      // A P.S. under the signature (Enter at its end leaves it), typed after Ctrl+B.
      await caretTo(page, 'end')
      await page.keyboard.press('Enter')
      await page.keyboard.press('Control+b')
      await page.keyboard.insertText(LONG)
      await body(page).getByText(LONG, { exact: true }).waitFor()
      assert.equal(await body(page).locator('strong').count(), 0)
      // A pause, so the next words are an undo step of their own (ProseMirror groups by time).
      await page.waitForTimeout(800)
      // One insertion, one step (typed key by key under load, it could span several).
      await page.keyboard.insertText(' Oops')
      await body(page).getByText(`${LONG} Oops`, { exact: true }).waitFor()
      await page.keyboard.press('Control+z')
      await body(page).getByText(LONG, { exact: true }).waitFor()
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()
      const [line] = ok(await core.handlers['drafts.list'](undefined))
      await waitFor(async () => {
        const draft = ok(await core.handlers['drafts.get']({ id: line!.id }))
        return draft.format === 'plain' && draft.text.includes(LONG) && !draft.text.includes('Oops')
      })
      await capture(page, 'plain-text-editor')

      // Plain → rich: no question, paragraphs; and back to plain: nothing to lose, no question.
      await page.keyboard.press('Control+Shift+P')
      await editorIs(page, 'rich')
      assert.equal(await question(page).count(), 0)
      await body(page).getByText(LONG).waitFor()
      await page.keyboard.press('Control+Shift+P')
      await editorIs(page, 'plain')
      assert.equal(await question(page).count(), 0)

      // Sent: one text/plain part, format=flowed, unfolded back to the long line.
      await page.keyboard.press('Control+Enter')
      await toast(page)
        .getByText('Message sent')
        .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
      const mail = await onlyMessage(world)
      assert.equal(mail.html, false)
      const raw = world.sandbox.mailbox()[0]!.raw.toString('latin1')
      assert.match(raw, /^Content-Type: text\/plain; charset=utf-8; format=flowed\r$/m)
      assert.doesNotMatch(raw, /text\/html|multipart/i)
      const lines = (mail.text ?? '').split('\n')
      assert.ok(lines.includes(LONG), `the long line unfolded: ${JSON.stringify(lines)}`)
      assert.ok(lines.includes('-- '), 'the signature separator kept')
      assert.ok(lines.includes('Ada Lovelace'))
    })
  })

  test('Settings: a per-address default; new messages from it start in plain text', async () => {
    await withApp(browser(), async (app, world) => {
      const { page, core } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      await editorIs(page, 'rich')

      await nav(page, 'Settings').click()
      const group = page.getByRole('group', { name: 'Write in plain text by default' })
      await group.waitFor()
      const ada = group.getByRole('checkbox', { name: ADA })
      assert.equal(await ada.isChecked(), false)
      assert.equal(await group.getByRole('checkbox', { name: GRACE }).isChecked(), false)
      // The box shows what main wrote: it turns on once the preference is on disk.
      await ada.click()
      await waitFor(async () => ada.isChecked())
      assert.deepEqual(ok(await core.handlers['plainText.defaults'](undefined)), [ADA])
      await page.getByRole('heading', { name: 'Plain text' }).scrollIntoViewIfNeeded()
      await capture(page, 'plain-text-settings')

      // The message waiting in the composer is new and untouched: it follows Ada's default.
      await nav(page, 'Compose').click()
      assert.equal(await page.getByLabel('From').inputValue(), ADA)
      await editorIs(page, 'plain')
      // From Grace (no default), the untouched message follows: rich; back to Ada: plain.
      await page.getByLabel('From').selectOption(GRACE)
      await editorIs(page, 'rich')
      await page.getByLabel('From').selectOption(ADA)
      await editorIs(page, 'plain')

      // A message the person switched keeps their choice.
      await plainSwitch(page).click()
      await editorIs(page, 'rich')
      await page.getByLabel('From').selectOption(GRACE)
      await page.getByLabel('From').selectOption(ADA)
      await page.waitForTimeout(300)
      await editorIs(page, 'rich')

      // The next new message from Ada starts in plain text again.
      await page.getByLabel('Subject').fill('Something')
      await page.getByRole('button', { name: 'New message' }).click()
      await editorIs(page, 'plain')
      assert.equal(await page.getByLabel('Subject').inputValue(), '')

      // Turned off again: remembered by main.
      await nav(page, 'Settings').click()
      await group.getByRole('checkbox', { name: ADA }).click()
      await waitFor(
        async () => ok(await core.handlers['plainText.defaults'](undefined)).length === 0,
      )
    })
  })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) assert.fail('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
