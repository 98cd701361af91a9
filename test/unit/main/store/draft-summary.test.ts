// A draft's list line carries its From account and a snippet of the body's own text (issue 13).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DraftsStore, snippetOf } from '../../../../src/main/store/drafts-store'
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
