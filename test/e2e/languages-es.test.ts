// The window in Spanish: every view with screenshots under test-artifacts/screenshots/es/.
import { describe, test } from 'node:test'
import { suiteBrowser } from './app-world'
import { localeViews } from './languages-world'

const browser = suiteBrowser()

describe('the window in Spanish', () => {
  test('welcome, sign-in, composer, every outbox state, drafts and settings', async () => {
    await localeViews(browser(), 'es')
  })
})
