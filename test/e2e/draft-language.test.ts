// Spell checking in the window: the body editor carries the message's language (`lang`) and
// `spellcheck`, a selector near the subject switches it, and each draft remembers its own.
// Headless Chromium here has no Hunspell dictionaries and no Electron session, so the red
// underlines and the suggestions themselves cannot show: test/unit/main/spellcheck.test.ts covers
// the dictionaries main sets and the context menu it builds.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { body, nav, writeQuickMessage } from './composer-page'
import { addAccount, capture, suiteBrowser, withApp } from './app-world'
import { ok } from '../helpers/core'
import type { PostlineCore } from '../../src/main/core'

const ADA = 'ada@sandbox.test'
const browser = suiteBrowser()

const selector = (page: Page) => page.locator('select.draft-language')

/** The editor's `lang` once it is `expected` (the attribute follows the selector at once). */
async function editorLang(page: Page, expected: string): Promise<void> {
  // The editable element, whatever the window's language names it.
  const editor = page.locator('.editor-content[contenteditable="true"]')
  await page.locator(`.editor-content[lang="${expected}"]`).waitFor()
  assert.equal(await editor.getAttribute('lang'), expected)
  assert.equal(await editor.getAttribute('spellcheck'), 'true')
}

describe('the message’s language', () => {
  test('follows the window, switches from the composer, and is remembered per draft', async () => {
    await withApp(browser(), async (app, world) => {
      const { page, core } = app
      await addAccount(app, world, ADA)

      // A new message is written in the window's language.
      await editorLang(page, 'en')
      assert.equal(await selector(page).inputValue(), 'en')
      assert.equal(
        await page.getByRole('combobox', { name: 'Language of this message' }).count(),
        1,
      )
      assert.deepEqual(await selector(page).locator('option').allTextContents(), [
        'English',
        'Português (Brasil)',
        'Español',
      ])

      await writeQuickMessage(page, 'ana@example.com', 'Relatório', 'Segue o relatório em anexo.')
      await selector(page).selectOption('pt-BR')
      await editorLang(page, 'pt-BR')
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()
      const [saved] = ok(await core.handlers['drafts.list'](undefined))
      assert.ok(saved)
      await waitForLang(core, saved.id, 'pt-BR')
      await capture(page, 'composer-draft-language')

      // Another message: the window's language again.
      await page.getByRole('button', { name: 'New message' }).click()
      await editorLang(page, 'en')
      await writeQuickMessage(page, 'bo@example.com', 'Informe', 'Te adjunto el informe.')
      await selector(page).selectOption('es')
      await editorLang(page, 'es')
      await page.locator('.save-status', { hasText: 'Draft saved' }).waitFor()

      // Back to the first draft: its own language, in the editor and the selector.
      await nav(page, 'Drafts').click()
      await page
        .getByRole('listitem')
        .filter({ hasText: 'Relatório' })
        .getByRole('button', { name: 'Open' })
        .click()
      await page.getByLabel('Subject').waitFor()
      await body(page).getByText('Segue o relatório em anexo.').waitFor()
      await editorLang(page, 'pt-BR')
      assert.equal(await selector(page).inputValue(), 'pt-BR')

      // The window's language changes: a chosen draft language stays, a new message follows.
      ok(await core.handlers['language.set']({ language: 'es' }))
      await page.locator('html[lang="es"]').waitFor()
      await editorLang(page, 'pt-BR')
      assert.equal(
        await page.getByRole('combobox', { name: 'Idioma de este mensaje' }).inputValue(),
        'pt-BR',
      )
      ok(await core.handlers['language.set']({ language: null }))
    })
  })
})

/** Main's record of the draft reaches `lang` (the save after the switch may still be on its way). */
async function waitForLang(core: PostlineCore, id: string, lang: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const answer = await core.handlers['drafts.get']({ id })
    if (answer.ok && answer.value.lang === lang) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  assert.fail(`draft ${id} never reached lang ${lang}`)
}
