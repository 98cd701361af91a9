// The window comes back whole after reloads: each time the body editor is ready and takes typing,
// and the page raises no error. TipTap may hand the composer an editor it has already replaced
// on the way; the body's HTML must not be built from that one (it has no schema any more), which
// once crashed the window on about one reload in twelve.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { body } from './composer-page'
import { addAccount, suiteBrowser, withApp } from './app-world'

const browser = suiteBrowser()
const RELOADS = 24

describe('reloading the window', () => {
  test(`${RELOADS} reloads: the composer is ready each time and nothing throws`, async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, 'ada@sandbox.test')
      for (let i = 0; i < RELOADS; i++) {
        await page.reload()
        await page.waitForFunction(
          () => performance.getEntriesByName('composer-ready', 'mark').length > 0,
          undefined,
          { timeout: 20_000 },
        )
        assert.deepEqual(app.renderer.problems, [], `reload ${i + 1}`)
      }
      await body(page).click()
      await page.keyboard.type('Still here')
      await page.getByText('Still here').waitFor()
    })
  })
})
