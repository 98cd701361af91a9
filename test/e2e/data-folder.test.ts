import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { faultyFileSystem } from '../../src/main/store/file-system'
import { launchChromium } from '../helpers/chromium'
import { addAccount, capture, SCREENSHOTS, startApp, startWorld } from './app-world'

let browser: Browser

before(async () => {
  browser = await launchChromium()
  await mkdir(SCREENSHOTS, { recursive: true })
})

after(async () => {
  await browser?.close()
})

describe('the data folder, as the window tells it', () => {
  test('damaged files set aside at start are named in a banner; everything else works', async () => {
    const world = await startWorld(browser)
    try {
      await mkdir(path.join(world.dataDir, 'drafts'), { recursive: true })
      await writeFile(path.join(world.dataDir, 'drafts', 'AAAAAAAAAAAAAAAAAAAAAA.json'), '{"vers')
      const app = await startApp(world)
      try {
        const banner = app.page.getByRole('region', { name: 'Postline’s data folder' })
        await banner.getByText('One damaged file was set aside.').waitFor()
        assert.match(
          (await banner.textContent()) ?? '',
          /A draft \(it is not valid JSON\) is now .*AAAAAAAAAAAAAAAAAAAAAA\.json\.damaged-\d+/,
        )
        await addAccount(app, world, 'ada@sandbox.test')
        await capture(app.page, 'data-folder-set-aside')
        await banner.getByRole('button', { name: 'Dismiss' }).click()
        await banner.waitFor({ state: 'detached' })
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('a read-only data folder opens the window with a banner instead of failing to start', async () => {
    const world = await startWorld(browser)
    try {
      const fs = faultyFileSystem()
      fs.setFaults([
        { op: 'access', code: 'EROFS', match: (p) => p.startsWith(world.dataDir) },
        { op: 'open', code: 'EROFS', match: (p) => p.endsWith('.tmp') },
      ])
      const app = await startApp(world, { fs })
      try {
        const banner = app.page.getByRole('region', { name: 'Postline’s data folder' })
        await banner.getByText('Postline can’t save anything right now.').waitFor()
        assert.match((await banner.textContent()) ?? '', /is read-only \(EROFS\)/)
        await capture(app.page, 'data-folder-read-only')
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
