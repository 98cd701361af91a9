import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DraftsStore, draftView, encodedSize } from '../../../../src/main/store/drafts-store'
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
  const again = await DraftsStore.open(dir)
  assert.deepEqual(again.get(saved.id), saved)
  assert.deepEqual(
    again.list().map((d) => d.id),
    [saved.id],
  )
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
  assert.deepEqual(store.get(draft.id).attachments, [])
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
    assert.match(error.message, /“big\.bin”.*about 0\.0 MB/)
    return true
  })
  assert.ok(encodedSize(30_000) > 40_000)
  assert.deepEqual(store.get(draft.id).attachments, [])
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
  assert.deepEqual(await readdir(join(dir, 'drafts')), [`${draft.id}.json`])
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
