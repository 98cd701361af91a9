// A draft's list line carries its From account and a snippet of the body's own text (issue 13).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DraftsStore, snippetOf } from '../../../../src/main/store/drafts-store'
import { htmlToText } from '../../../../src/main/mail/html-to-text'
import { SNIPPET_LENGTH, type DraftFields } from '../../../../src/shared/domain'
import { tempDir } from '../../../helpers/temp-dir'

const fields: DraftFields = {
  from: 'ada@sandbox.test',
  to: ['alan@example.com'],
  cc: [],
  bcc: [],
  subject: 'Friday',
  html:
    '<p>See you on   <strong>Friday</strong>.</p><p>Bring the notes.</p>' +
    '<div data-postline-signature=""><p>-- <br>Ada Lovelace</p></div><p>P.S. Coffee?</p>',
  text: '',
}

test('the snippet is the body’s own text: no signature block, whitespace collapsed', () => {
  assert.equal(snippetOf(fields.html), 'See you on Friday. Bring the notes. P.S. Coffee?')
  // A draft from before the marked block: the "-- " line still ends the text.
  assert.equal(snippetOf('<p>Hello</p><p>-- <br>Grace Hopper</p>'), 'Hello')
  assert.equal(snippetOf('<p></p><div data-postline-signature=""><p>-- <br>Ada</p></div>'), '')
  const long = snippetOf(`<p>${'word '.repeat(100)}</p>`)
  assert.equal([...long].length, SNIPPET_LENGTH)
  assert.ok(long.startsWith('word word'))
})

/** The snippet as the whole body's text gives it: what the cut-short conversion must equal. */
function snippetFromWholeText(html: string): string {
  const withoutBlock = html.replace(/<div data-postline-signature[^>]*>[\s\S]*?<\/div>/gi, '')
  const text = htmlToText(withoutBlock).replace(/(?:^|\n)-- ?\n[\s\S]*$/, '')
  return [...text.replace(/\s+/g, ' ').trim()].slice(0, SNIPPET_LENGTH).join('')
}

test('the snippet of a long body is the same as the whole text gives, wherever the conversion stops', async () => {
  const folder = join(__dirname, '../../../fixtures/clipboard')
  const captures = await Promise.all(
    ['google-docs.html', 'word.html', 'libreoffice.html', 'web-page.html'].map((name) =>
      readFile(join(folder, name), 'utf8'),
    ),
  )
  const pieces = [
    ...captures,
    '<ul><li>one item with <a href="https://example.com/a/long/path">a link that spans</a> words</li><li>two</li></ul>',
    '<blockquote><p>quoted ' + 'text '.repeat(40) + '</p></blockquote>',
    '<table><tr><td>Q1</td><td>12,000</td></tr><tr><td>Q2</td><td>13,500</td></tr></table>',
    '<p>caf&eacute; &amp; &#x1F600; ' + '&nbsp;'.repeat(30) + 'end</p>',
    '<p>' + 'x'.repeat(300) + '</p>',
    '<p>a<br><br><br><br>b</p>' + '<p> </p>'.repeat(50),
  ]
  let compared = 0
  for (const [index, piece] of pieces.entries()) {
    for (const words of [0, 3, 17, 29, 60, 140]) {
      const lead = words === 0 ? '' : `<p>${'word '.repeat(words)}</p>`
      for (const tail of [
        '',
        '<p>-- <br>Grace Hopper</p>',
        '<div data-postline-signature=""><p>-- <br>Ada</p></div>',
      ]) {
        const html = lead + piece + tail + pieces[(index + 1) % pieces.length]!.repeat(3)
        assert.equal(snippetOf(html), snippetFromWholeText(html), `piece ${index}, ${words} words`)
        const signedEarly = `<p>${'word '.repeat(words)}</p><p>-- <br>Sig</p>` + piece.repeat(5)
        assert.equal(snippetOf(signedEarly), snippetFromWholeText(signedEarly))
        compared += 2
      }
    }
  }
  assert.equal(compared, pieces.length * 6 * 3 * 2)
})

test('the list line has From and the snippet, after a save, a crash and a clean close', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const saved = await store.save(undefined, fields)
  const expected = {
    id: saved.id,
    subject: 'Friday',
    to: ['alan@example.com'],
    from: 'ada@sandbox.test',
    snippet: 'See you on Friday. Bring the notes. P.S. Coffee?',
    updatedAt: saved.updatedAt,
    note: null,
  }
  assert.deepEqual(store.list(), [expected])
  const rebuilt = await DraftsStore.open(dir)
  assert.deepEqual(rebuilt.list(), [expected])
  await rebuilt.close()
  const indexed = await DraftsStore.open(dir)
  assert.deepEqual(indexed.list(), [expected])
  await indexed.close()

  // An index written before these fields existed is not trusted: the list is rebuilt.
  const indexPath = join(dir, 'drafts', '.index.json')
  const index = JSON.parse(await readFile(indexPath, 'utf8')) as {
    entries: Record<string, unknown>[]
  }
  for (const entry of index.entries) {
    delete entry.snippet
    delete entry.from
  }
  await writeFile(indexPath, JSON.stringify(index))
  const upgraded = await DraftsStore.open(dir)
  assert.deepEqual(upgraded.list(), [expected])
})

test('search reads whole bodies, one file at a time, and finds every word, accents aside', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const long = await store.save(undefined, {
    ...fields,
    subject: 'Minutes',
    html: `<p>${'Long minutes. '.repeat(20)}The zeppelin lands at noon.</p>`,
  })
  const copied = await store.save(undefined, { ...fields, cc: ['José <jose@example.com>'] })
  const plain = await store.save(undefined, { ...fields, subject: 'Other', html: '<p>Café</p>' })
  assert.deepEqual(await store.search(['zeppelin']), [long.id])
  assert.deepEqual(await store.search(['jose']), [copied.id])
  assert.deepEqual(await store.search(['cafe']), [plain.id])
  assert.deepEqual(await store.search(['zeppelin', 'cafe']), [])
  // Reopened: nothing cached, the bodies come from disk.
  await store.close()
  const again = await DraftsStore.open(dir)
  assert.deepEqual(await again.search(['noon', 'minutes']), [long.id])
  assert.equal((await again.search([])).length, 3)
})
