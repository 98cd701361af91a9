import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { launchChromium, watchedPage } from '../helpers/chromium'
import { afterFrames } from '../helpers/page-dom'

let browser: Browser

before(async () => {
  browser = await launchChromium()
})

after(async () => {
  await browser?.close()
})

// The e2e suite and the window benchmarks measure Postline's page, so nothing of Chromium's own
// may start beside it: Chromium 156 opens its omnibox popups (chrome://omnibox-popup.top-chrome/)
// in a renderer of their own with every page unless told not to (test/helpers/chromium.ts).
test('a page opens in the test Chromium with no browser UI of its own beside it', async () => {
  const session = await browser.newBrowserCDPSession()
  const created: string[] = []
  session.on('Target.targetCreated', ({ targetInfo }) => {
    created.push(`${targetInfo.type} ${targetInfo.url}`)
  })
  await session.send('Target.setDiscoverTargets', { discover: true })
  const { context, page, problems } = await watchedPage(browser, {})
  try {
    await page.setContent('<p>Postline</p>')
    // The popups' targets came with the page, before its first navigation finished; a second
    // look after the page has drawn a frame leaves them room to show up.
    await afterFrames(page)
    const { targetInfos } = await session.send('Target.getTargets')
    const now = targetInfos.map((target) => `${target.type} ${target.url}`)
    const notPages = [...created, ...now].filter((target) => !/^(page|browser) /.test(target))
    assert.deepEqual(notPages, [])
    assert.ok(
      now.some((target) => target.startsWith('page ')),
      `no page among ${now.join(', ')}`,
    )
    assert.deepEqual(problems, [])
  } finally {
    await context.close()
    await session.detach()
  }
})
