// The window in Brazilian Portuguese, every view with screenshots under
// test-artifacts/screenshots/pt-BR/, and the language switched in Settings without a reload, the
// draft kept. Spanish is languages-es.test.ts and the pseudo-locale languages-pseudo.test.ts
// (each file stays under the runner's per-file time limit).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ok } from '../helpers/core'
import { addAccount, suiteBrowser } from './app-world'
import { nav, writeQuickMessage } from './composer-page'
import { ADA, inWorld, localeViews, navTo, shoot, withRun, wordsFor } from './languages-world'

const browser = suiteBrowser()

describe('the window in Portuguese (Brazil)', () => {
  test('welcome, sign-in, composer, every outbox state, drafts and settings', async () => {
    await localeViews(browser(), 'pt-BR')
  })
})

describe('choosing the language in Settings', () => {
  test('re-renders at once, without a reload, keeps the draft, and is remembered', async () => {
    const en = wordsFor('en')
    const es = wordsFor('es')
    await inWorld(browser(), async (world) => {
      await withRun(world, {}, async (app) => {
        const { page } = app
        await addAccount(app, world, ADA)
        await writeQuickMessage(
          page,
          'lucia@example.com',
          'Cena del viernes',
          'Nos vemos a las ocho.',
        )
        await page.evaluate('globalThis.__sameDocument = true')
        await nav(page, 'Settings').click()
        const choice = page.getByRole('combobox', { name: en.t('common.language') })
        await choice.selectOption('es')
        await page.getByRole('heading', { name: es.t('settings.title'), level: 2 }).waitFor()
        assert.equal(await page.evaluate('document.documentElement.lang'), 'es')
        await shoot(page, 'es', 'settings-switched')
        await navTo(page, es, 'compose').click()
        assert.equal(await page.evaluate('globalThis.__sameDocument === true'), true, 'no reload')
        assert.equal(await page.locator('input.subject-input').inputValue(), 'Cena del viernes')
        await page
          .getByRole('textbox', { name: es.t('composer.body.label') })
          .getByText('Nos vemos a las ocho.')
          .waitFor()
        const state = ok(await app.core.handlers['language.get'](undefined))
        assert.equal(state.chosen, 'es', 'main remembers the choice')
      })
      await withRun(world, {}, async (app) => {
        const { page } = app
        await navTo(page, es, 'settings').click()
        const choice = page.getByRole('combobox', { name: es.t('common.language') })
        assert.equal(await choice.inputValue(), 'es', 'the choice outlives a restart')
        await choice.selectOption('system')
        await navTo(page, en, 'settings').waitFor()
        assert.equal(ok(await app.core.handlers['language.get'](undefined)).chosen, null)
      })
    })
  })
})
