// Issue 13, point 3: real pastes from Google Docs, Word, LibreOffice and a web page, through a
// real ClipboardEvent in the window, checked in the editor and in the message Gmail received.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import { simpleParser } from 'mailparser'
import type { Page } from 'playwright-core'
import { body, recipients, toast } from './composer-page'
import { paste } from '../helpers/page-dom'
import { seriousAxeViolations } from '../helpers/e2e-bridge'
import { layoutProblems } from '../helpers/layout-check'
import { addAccount, SCREENSHOTS, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const FIXTURES = path.resolve(__dirname, '../fixtures/clipboard')
/** The PNG inside the LibreOffice and web-page captures. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAGklEQVR4nGOQyztBFcQwatCoQaMGjRpEGQIAuab+EOnBEa8AAAAASUVORK5CYII='
const PLAIN_TEXT =
  'Quarterly update\nSales grew twelve percent in the first quarter; the forecast is below target and the old plan is withdrawn. Read the full report.\nEurope\nLisbon office\nAmericas\nHire two engineers\nOpen the São Paulo office\nQuarter\tRevenue\nQ1\t12,000\nQ2\t13,400'

const browser = suiteBrowser()

/** Pastes `html` (with its plain-text twin) into the focused element, as another program's copy arrives. */
function pasteHtml(page: Page, html: string): Promise<void> {
  return paste(page, { 'text/html': html, 'text/plain': PLAIN_TEXT })
}

/**
 * Saves the window in light and dark under screenshots/paste/ and checks both with axe-core.
 * A pasted colour is the author's content, shown as it will be sent: a contrast finding on a
 * coloured span inside the body is not the window's, every other finding fails the test.
 */
async function capturePaste(page: Page, name: string): Promise<void> {
  await mkdir(path.join(SCREENSHOTS, 'paste'), { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'paste', `${name}-${colorScheme}.png`),
      animations: 'disabled',
    })
    const violations = []
    for (const violation of await seriousAxeViolations(page)) {
      const pastedColours = await page.evaluate(
        (targets) =>
          targets.every((target) => {
            const dom = globalThis as unknown as {
              document: { querySelector(s: string): { closest(s: string): unknown } | null }
            }
            return dom.document
              .querySelector(target)
              ?.closest('.editor-content span[style*="color"]')
          }),
        violation.targets,
      )
      if (violation.id !== 'color-contrast' || !pastedColours) violations.push(violation)
    }
    assert.deepEqual(
      violations,
      [],
      `no serious accessibility problems in ${name} (${colorScheme})`,
    )
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

interface Case {
  readonly fixture: string
  readonly heading: 'h1' | 'h2'
  readonly colour: string
  /** `data:` pictures the paste holds (sent as inline parts). */
  readonly pictures: number
  /** Whether a picture was left out, so a sentence must say so. */
  readonly leftOut: boolean
  /** Where its "full report" link goes. */
  readonly link: string
  /** The table's first row is header cells (`<th>`). */
  readonly headerRow: boolean
}

const CASES: readonly Case[] = [
  {
    fixture: 'google-docs',
    heading: 'h2',
    colour: 'rgb(255, 0, 0)',
    pictures: 0,
    leftOut: true,
    link: 'https://docs.example.com/q1-report',
    headerRow: false,
  },
  {
    fixture: 'word',
    heading: 'h1',
    colour: 'rgb(192, 0, 0)',
    pictures: 0,
    leftOut: true,
    link: 'https://intranet.example.com/q1-report',
    headerRow: false,
  },
  {
    fixture: 'libreoffice',
    heading: 'h2',
    colour: 'rgb(201, 33, 30)',
    pictures: 1,
    leftOut: false,
    link: 'https://cloud.example.org/s/q1-report',
    headerRow: false,
  },
  {
    fixture: 'web-page',
    heading: 'h2',
    colour: 'rgb(197, 34, 31)',
    pictures: 1,
    leftOut: true,
    link: 'https://news.example.net/q1-report',
    headerRow: true,
  },
]

/**
 * Puts `items` on Chromium's own clipboard through the page (the Async Clipboard API, allowed
 * by the context's permissions), as another program's copy would leave them.
 */
async function putOnClipboard(page: Page, items: Record<string, string>): Promise<void> {
  const origin = new URL(page.url()).origin
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  await page.bringToFront()
  await page.evaluate(async (entries) => {
    const dom = globalThis as unknown as {
      Blob: new (parts: string[], options: { type: string }) => unknown
      ClipboardItem: new (items: Record<string, unknown>) => unknown
      navigator: { clipboard: { write(items: unknown[]): Promise<void> } }
    }
    const blobs: Record<string, unknown> = {}
    for (const [type, text] of Object.entries(entries)) blobs[type] = new dom.Blob([text], { type })
    await dom.navigator.clipboard.write([new dom.ClipboardItem(blobs)])
  }, items)
}

describe('pasting from other programs', () => {
  for (const item of CASES) {
    test(`a paste from ${item.fixture} keeps its meaning in the editor and in the sent message`, async () => {
      const html = await readFile(path.join(FIXTURES, `${item.fixture}.html`), 'utf8')
      await withApp(browser(), async (app, world) => {
        const { page } = app
        await addAccount(app, world, ADA)
        await recipients(page, 'To').fill('alan@example.com')
        await recipients(page, 'To').press('Enter')
        await page.getByLabel('Subject').fill(`Pasted from ${item.fixture}`)
        await body(page).focus()
        await page.keyboard.press('Control+Home')

        const origin = new URL(page.url()).origin
        const requests: string[] = []
        page.on('request', (request) => requests.push(request.url()))
        await pasteHtml(page, html)
        const editor = body(page)
        await editor.locator('table').waitFor()

        // What the person sees: the marks, the nested list, the table as a table.
        assert.equal(await editor.locator(item.heading).textContent(), 'Quarterly update')
        assert.equal(await editor.locator('strong', { hasText: 'twelve percent' }).count(), 1)
        assert.equal(await editor.locator('em').textContent(), 'first')
        assert.equal(await editor.locator('u').textContent(), 'forecast')
        assert.equal(await editor.locator('s').textContent(), 'withdrawn')
        const coloured = editor.locator('span[style]', { hasText: 'below target' })
        assert.equal(await coloured.getAttribute('style'), `color: ${item.colour};`)
        assert.equal(
          await editor.locator('a', { hasText: 'the full report' }).getAttribute('href'),
          item.link,
        )
        assert.equal(await editor.locator('ul > li ul > li').textContent(), 'Lisbon office')
        assert.deepEqual(await editor.locator('ol > li').allTextContents(), [
          'Hire two engineers',
          'Open the São Paulo office',
        ])
        const rows = editor.locator('table tr')
        assert.equal(await rows.count(), 3)
        assert.deepEqual(await rows.nth(1).locator('td').allTextContents(), ['Q1', '12,000'])
        assert.equal(await rows.nth(0).locator('th').count(), item.headerRow ? 2 : 0)
        assert.equal(
          await editor.locator('img[src^="data:image/png;base64,"]').count(),
          item.pictures,
        )
        assert.equal(await editor.locator('img[src]:not([src^="data:"])').count(), 0)
        assert.ok(
          (await editor.locator('strong').allTextContents()).every((text) =>
            ['twelve percent', 'Quarter', 'Revenue'].includes(text),
          ),
          'only what was bold is bold',
        )

        // A picture left out is said, next to the editor; nothing was fetched to find out.
        const note = page.getByRole('status').filter({ hasText: 'Left out of the paste' })
        assert.equal(await note.count(), item.leftOut ? 1 : 0)
        if (item.leftOut)
          assert.match((await note.textContent()) ?? '', /1 picture stored elsewhere/)
        assert.deepEqual(
          requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:')),
          [],
          'no request left the machine during the paste',
        )

        // The top of the paste in view for the screenshot.
        await editor.focus()
        await page.keyboard.press('Control+Home')
        await capturePaste(page, item.fixture)
        // The note is seen whole above the body, nothing overlaps, nothing leaves its card.
        assert.deepEqual(await layoutProblems(page), [], `the ${item.fixture} paste is laid out`)

        await editor.focus()
        await page.keyboard.press('Control+Enter')
        await toast(page)
          .getByText('Message sent')
          .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })

        const messages = world.sandbox.mailbox()
        assert.equal(messages.length, 1)
        const mail = await simpleParser(messages[0]!.raw, { keepCidLinks: true })
        const sent = String(mail.html)
        assert.match(sent, new RegExp(`<${item.heading}>Quarterly update</${item.heading}>`))
        assert.match(sent, /<strong>twelve percent<\/strong>/)
        assert.match(sent, /<em>first<\/em>/)
        assert.match(sent, /<u>forecast<\/u>/)
        assert.match(sent, /<s>withdrawn<\/s>/)
        assert.ok(sent.includes(`<span style="color: ${item.colour}">below target</span>`))
        assert.match(sent, /<ul><li><p>Europe<\/p><ul><li><p>Lisbon office<\/p><\/li><\/ul><\/li>/)
        assert.match(
          sent,
          /<table border="1" cellpadding="6" cellspacing="0"><tbody><tr>.*<\/tr><tr><td><p>Q1<\/p><\/td><td><p>12,000<\/p><\/td><\/tr><tr><td><p>Q2<\/p><\/td><td><p>13,400<\/p><\/td><\/tr><\/tbody><\/table>/,
        )
        assert.doesNotMatch(sent, /data:|https:\/\/(?!docs|intranet|cloud|news)/)

        const inline = mail.attachments.filter((part) => part.related)
        assert.equal(inline.length, item.pictures)
        const png = Buffer.from(PNG_BASE64, 'base64')
        for (const part of inline) {
          assert.equal(part.contentType, 'image/png')
          assert.equal(part.contentDisposition, 'inline')
          assert.equal(
            createHash('sha256').update(part.content).digest('hex'),
            createHash('sha256').update(png).digest('hex'),
          )
          assert.ok(sent.includes(`src="cid:${part.cid}"`), 'the HTML shows the inline part')
        }
        assert.match(mail.text ?? '', /Quarter\tRevenue\nQ1\t12,000\nQ2\t13,400/)
        assert.match(mail.text ?? '', /- Europe\n {2}- Lisbon office\n- Americas/)
      })
    })
  }

  test('the real clipboard: Google Docs’ HTML copied, Ctrl+V in the body', async () => {
    const html = await readFile(path.join(FIXTURES, 'google-docs.html'), 'utf8')
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await putOnClipboard(page, { 'text/html': html, 'text/plain': PLAIN_TEXT })
      await body(page).click()
      await page.keyboard.press('Control+V')
      const editor = body(page)
      await editor.locator('table').waitFor()
      await editor.locator('h2').getByText('Quarterly update').waitFor()
      assert.deepEqual(await editor.locator('strong').allTextContents(), [
        'twelve percent',
        'Quarter',
        'Revenue',
      ])
      assert.equal(await editor.locator('em').first().textContent(), 'first')
      assert.equal(
        await editor.getByRole('link', { name: 'the full report' }).getAttribute('href'),
        'https://docs.example.com/q1-report',
      )
      assert.equal(await editor.locator('ul > li').count(), 3, 'Europe, Lisbon office, Americas')
      await editor.locator('ul ul > li').getByText('Lisbon office').waitFor()
      assert.equal(await editor.locator('ol > li').count(), 2)
      assert.equal(await editor.locator('img').count(), 0)
      const note = page.getByRole('status').filter({ hasText: 'Left out of the paste' })
      assert.match((await note.textContent()) ?? '', /1 picture stored elsewhere/)
      assert.deepEqual(await layoutProblems(page), [])
      await page.screenshot({ path: path.join(SCREENSHOTS, 'paste', 'real-clipboard-light.png') })
    })
  })

  test('the real clipboard: a spreadsheet’s name and address cells, Ctrl+V in To', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await putOnClipboard(page, {
        'text/plain': 'Ann Lee\tann@lee.com\r\nBob Roe\tbob@roe.com\r\n',
      })
      const to = recipients(page, 'To')
      await to.click()
      await page.keyboard.press('Control+V')
      const chips = page.getByRole('list', { name: 'To recipients' }).getByRole('listitem')
      await chips.nth(1).waitFor()
      assert.deepEqual(await chips.locator('.chip-label').allTextContents(), ['Ann Lee', 'Bob Roe'])
      assert.equal(await chips.locator('[aria-invalid="true"]').count(), 0)
      assert.equal(await chips.first().getAttribute('title'), 'Ann Lee <ann@lee.com>')
      assert.equal(await to.inputValue(), '', 'the field is ready for the next address')
    })
  })

  test('a dismissed note goes, and a later paste without pictures left out shows none', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await body(page).focus()
      await pasteHtml(page, '<p>Look: <img src="https://example.com/a.png"></p>')
      const note = page.getByRole('status').filter({ hasText: 'Left out of the paste' })
      await note.waitFor()
      await note.getByRole('button', { name: 'Dismiss' }).click()
      await note.waitFor({ state: 'detached' })
      assert.equal(
        await page.evaluate(() => {
          const dom = globalThis as unknown as {
            document: { activeElement: { ariaLabel: string } }
          }
          return dom.document.activeElement.ariaLabel
        }),
        'Message body',
        'focus goes back to the body',
      )
      await pasteHtml(page, '<p>Look: <img src="https://example.com/b.png"></p>')
      await note.waitFor()
      await pasteHtml(page, '<p>Just <b>words</b></p>')
      await note.waitFor({ state: 'detached' })

      const large = `data:image/png;base64,${'A'.repeat(2_800_004)}`
      await pasteHtml(
        page,
        `<p><img src="https://example.com/c.png"><img src="file:///C:/x.png">` +
          `<img src="${large}"><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="></p>`,
      )
      await note.waitFor()
      assert.equal(
        await note.locator('p').textContent(),
        'Left out of the paste: 2 pictures stored elsewhere (Postline loads nothing from other places; save them and attach them instead). ' +
          'Left out of the paste: 1 picture over 2 MB (attach it as a file instead). ' +
          'Left out of the paste: 1 picture of a kind mail cannot show inline (PNG, JPEG, GIF and WebP can be pasted).',
      )
    })
  })
})
