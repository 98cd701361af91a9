// The pseudo-locale (en-XA: English accented, in ⟦ ⟧, 40% longer) over every view: it lists
// every text a person would meet in English, every clipped text and every pair of overlapping
// controls, with screenshots under test-artifacts/screenshots/en-XA/ (the audit is
// languages-audit.ts; the composer's later views are languages-pseudo-later.test.ts).
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { PSEUDO_LANGUAGE } from '../../src/shared/i18n/languages'
import { ok } from '../helpers/core'
import { accountItem, answerConsent, suiteBrowser } from './app-world'
import { navByPlace } from './composer-page'
import { PseudoAudit } from './languages-audit'
import {
  ADA,
  addThroughCore,
  fillOutbox,
  GRACE,
  inWorld,
  row,
  STILL,
  withRun,
} from './languages-world'

const browser = suiteBrowser()

describe('the pseudo-locale', () => {
  test('shows no English-only text, no clipped text and no overlapping controls', async () => {
    const audit = new PseudoAudit()
    const look = (page: Page, view: string) => audit.look(page, view)
    await inWorld(browser(), async (world) => {
      await withRun(world, { timing: STILL }, async (app) => {
        const { page } = app
        ok(await app.core.handlers['language.set']({ language: PSEUDO_LANGUAGE }))
        await page.locator('.welcome-title').filter({ hasText: '⟦' }).waitFor()
        await look(page, 'welcome')
        await page.locator('.welcome .button.primary').click()
        await page.locator('.sign-in-panel').waitFor()
        await look(page, 'signing-in')
        await answerConsent(world, ADA)
        await accountItem(page, ADA).waitFor()
        await addThroughCore(app, world, GRACE)
        await page.locator('input.subject-input').fill('Pseudo check')
        await look(page, 'composer')
        await navByPlace(page, 'Outbox').click()
        const items = await fillOutbox(app, world)
        await row(page, items.queued.subject).locator('.state-badge').waitFor()
        await row(page, items.sending.subject).locator('.progress').waitFor()
        await look(page, 'outbox')
        await page.locator('.banner.warning').waitFor()
        await navByPlace(page, 'Drafts').click()
        await page.locator('.draft-list, .panel-empty').first().waitFor()
        await look(page, 'drafts')
        await navByPlace(page, 'Settings').click()
        await page.locator('select.language-select').waitFor()
        await look(page, 'settings')
        await accountItem(page, ADA).locator('.button.quiet').click()
        await page.locator('dialog[open]').waitFor()
        await look(page, 'sign-out')
        await page.locator('dialog[open] .dialog-actions .button').first().click()
      })
    })
    audit.verdict()
  })
})
