// The body's safe HTML kept block by block (src/renderer/body-html.ts), run in Chromium with the
// editor's own schema: it must equal `sanitizeHtml(editor.getHTML())` after every kind of edit,
// while an edit costs the cleaning of only the blocks it touched.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/chromium'
import { mountHarness, type Harness } from './harness'

const ROOT = path.resolve(__dirname, '../..')
const FIXTURES = path.join(ROOT, 'test/fixtures/clipboard')
const source = (file: string) => JSON.stringify(path.join(ROOT, file))

/**
 * `window.body.open(html)` loads the cleaned HTML into an editor; `step(edit)` applies one edit
 * and answers whether the kept HTML equals the whole body cleaned at once, and how many blocks
 * were cleaned for it; `sanitizeEach(pieces)` is the batch cleaner itself.
 */
const ENTRY = `
import { Editor } from '@tiptap/core'
import { richBodyExtensions } from ${source('src/renderer/components/BodyEditor.tsx')}
import { BodyHtml } from ${source('src/renderer/body-html.ts')}
import { cleanPastedHtml, sanitizeEach, sanitizeHtml } from ${source('src/renderer/sanitize-html.ts')}

let editor = null
let body = null

function check() {
  const before = body.cleanedBlocks
  const kept = body.of(editor.state.doc)
  const whole = sanitizeHtml(editor.getHTML())
  return { same: kept === whole, kept, whole, cleaned: body.cleanedBlocks - before, blocks: editor.state.doc.childCount }
}

window.body = {
  open(html) {
    editor?.destroy()
    editor = new Editor({ extensions: richBodyExtensions(), content: cleanPastedHtml(html).html })
    body = new BodyHtml(editor.schema)
    return check()
  },
  step(edit) {
    const { doc } = editor.state
    const middle = Math.floor(doc.childCount / 2)
    let position = 0
    for (let i = 0; i < middle; i++) position += doc.child(i).nodeSize
    const chain = editor.chain()
    if (edit === 'type') chain.insertContentAt(position + 1, 'typed words ')
    else if (edit === 'bold') chain.setTextSelection({ from: position + 1, to: position + 4 }).toggleBold()
    else if (edit === 'delete-block') chain.deleteRange({ from: position, to: position + doc.child(middle).nodeSize })
    else if (edit === 'paste') chain.insertContentAt(position, cleanPastedHtml('<p>pasted <a href="javascript:alert(1)">bad link</a> and <a href="https://example.com/">good</a></p><ul><li>one</li></ul>').html)
    else if (edit === 'end') chain.insertContentAt(doc.content.size, '<p>a new last line</p>')
    chain.run()
    return check()
  },
  warm() {
    let calls = 0
    while (!body.warm(editor.state.doc, () => calls++ % 3 !== 2)) {}
    return check()
  },
  sanitizeEach: (pieces) => ({ each: sanitizeEach(pieces), alone: pieces.map(sanitizeHtml) }),
}
document.getElementById('root').textContent = 'ready'
`

interface Check {
  same: boolean
  kept: string
  whole: string
  cleaned: number
  blocks: number
}

let browser: Browser
let harness: Harness
let page: Page

before(async () => {
  browser = await launchChromium()
  harness = await mountHarness(browser, ENTRY)
  page = harness.page
  await page.getByText('ready').waitFor()
})

after(async () => {
  const problems = [...(harness?.problems ?? [])]
  await harness?.close()
  await browser?.close()
  assert.deepEqual(problems, [], 'the page logged no errors')
})

function call<T>(name: string, argument?: unknown): Promise<T> {
  return page.evaluate(
    ([name, argument]) =>
      (globalThis as unknown as { body: Record<string, (a: unknown) => T> }).body[name as string]!(
        argument,
      ),
    [name, argument] as const,
  )
}

const EDITS = ['type', 'bold', 'delete-block', 'paste', 'end'] as const

for (const name of ['google-docs.html', 'word.html', 'libreoffice.html', 'web-page.html']) {
  test(`${name}: the kept HTML equals the whole body cleaned at once, after every edit`, async () => {
    const capture = await readFile(path.join(FIXTURES, name), 'utf8')
    // The capture four times over, so the body has blocks enough to edit in its middle.
    const opened = await call<Check>('open', capture.repeat(4))
    assert.ok(opened.blocks >= 8, `${opened.blocks} blocks`)
    assert.equal(opened.kept, opened.whole)
    assert.equal(opened.cleaned, opened.blocks, 'the first call cleans every block')
    for (const edit of EDITS) {
      const after = await call<Check>('step', edit)
      assert.equal(after.kept, after.whole, `after ${edit}`)
      assert.ok(
        after.cleaned <= 3,
        `${edit}: ${after.cleaned} of ${after.blocks} blocks cleaned again`,
      )
    }
  })
}

test('a long body is cleaned once: later saves clean only the edited block', async () => {
  const paragraph =
    '<p>A long message with <strong>bold</strong>, <em>italics</em>, <span style="color: #c00000">red</span> and a <a href="https://example.com/">link</a>.</p>'
  const opened = await call<Check>('open', paragraph.repeat(1200))
  assert.equal(opened.blocks, 1200)
  assert.equal(opened.cleaned, 1200)
  const typed = await call<Check>('step', 'type')
  assert.equal(typed.kept, typed.whole)
  assert.equal(typed.cleaned, 1, 'typing in one paragraph cleans that paragraph')
  assert.ok(typed.kept.includes('typed words'))
  assert.match(typed.kept.slice(0, 400), /color: rgb\(192, 0, 0\)/)
})

test('warming in steps leaves nothing for the save to clean', async () => {
  await call<Check>('open', '<p>one</p>')
  const pasted = await call<Check>('step', 'paste')
  assert.equal(pasted.kept, pasted.whole)
  const opened = await call<Check>('open', '<p>x <b>y</b></p>'.repeat(300))
  assert.equal(opened.kept, opened.whole)
  const warmed = await call<Check>('warm')
  assert.equal(warmed.cleaned, 0, 'every block was already clean')
})

test('sanitizeEach answers each piece as it would be cleaned alone, even when a piece vanishes', async () => {
  const cases = [
    ['<p>a <a href="https://x.test/" onclick="evil()">b</a></p>', '<ul><li>c</li></ul>'],
    // A picture with a source elsewhere is removed whole: the pieces no longer line up.
    ['<p>before</p>', '<img src="https://tracker.test/p.gif">', '<p>after</p>'],
    ['<script>alert(1)</script>', '<p>kept</p>'],
    [
      '<div data-postline-signature=""><p>-- <br>Ada</p></div>',
      '<table><tbody><tr><td>1</td></tr></tbody></table>',
    ],
  ]
  for (const pieces of cases) {
    const { each, alone } = await call<{ each: string[]; alone: string[] }>('sanitizeEach', pieces)
    assert.deepEqual(each, alone)
  }
})
