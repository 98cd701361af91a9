// The paste cleaner (src/renderer/sanitize-html.ts) over real clipboard captures
// (test/fixtures/clipboard), run in Chromium: it needs the browser's DOMParser, as in the window.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/chromium'
import { mountHarness, type Harness } from './harness'

const ROOT = path.resolve(__dirname, '../..')
const FIXTURES = path.join(ROOT, 'test/fixtures/clipboard')

/** Puts the cleaner on `window.cleaner`, with `summarize`, which reads cleaned HTML back. */
const ENTRY = `
import { cleanPastedHtml, sanitizeHtml } from ${JSON.stringify(path.join(ROOT, 'src/renderer/sanitize-html.ts'))}

const text = (element) => (element.textContent ?? '').replace(/\\s+/g, ' ').trim()

function items(list) {
  return [...list.children].filter((child) => child.tagName === 'LI').map((item) => {
    const own = item.cloneNode(true)
    for (const nested of own.querySelectorAll('ul, ol')) nested.remove()
    const nested = [...item.querySelectorAll(':scope > ul, :scope > ol')]
    return nested.length === 0
      ? text(own)
      : [text(own), ...nested.map((inner) => ({ [inner.tagName.toLowerCase()]: items(inner) }))]
  })
}

function summarize(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const all = (selector) => [...doc.body.querySelectorAll(selector)]
  return {
    headings: all('h1, h2, h3').map((h) => h.tagName.toLowerCase() + ': ' + text(h)),
    bold: all('strong, b').map(text).filter(Boolean),
    italic: all('em, i').map(text).filter(Boolean),
    underline: all('u').map(text).filter(Boolean),
    strike: all('s').map(text).filter(Boolean),
    colours: all('[style]').map((e) => text(e) + ' | ' + e.getAttribute('style')),
    links: all('a').map((a) => text(a) + ' -> ' + a.getAttribute('href')),
    lists: all('ul, ol')
      .filter((list) => list.parentElement.closest('li') === null)
      .map((list) => ({ [list.tagName.toLowerCase()]: items(list) })),
    tables: all('table').map((table) =>
      [...table.querySelectorAll('tr')].map((row) => [...row.children].map(text)),
    ),
    images: all('img').map((img) => (img.getAttribute('src') ?? '').slice(0, 22)),
    tags: [...new Set(all('*').map((e) => e.tagName.toLowerCase()))].sort(),
    attributes: [...new Set(all('*').flatMap((e) => e.getAttributeNames()))].sort(),
  }
}

window.cleaner = {
  clean(html) {
    const cleaned = cleanPastedHtml(html)
    return { html: cleaned.html, leftOut: cleaned.leftOut, summary: summarize(cleaned.html) }
  },
  sanitize: (html) => sanitizeHtml(html),
}
document.getElementById('root').textContent = 'ready'
`

interface Summary {
  headings: string[]
  bold: string[]
  italic: string[]
  underline: string[]
  strike: string[]
  colours: string[]
  links: string[]
  lists: unknown[]
  tables: string[][][]
  images: string[]
  tags: string[]
  attributes: string[]
}

interface Cleaned {
  html: string
  leftOut: { elsewhere: number; tooLarge: number; unsupported: number }
  summary: Summary
}

let browser: Browser
let harness: Harness
let page: Page
/** Every URL the page asked for after it was ready. */
const requests: string[] = []

before(async () => {
  browser = await launchChromium()
  harness = await mountHarness(browser, ENTRY)
  page = harness.page
  await page.getByText('ready').waitFor()
  page.on('request', (request) => requests.push(request.url()))
})

after(async () => {
  const problems = [...(harness?.problems ?? [])]
  await harness?.close()
  await browser?.close()
  assert.deepEqual(problems, [], 'the page logged no errors (no CSP report, no failed load)')
})

async function clean(html: string): Promise<Cleaned> {
  return page.evaluate(
    (input) =>
      (globalThis as unknown as { cleaner: { clean(h: string): Cleaned } }).cleaner.clean(input),
    html,
  )
}

async function sanitize(html: string): Promise<string> {
  return page.evaluate(
    (input) =>
      (globalThis as unknown as { cleaner: { sanitize(h: string): string } }).cleaner.sanitize(
        input,
      ),
    html,
  )
}

async function fixture(name: string): Promise<Cleaned> {
  return clean(await readFile(path.join(FIXTURES, name), 'utf8'))
}

/** What all four captures hold, whichever program made them. */
const SAME_DOCUMENT = {
  headings: ['h2: Quarterly update'],
  italic: ['first'],
  underline: ['forecast'],
  strike: ['withdrawn'],
  lists: [
    { ul: [['Europe', { ul: ['Lisbon office'] }], 'Americas'] },
    { ol: ['Hire two engineers', 'Open the São Paulo office'] },
  ],
  tables: [
    [
      ['Quarter', 'Revenue'],
      ['Q1', '12,000'],
      ['Q2', '13,400'],
    ],
  ],
}

/** What may appear in a cleaned paste, at most. */
const ALLOWED_TAGS = new Set(
  'a b blockquote br code div em h1 h2 h3 hr i img li ol p pre s span strong table tbody td th thead tr u ul'.split(
    ' ',
  ),
)
const ALLOWED_ATTRIBUTES = new Set(
  'href target rel style src alt colspan rowspan border cellpadding cellspacing'.split(' '),
)

function assertStrict(summary: Summary): void {
  for (const tag of summary.tags) assert.ok(ALLOWED_TAGS.has(tag), `no <${tag}> survives`)
  for (const name of summary.attributes) {
    assert.ok(ALLOWED_ATTRIBUTES.has(name), `no ${name}= attribute survives`)
  }
  for (const entry of summary.colours) {
    assert.match(entry, /\| color: [^;]+$/, `a style keeps only its colour: ${entry}`)
  }
}

describe('the paste cleaner over real clipboard captures', () => {
  test('Google Docs: the not-bold <b> wrapper goes, styled spans become marks, nested lists and the table stay, the hosted picture is refused', async () => {
    const { summary, leftOut, html } = await fixture('google-docs.html')
    assert.deepEqual(pick(summary, SAME_DOCUMENT), SAME_DOCUMENT)
    // Only what Docs made bold is bold: not the whole paste.
    assert.deepEqual(summary.bold, ['twelve percent', 'Quarter', 'Revenue'])
    assert.deepEqual(summary.colours, ['below target | color: #ff0000'])
    assert.deepEqual(summary.links, ['the full report -> https://docs.example.com/q1-report'])
    assert.deepEqual(summary.images, [])
    assert.deepEqual(leftOut, { elsewhere: 1, tooLarge: 0, unsupported: 0 })
    assert.doesNotMatch(
      html,
      /docs-internal-guid|font-weight|colgroup|aria-level|googleusercontent/,
    )
    assertStrict(summary)
  })

  test('Word: mso-list paragraphs become nested lists without their markers, <o:p> and VML go, the MsoTableGrid table stays', async () => {
    const { summary, leftOut, html } = await fixture('word.html')
    assert.deepEqual(pick(summary, SAME_DOCUMENT), {
      ...SAME_DOCUMENT,
      headings: ['h1: Quarterly update'],
    })
    assert.deepEqual(summary.bold, ['twelve percent', 'Quarter', 'Revenue'])
    assert.deepEqual(summary.colours, ['below target | color: #c00000'])
    assert.deepEqual(summary.links, ['the full report -> https://intranet.example.com/q1-report'])
    // The VML picture and its file:/// fallback are on the person's disk, not in the paste.
    assert.deepEqual(leftOut, { elsewhere: 1, tooLarge: 0, unsupported: 0 })
    assert.doesNotMatch(html, /Mso|mso-|o:p|v:shape|file:|·|StartFragment|supportLists/)
    assertStrict(summary)
  })

  test('LibreOffice: <font color> becomes a colour, <strike> a strike-through, the table stays, the embedded picture is kept', async () => {
    const { summary, leftOut, html } = await fixture('libreoffice.html')
    assert.deepEqual(pick(summary, SAME_DOCUMENT), SAME_DOCUMENT)
    assert.deepEqual(summary.bold, ['twelve percent', 'Quarter', 'Revenue'])
    assert.deepEqual(summary.colours, ['below target | color: #c9211e'])
    assert.deepEqual(summary.links, ['the full report -> https://cloud.example.org/s/q1-report'])
    assert.deepEqual(summary.images, ['data:image/png;base64,'])
    assert.deepEqual(leftOut, { elsewhere: 0, tooLarge: 0, unsupported: 0 })
    assert.doesNotMatch(html, /<font|margin-bottom|Liberation|name="Image1"/)
    assertStrict(summary)
  })

  test('a web page: links stay (http, https, mailto only), the page theme colour goes, the remote picture is refused and the data: one kept, scripts and frames go', async () => {
    const { summary, leftOut, html } = await fixture('web-page.html')
    assert.deepEqual(pick(summary, SAME_DOCUMENT), SAME_DOCUMENT)
    assert.deepEqual(summary.bold, ['twelve percent'])
    assert.deepEqual(summary.colours, ['below target | color: rgb(197, 34, 31)'])
    assert.deepEqual(summary.links, [
      'the full report -> https://news.example.net/q1-report',
      'write to us -> mailto:press@example.net',
      'this -> null',
    ])
    assert.deepEqual(summary.images, ['data:image/png;base64,'])
    assert.deepEqual(leftOut, { elsewhere: 1, tooLarge: 0, unsupported: 0 })
    assert.doesNotMatch(
      html,
      /javascript:|onclick|<script|pwned|<iframe|<form|<input|srcset|cdn\.example|wikitable/,
    )
    assertStrict(summary)
  })

  test('cleaning every capture asked the network for nothing', async () => {
    const before = requests.length
    for (const name of ['google-docs.html', 'word.html', 'libreoffice.html', 'web-page.html']) {
      await fixture(name)
    }
    assert.deepEqual(requests.slice(before), [])
  })
})

describe('the cleaner stays strict', () => {
  test('a style keeps only a colour, and only one that cannot load anything', async () => {
    const html = await sanitize(
      '<p><span style="color: #1a7f37; background: url(https://x.example/t.png)">green</span> ' +
        '<span style="color: url(https://x.example/c)">no colour</span> ' +
        '<span style="color: expression(alert(1))">none</span> ' +
        '<span style="font-size: 40px; position: fixed">plain</span></p>',
    )
    assert.equal(
      html,
      '<p><span style="color: #1a7f37">green</span> <span>no colour</span> <span>none</span> <span>plain</span></p>',
    )
  })

  test('black, white and greys are not kept as colours (a page theme, invisible in the dark theme)', async () => {
    const { summary } = await clean(
      '<p><span style="color:#000000">a</span><span style="color: rgb(32, 33, 34)">b</span>' +
        '<span style="color: white">c</span><span style="color: rgb(191,191,191)">d</span>' +
        '<font color="#c9211e">red</font></p>',
    )
    assert.deepEqual(summary.colours, ['red | color: #c9211e'])
  })

  test('an <img> is kept only as a data: PNG, JPEG, GIF or WebP; SVG, remote and oversized ones are counted', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo='
    const svg = 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='
    const large = `data:image/png;base64,${'A'.repeat(2_800_004)}`
    const result = await clean(
      `<p><img src="${png}"><img src="${svg}"><img src="https://x.example/a.png">` +
        `<img src="x"><img src="${large}"></p>`,
    )
    assert.deepEqual(result.summary.images, ['data:image/png;base64,'])
    assert.deepEqual(result.leftOut, { elsewhere: 2, tooLarge: 1, unsupported: 1 })
    assert.equal(await sanitize(`<img src="https://x.example/a.png"><img src="${svg}">`), '')
  })

  test('links keep http, https and mailto only, and open apart', async () => {
    const html = await sanitize(
      '<a href="https://a.example/">a</a><a href="mailto:b@b.example">b</a>' +
        '<a href="javascript:alert(1)">c</a><a href="data:text/html,x">d</a><a href="file:///etc/passwd">e</a>',
    )
    assert.equal(
      html,
      '<a href="https://a.example/" target="_blank" rel="noopener noreferrer nofollow">a</a>' +
        '<a href="mailto:b@b.example" target="_blank" rel="noopener noreferrer nofollow">b</a>' +
        '<a>c</a><a>d</a><a>e</a>',
    )
  })

  test("a table keeps its cells and spans, and gets Postline's own border attributes", async () => {
    const html = await sanitize(
      '<table border="0" cellpadding="99" style="width:900px" onclick="x()"><tr><td colspan="2" rowspan="x">a</td><td colspan="999">b</td></tr></table>',
    )
    assert.equal(
      html,
      '<table border="1" cellpadding="6" cellspacing="0"><tbody><tr><td colspan="2">a</td><td>b</td></tr></tbody></table>',
    )
  })
})

function pick<T extends object>(summary: Summary, shape: T): T {
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, summary[key as keyof Summary]]),
  ) as T
}
