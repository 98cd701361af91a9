import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { TemplatesStore, type TemplateSource } from '../../../../src/main/store/templates-store'
import { fingerprintFile } from '../../../../src/main/store/attachment-file'
import { faultyFileSystem } from '../../../../src/main/store/file-system'
import { PostlineFailure } from '../../../../src/main/errors'
import { MAX_TEMPLATE_NAME_LENGTH, type TemplateFields } from '../../../../src/shared/domain'
import { tempDir } from '../../../helpers/temp-dir'

const fields: TemplateFields = {
  subject: 'Weekly report',
  to: ['Ada <ada@example.com>'],
  cc: ['grace@example.com'],
  bcc: [],
  html: '<p>This week:</p><ul><li><p>one</p></li></ul>',
}

function rejectsWith(promise: Promise<unknown>, code: string, detail?: string) {
  return assert.rejects(
    promise,
    (error: unknown) =>
      error instanceof PostlineFailure &&
      error.code === code &&
      (detail === undefined || error.params?.detail === detail),
  )
}

async function sourceFile(dir: string, name: string, text: string): Promise<TemplateSource> {
  const path = join(dir, name)
  await writeFile(path, text)
  const fingerprint = (await fingerprintFile(path))!
  return {
    name,
    path: fingerprint.path,
    fingerprint,
    size: fingerprint.size,
    mimeType: 'text/plain',
  }
}

async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [] as string[])).sort()
}

test('a saved template is back, whole, after reopening; the list is by name', async (t) => {
  const dir = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const b = await store.save('  Weekly report ', fields)
  const a = await store.save('Apology', { ...fields, subject: '' })
  assert.equal(b.name, 'Weekly report', 'the name is trimmed')
  const again = await TemplatesStore.open(dir)
  assert.deepEqual(
    again.list().map((template) => template.name),
    ['Apology', 'Weekly report'],
  )
  assert.deepEqual(again.get(b.id), { ...store.get(b.id) })
  assert.equal(again.get(b.id).html, fields.html)
  assert.deepEqual(again.get(b.id).to, fields.to)
  assert.equal(again.get(a.id).subject, '')
  // One JSON file per template, nothing else left behind.
  assert.deepEqual(await filesIn(join(dir, 'templates')), [`${a.id}.json`, `${b.id}.json`].sort())
})

test('bad names are refused with their own detail and change nothing', async (t) => {
  const dir = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const kept = await store.save('Weekly report', fields)
  await rejectsWith(store.save('   ', fields), 'invalid-input', 'templateNameEmpty')
  await rejectsWith(store.save('two\nlines', fields), 'invalid-input', 'templateNameEmpty')
  await rejectsWith(
    store.save('x'.repeat(MAX_TEMPLATE_NAME_LENGTH + 1), fields),
    'invalid-input',
    'templateNameLong',
  )
  await rejectsWith(store.save('WEEKLY report', fields), 'invalid-input', 'templateNameTaken')
  const other = await store.save('Other', fields)
  await rejectsWith(store.rename(other.id, 'weekly REPORT'), 'invalid-input', 'templateNameTaken')
  await rejectsWith(store.rename(other.id, ''), 'invalid-input', 'templateNameEmpty')
  await rejectsWith(store.rename('no-such-template', 'Fine'), 'not-found', 'templateGone')
  // A name exactly at the limit is fine; renaming to its own name in another case too.
  await store.save('y'.repeat(MAX_TEMPLATE_NAME_LENGTH), fields)
  assert.equal((await store.rename(kept.id, 'weekly Report')).name, 'weekly Report')
  const reopened = await TemplatesStore.open(dir)
  assert.deepEqual(
    reopened.list().map((template) => template.name),
    ['Other', 'weekly Report', 'y'.repeat(MAX_TEMPLATE_NAME_LENGTH)],
  )
})

test('attachments are copied: the template stays whole when the original file changes or goes', async (t) => {
  const dir = await tempDir(t)
  const outside = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const file = await sourceFile(outside, 'report.txt', 'the figures')
  const saved = await store.save('With file', fields, [file])
  assert.deepEqual(
    saved.attachments.map(({ name, size, mimeType }) => ({ name, size, mimeType })),
    [{ name: 'report.txt', size: 11, mimeType: 'text/plain' }],
  )
  await rm(file.path)
  // Inserting copies the template's file for the draft, under the name it is sent with.
  const copied = await store.copyFilesFor(saved.id, 'draft-0000001')
  assert.deepEqual(copied.missing, [])
  assert.equal(copied.paths.length, 1)
  assert.equal(basename(copied.paths[0]!), 'report.txt')
  assert.equal(await readFile(copied.paths[0]!, 'utf8'), 'the figures')
  // Deleting the template removes its copies, never the draft's.
  await store.delete(saved.id)
  await rejectsWith(
    Promise.resolve().then(() => store.get(saved.id)),
    'not-found',
    'templateGone',
  )
  assert.deepEqual(await filesIn(join(dir, 'templates', 'files')), [])
  assert.equal(await readFile(copied.paths[0]!, 'utf8'), 'the figures')
  // At the next start, copies for drafts that are gone are removed; a live draft's stay.
  const kept = await store.save('Second', fields, [await sourceFile(outside, 'b.txt', 'b')])
  const live = await store.copyFilesFor(kept.id, 'draft-live-0001')
  const reopened = await TemplatesStore.open(dir)
  await reopened.sweepInserted((draftId) => draftId === 'draft-live-0001')
  assert.deepEqual(await filesIn(join(dir, 'templates', 'inserted')), ['draft-live-0001'])
  assert.equal(await readFile(live.paths[0]!, 'utf8'), 'b')
})

test('a file changed since it was attached is not copied, and no template is written', async (t) => {
  const dir = await tempDir(t)
  const outside = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const file = await sourceFile(outside, 'report.txt', 'the figures')
  await writeFile(file.path, 'other figures, longer')
  await rejectsWith(store.save('With file', fields, [file]), 'attachment-changed')
  assert.deepEqual(store.list(), [])
  assert.deepEqual(await filesIn(join(dir, 'templates')), [])
})

test('a damaged template file is set aside at start with its reason; the others load', async (t) => {
  const dir = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const good = await store.save('Good', fields)
  const bad = await store.save('Bad', fields)
  await writeFile(join(dir, 'templates', `${bad.id}.json`), '{"version":1,"id":')
  const wrong = await store.save('Wrong', fields)
  await writeFile(
    join(dir, 'templates', `${wrong.id}.json`),
    JSON.stringify({ version: 1, id: wrong.id }),
  )
  const reopened = await TemplatesStore.open(dir, () => new Date(1_000))
  assert.deepEqual(
    reopened.list().map((template) => template.id),
    [good.id],
  )
  const reasons = Object.fromEntries(
    reopened.setAside.map((file) => [basename(file.path), file.reason]),
  )
  assert.deepEqual(reasons, {
    [`${bad.id}.json.damaged-1000`]: 'notJson',
    [`${wrong.id}.json.damaged-1000`]: 'wrongFields',
  })
  // Nothing was deleted: the damaged text is still there under its new name.
  assert.equal(
    await readFile(join(dir, 'templates', `${bad.id}.json.damaged-1000`), 'utf8'),
    '{"version":1,"id":',
  )
  // Its name is free again.
  await reopened.save('Bad', fields)
})

test('a full disk: saving answers disk-full, leaves no file, and the next save works', async (t) => {
  const dir = await tempDir(t)
  const outside = await tempDir(t)
  const fs = faultyFileSystem()
  const store = await TemplatesStore.open(dir, undefined, fs)
  const before = await store.save('Before', fields)
  fs.setFaults([{ op: 'write', code: 'ENOSPC' }])
  await rejectsWith(store.save('Full', fields), 'disk-full', 'diskFull')
  await rejectsWith(
    store.save('Full with file', fields, [await sourceFile(outside, 'a.txt', 'a')]),
    'disk-full',
  )
  await rejectsWith(store.rename(before.id, 'Renamed'), 'disk-full')
  assert.deepEqual(
    store.list().map((template) => template.name),
    ['Before'],
    'memory changes only after the disk did',
  )
  assert.deepEqual(await filesIn(join(dir, 'templates')), [`${before.id}.json`, 'files'].sort())
  assert.deepEqual(await filesIn(join(dir, 'templates', 'files')), [])
  fs.setFaults([{ op: 'rm', code: 'EIO' }])
  await rejectsWith(store.delete(before.id), 'disk-error')
  assert.equal(store.list().length, 1)
  fs.setFaults([])
  await store.save('Full', fields)
  await store.rename(before.id, 'Renamed')
  const reopened = await TemplatesStore.open(dir)
  assert.deepEqual(
    reopened.list().map((template) => template.name),
    ['Full', 'Renamed'],
  )
})

test('a write cut short leaves the old file whole; its temporary file is removed at start', async (t) => {
  const dir = await tempDir(t)
  const fs = faultyFileSystem()
  const store = await TemplatesStore.open(dir, undefined, fs)
  const saved = await store.save('Name', fields)
  const before = await readFile(join(dir, 'templates', `${saved.id}.json`), 'utf8')
  // The rename that would replace the file fails (as if the process died before it).
  fs.setFaults([{ op: 'rename', code: 'EIO' }])
  await rejectsWith(store.rename(saved.id, 'Other name'), 'disk-error')
  assert.equal(await readFile(join(dir, 'templates', `${saved.id}.json`), 'utf8'), before)
  // A temporary file a crash left behind is swept at the next start.
  await writeFile(join(dir, 'templates', `.${saved.id}.json.abcdef.tmp`), '{"half')
  const reopened = await TemplatesStore.open(dir)
  assert.equal(reopened.get(saved.id).name, 'Name')
  assert.deepEqual(await filesIn(join(dir, 'templates')), [`${saved.id}.json`])
})

test('changes run one at a time: two saves of one name at once make one template', async (t) => {
  const dir = await tempDir(t)
  const store = await TemplatesStore.open(dir)
  const results = await Promise.allSettled([
    store.save('Same', fields),
    store.save('same', fields),
    store.save('SAME', fields),
  ])
  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1)
  assert.equal(store.list().length, 1)
})
