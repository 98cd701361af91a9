import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DraftsStore, draftView } from '../../../../src/main/store/drafts-store'
import { encodedSize } from '../../../../src/shared/message-size'
import { PostlineFailure } from '../../../../src/main/errors'
import type { DraftFields } from '../../../../src/shared/domain'
import { tempDir } from '../../../helpers/temp-dir'

const fields: DraftFields = {
  from: null,
  to: ['Ada <ada@example.com>'],
  cc: [],
  bcc: [],
  subject: 'Hello',
  html: '<p>Hi</p>',
  text: '',
}

function rejectsWith(promise: Promise<unknown>, code: string) {
  return assert.rejects(
    promise,
    (error: unknown) => error instanceof PostlineFailure && error.code === code,
  )
}

test('a saved draft is back, whole, after reopening the folder', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const saved = await store.save(undefined, fields)
  // Reopened without closing (as after a crash: the index is rebuilt from the drafts)…
  const again = await DraftsStore.open(dir)
  assert.deepEqual(await again.read(saved.id), saved)
  assert.deepEqual(
    again.list().map((d) => d.id),
    [saved.id],
  )
  // …and after closing (the list comes from the index, the body from the draft's file).
  await again.close()
  const third = await DraftsStore.open(dir)
  assert.deepEqual(await third.read(saved.id), saved)
  assert.deepEqual(third.list(), again.list())
})

test('the index written at close is trusted only if the run closed and it names every draft', async (t) => {
  const dir = await tempDir(t)
  const first = await DraftsStore.open(dir)
  const a = await first.save(undefined, { ...fields, subject: 'a' })
  await first.close()
  // A draft file added while Postline was closed makes the index stale: it is rebuilt.
  const second = await DraftsStore.open(dir)
  const b = await second.save(undefined, { ...fields, subject: 'b' })
  await second.close()
  await writeFile(
    join(dir, 'drafts', '.index.json'),
    JSON.stringify({ version: 1, entries: [{ ...first.find(a.id), subject: 'stale' }] }),
  )
  const third = await DraftsStore.open(dir)
  assert.deepEqual(
    third
      .list()
      .map((d) => d.subject)
      .sort(),
    ['a', 'b'],
  )
  await third.close()
  // A run that did not close (its marker is still there) rebuilds even a complete index.
  const fourth = await DraftsStore.open(dir)
  await writeFile(
    join(dir, 'drafts', '.index.json'),
    JSON.stringify({
      version: 1,
      entries: fourth.all().map((entry) => ({ ...entry, subject: 'stale' })),
    }),
  )
  const fifth = await DraftsStore.open(dir)
  assert.deepEqual(
    fifth
      .list()
      .map((d) => d.subject)
      .sort(),
    ['a', 'b'],
  )
  void b
})

test('an index with a malformed or repeated line is not trusted: the list is rebuilt from the drafts', async (t) => {
  const dir = await tempDir(t)
  const first = await DraftsStore.open(dir)
  const a = await first.save(undefined, { ...fields, subject: 'a' })
  const b = await first.save(undefined, { ...fields, subject: 'b' })
  await first.close()
  const index = join(dir, 'drafts', '.index.json')
  const good = JSON.parse(await readFile(index, 'utf8')) as { entries: Record<string, unknown>[] }
  const [lineA, lineB] = [a.id, b.id].map((id) => good.entries.find((entry) => entry.id === id)!)
  const damaged: unknown[][] = [
    // one line twice (the count matches, a draft is missing)
    [
      { ...lineA, subject: 'stale' },
      { ...lineA, subject: 'stale' },
    ],
    // a field of the wrong type, a language Postline does not have, a trashed line, no list
    [
      { ...lineA, subject: 'stale', to: 'ada@example.com' },
      { ...lineB, subject: 'stale' },
    ],
    [
      { ...lineA, subject: 'stale', lang: 'fr' },
      { ...lineB, subject: 'stale' },
    ],
    [
      { ...lineA, subject: 'stale', trashed: true },
      { ...lineB, subject: 'stale' },
    ],
    [
      { ...lineA, subject: 'stale', note: { code: 'nonsense' } },
      { ...lineB, subject: 'stale' },
    ],
    [null, { ...lineB, subject: 'stale' }],
  ]
  for (const entries of damaged) {
    await writeFile(index, JSON.stringify({ version: 1, entries }))
    const store = await DraftsStore.open(dir)
    assert.deepEqual(
      store
        .list()
        .map((d) => d.subject)
        .sort(),
      ['a', 'b'],
      JSON.stringify(entries),
    )
    // Closed, so that the next start reads the index again (the one written below).
    await store.close()
  }
  // The index as written at close is trusted (the same lines, read back as they were).
  await writeFile(
    index,
    JSON.stringify({ version: 1, entries: [{ ...lineA, subject: 'from the index' }, lineB] }),
  )
  const trusted = await DraftsStore.open(dir)
  assert.deepEqual(
    trusted
      .list()
      .map((d) => d.subject)
      .sort(),
    ['b', 'from the index'],
  )
})

test('the list is newest first, by the time of the last change', async (t) => {
  const dir = await tempDir(t)
  let clock = Date.parse('2026-01-01T00:00:00.000Z')
  const store = await DraftsStore.open(dir, () => new Date(clock))
  const saved: string[] = []
  for (const step of [5, 1_000, 60_000, 1, 86_400_000]) {
    clock += step
    saved.push((await store.save(undefined, { ...fields, subject: String(step) })).id)
  }
  clock += 1
  await store.save(saved[1], { ...fields, subject: 'edited' })
  assert.deepEqual(
    store.list().map((d) => d.subject),
    ['edited', '86400000', '1', '60000', '5'],
  )
})

test('a draft damaged while Postline was closed is set aside when it is opened', async (t) => {
  const dir = await tempDir(t)
  const first = await DraftsStore.open(dir)
  const a = await first.save(undefined, { ...fields, subject: 'a' })
  await first.close()
  await writeFile(join(dir, 'drafts', `${a.id}.json`), '{"broken')
  const again = await DraftsStore.open(dir)
  assert.equal(again.list().length, 1)
  await rejectsWith(again.read(a.id), 'disk-error')
  assert.equal(again.list().length, 0)
  assert.equal(again.setAside.length, 1)
  assert.match(again.setAside[0]!.path, /\.json\.damaged-\d+$/)
})

test('saving again replaces the fields and keeps the id and attachments', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'notes.txt')
  await writeFile(file, 'abc')
  const store = await DraftsStore.open(dir)
  const first = await store.save(undefined, fields)
  await store.addAttachments(first.id, [file])
  const second = await store.save(first.id, { ...fields, subject: 'Changed' })
  assert.equal(second.id, first.id)
  assert.equal(second.fields.subject, 'Changed')
  assert.deepEqual(
    draftView(second).attachments.map((a) => [a.name, a.size, a.mimeType]),
    [['notes.txt', 3, 'text/plain']],
  )
})

test('the window’s view of a draft never carries a file path', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'secret-folder-name.pdf')
  await writeFile(file, 'x')
  const store = await DraftsStore.open(dir)
  const draft = await store.addAttachments((await store.save(undefined, fields)).id, [file])
  assert.ok(!JSON.stringify(draftView(draft)).includes(dir))
})

test('drafts are listed newest first and drafts in the outbox are not listed', async (t) => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const store = await DraftsStore.open(await tempDir(t), () => new Date((clock += 1000)))
  const a = await store.save(undefined, { ...fields, subject: 'a' })
  const b = await store.save(undefined, { ...fields, subject: 'b' })
  assert.deepEqual(
    store.list().map((d) => d.subject),
    ['b', 'a'],
  )
  await store.change(b.id, ({ current, write }) => write({ ...current!, outboxId: 'outbox-1' }))
  // A draft belongs to an outbox item only while that item exists (the outbox tells the store).
  store.ownedWhen((draft) => draft.outboxId === 'another-item')
  assert.deepEqual(
    store.list().map((d) => d.id),
    [b.id, a.id],
  )
  store.ownedWhen((draft) => draft.outboxId === 'outbox-1')
  assert.deepEqual(
    store.list().map((d) => d.id),
    [a.id],
  )
  await rejectsWith(store.save(b.id, fields), 'busy')
})

test('attaching something that is not a file is refused and changes nothing', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const draft = await store.save(undefined, fields)
  await rejectsWith(store.addAttachments(draft.id, [join(dir, 'missing.pdf')]), 'not-found')
  await rejectsWith(store.addAttachments(draft.id, [dir]), 'not-found')
  assert.deepEqual((await store.read(draft.id)).attachments, [])
})

test('an attachment that would push the message past the limit is refused with the size', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'big.bin')
  await writeFile(file, Buffer.alloc(30_000))
  const store = await DraftsStore.open(dir)
  const draft = await store.save(undefined, fields)
  await assert.rejects(store.addAttachments(draft.id, [file], 40_000), (error: unknown) => {
    assert.ok(error instanceof PostlineFailure)
    assert.equal(error.code, 'too-large')
    assert.match(
      error.message,
      /“big\.bin” was not attached\. This message would be about 40\.1 KB/,
    )
    return true
  })
  assert.ok(encodedSize(30_000) > 40_000)
  assert.deepEqual((await store.read(draft.id)).attachments, [])
})

test('removing an attachment that is not on the draft is refused', async (t) => {
  const store = await DraftsStore.open(await tempDir(t))
  const draft = await store.save(undefined, fields)
  await rejectsWith(store.removeAttachment(draft.id, 'nope-nope-nope'), 'not-found')
})

test('many quick saves of one draft end with the last one on disk and no temporary files', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const draft = await store.save(undefined, fields)
  await Promise.all(
    Array.from({ length: 20 }, (_, i) => store.save(draft.id, { ...fields, subject: `v${i}` })),
  )
  await store.flush()
  const onDisk = JSON.parse(await readFile(join(dir, 'drafts', `${draft.id}.json`), 'utf8'))
  assert.equal(onDisk.fields.subject, 'v19')
  assert.deepEqual(
    (await readdir(join(dir, 'drafts'))).filter((name) => !name.startsWith('.')),
    [`${draft.id}.json`],
  )
  assert.deepEqual(
    (await readdir(join(dir, 'drafts'))).filter((name) => name.endsWith('.tmp')),
    [],
  )
})

test('a damaged draft file is set aside and the others load', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const good = await store.save(undefined, fields)
  await writeFile(join(dir, 'drafts', 'broken.json'), '{"version":1,')
  const again = await DraftsStore.open(dir)
  assert.deepEqual(
    again.list().map((d) => d.id),
    [good.id],
  )
  assert.ok(
    (await readdir(join(dir, 'drafts'))).some((name) => name.startsWith('broken.json.damaged-')),
  )
})

test('a deleted draft is hidden at once, comes back whole with restore, and nothing else sees it', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const kept = await store.save(undefined, { ...fields, subject: 'Kept' })
  const gone = await store.save(undefined, { ...fields, subject: 'Discarded' })
  await store.delete(gone.id)
  assert.deepEqual(
    store.list().map((d) => d.id),
    [kept.id],
  )
  await rejectsWith(store.read(gone.id), 'not-found')
  await rejectsWith(store.save(gone.id, fields), 'not-found')
  await rejectsWith(store.delete(gone.id), 'not-found')
  assert.equal(store.find(gone.id), undefined)
  // Still on disk (marked), so Undo has something to bring back.
  assert.ok((await readdir(join(dir, 'drafts'))).includes(`${gone.id}.json`))

  const back = await store.restore(gone.id)
  assert.deepEqual(back.fields, gone.fields)
  assert.equal(back.updatedAt, gone.updatedAt, 'it goes back to its place in the list')
  assert.deepEqual(
    store.list().map((d) => d.id),
    [gone.id, kept.id],
  )
  await rejectsWith(store.restore(gone.id), 'not-found')
  await rejectsWith(store.restore(kept.id), 'not-found')
})

test('a trashed draft is removed for good at close, and after a crash at the next start', async (t) => {
  const dir = await tempDir(t)
  const store = await DraftsStore.open(dir)
  const kept = await store.save(undefined, { ...fields, subject: 'Kept' })
  const first = await store.save(undefined, { ...fields, subject: 'First' })
  await store.delete(first.id)
  await store.close()
  assert.deepEqual(
    (await readdir(join(dir, 'drafts'))).filter((n) => n.endsWith('.json') && !n.startsWith('.')),
    [`${kept.id}.json`],
  )
  const reopened = await DraftsStore.open(dir)
  assert.deepEqual(
    reopened.list().map((d) => d.id),
    [kept.id],
  )
  // A crash between the discard and the close: the next start neither loses the kept draft nor
  // brings the discarded one back.
  const second = await reopened.save(undefined, { ...fields, subject: 'Second' })
  await reopened.delete(second.id)
  const afterCrash = await DraftsStore.open(dir)
  assert.deepEqual(
    afterCrash.list().map((d) => d.id),
    [kept.id],
  )
  await rejectsWith(afterCrash.restore(second.id), 'not-found')
  assert.ok(!(await readdir(join(dir, 'drafts'))).includes(`${second.id}.json`))
})

test('the changes for the window name only the drafts written, removed or touched since the last', async (t) => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const store = await DraftsStore.open(await tempDir(t), () => new Date((clock += 1000)))
  assert.equal(store.takeChanges(), null)
  const a = await store.save(undefined, { ...fields, subject: 'a' })
  const b = await store.save(undefined, { ...fields, subject: 'b' })
  const first = store.takeChanges()
  assert.deepEqual(first, {
    seq: 1,
    upserted: [store.list()[1], store.list()[0]],
    removed: [],
  })
  assert.equal(store.takeChanges(), null, 'nothing changed since')
  await store.save(a.id, { ...fields, subject: 'a again' })
  await store.delete(b.id)
  const second = store.takeChanges()!
  assert.equal(second.seq, 2)
  assert.deepEqual(
    second.upserted.map((d) => [d.id, d.subject]),
    [[a.id, 'a again']],
  )
  assert.deepEqual(second.removed, [b.id])
  // A draft that goes to the outbox leaves the list; one whose item went comes back when touched.
  let owner = 'outbox-1'
  store.ownedWhen((draft) => draft.outboxId === owner)
  await store.change(a.id, ({ current, write }) => write({ ...current!, outboxId: 'outbox-1' }))
  assert.deepEqual(store.takeChanges(), { seq: 3, upserted: [], removed: [a.id] })
  owner = 'none'
  store.touch(a.id)
  assert.deepEqual(
    store.takeChanges()?.upserted.map((d) => d.id),
    [a.id],
  )
})

test('the window hears of a delete as a removal and of a restore as the line back', async (t) => {
  const store = await DraftsStore.open(await tempDir(t))
  const draft = await store.save(undefined, fields)
  store.takeChanges()
  await store.delete(draft.id)
  assert.deepEqual(store.takeChanges()?.removed, [draft.id])
  await store.restore(draft.id)
  const back = store.takeChanges()
  assert.deepEqual(back?.removed, [])
  assert.deepEqual(
    back?.upserted.map((line) => line.id),
    [draft.id],
  )
})
