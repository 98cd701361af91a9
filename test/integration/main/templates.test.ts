// Templates through the core's channels: saved from a draft (its attachments copied), listed,
// inserted into another draft (copies attached), renamed and deleted, kept across restarts; bad
// names, a damaged file and a really full disk (a tmpfs) answer their own errors and lose nothing.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../../src/main/core'
import type { Sandbox } from '../../../src/sandbox/index'
import type { DraftFields, TemplateFields } from '../../../src/shared/domain'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'
import { cannotMount, fill, unmount } from '../../helpers/tmpfs'
import { ADA, sandboxForFile } from '../../helpers/sandbox'
import { httpBrowser } from '../../helpers/consent'
import { FAST, outboxState } from '../../helpers/sending'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const DRAFT: DraftFields = {
  from: null,
  to: ['ana@example.com'],
  cc: ['bea@example.com'],
  bcc: [],
  subject: 'Weekly report',
  html: '<p>This week we shipped templates.</p>',
  text: '',
}
const FIELDS: TemplateFields = {
  subject: DRAFT.subject,
  to: DRAFT.to,
  cc: DRAFT.cc,
  bcc: DRAFT.bcc,
  html: DRAFT.html,
}

async function coreIn(t: TestContext, dataDir: string) {
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), async () => {}),
    { verifyAtStart: false },
  )
  return core
}

test('save from a draft with its file, insert into another draft, rename, delete, restart', async (t) => {
  const dataDir = await tempDir(t)
  const outside = await tempDir(t)
  const file = join(outside, 'figures.csv')
  await writeFile(file, 'week,shipped\n48,templates\n')
  let core = await coreIn(t, dataDir)
  const source = ok(await core.handlers['drafts.save']({ fields: DRAFT }))
  ok(await core.handlers['attachments.addDropped']({ draftId: source.id, paths: [file] }))

  const saved = ok(
    await core.handlers['templates.save']({ name: 'Weekly', fields: FIELDS, draftId: source.id }),
  )
  assert.deepEqual(
    saved.attachments.map((attachment) => attachment.name),
    ['figures.csv'],
  )
  const withoutFiles = ok(await core.handlers['templates.save']({ name: 'Plain', fields: FIELDS }))
  assert.deepEqual(withoutFiles.attachments, [])
  // The draft it came from is deleted and its file removed: the template is whole.
  ok(await core.handlers['drafts.delete']({ id: source.id }))
  await rm(file)
  const whole = ok(await core.handlers['templates.get']({ id: saved.id }))
  assert.equal(whole.html, DRAFT.html)
  assert.deepEqual([whole.subject, whole.to, whole.cc], [DRAFT.subject, DRAFT.to, DRAFT.cc])

  // Inserted into a new draft: copies of its files are attached.
  const target = ok(await core.handlers['drafts.save']({ fields: { ...DRAFT, subject: '' } }))
  const attached = ok(await core.handlers['templates.attach']({ id: saved.id, draftId: target.id }))
  assert.deepEqual(attached.missing, [])
  assert.deepEqual(
    attached.draft.attachments.map((attachment) => [attachment.name, attachment.size]),
    [['figures.csv', 26]],
  )

  // Renamed, then a name that is taken, empty or too long is refused with its own detail.
  const renamed = ok(await core.handlers['templates.rename']({ id: saved.id, name: 'Monday' }))
  assert.deepEqual(
    renamed.map((template) => template.name),
    ['Monday', 'Plain'],
  )
  for (const [name, detail] of [
    ['plain', 'templateNameTaken'],
    ['  ', 'templateNameEmpty'],
    ['n'.repeat(101), 'templateNameLong'],
  ] as const) {
    const error = failed(await core.handlers['templates.rename']({ id: saved.id, name }))
    assert.equal(error.code, 'invalid-input')
    assert.equal((error as { params?: { detail?: string } }).params?.detail, detail)
  }
  const gone = failed(await core.handlers['templates.get']({ id: 'AAAAAAAAAAAAAAAAAAAAAA' }))
  assert.equal(gone.code, 'not-found')

  // Deleting the template leaves the draft's copy, which still sends as it was attached.
  const left = ok(await core.handlers['templates.delete']({ id: saved.id }))
  assert.deepEqual(
    left.map((template) => template.name),
    ['Plain'],
  )
  const draftFiles = await readdir(join(dataDir, 'templates', 'inserted', target.id))
  assert.equal(draftFiles.length, 1)

  // After a restart: the list is there; the draft's copies stay while the draft does.
  await core.close()
  core = await coreIn(t, dataDir)
  assert.deepEqual(
    ok(await core.handlers['templates.list'](undefined)).map((template) => template.name),
    ['Plain'],
  )
  assert.deepEqual(await readdir(join(dataDir, 'templates', 'inserted')), [target.id])
  ok(await core.handlers['drafts.delete']({ id: target.id }))
  await core.close()
  await coreIn(t, dataDir)
  assert.deepEqual(await readdir(join(dataDir, 'templates', 'inserted')), [])
})

test('a damaged template file is set aside at start and named in app.status', async (t) => {
  const dataDir = await tempDir(t)
  let core = await coreIn(t, dataDir)
  const saved = ok(await core.handlers['templates.save']({ name: 'Weekly', fields: FIELDS }))
  await core.close()
  await writeFile(join(dataDir, 'templates', `${saved.id}.json`), 'not json')
  core = await coreIn(t, dataDir)
  assert.deepEqual(ok(await core.handlers['templates.list'](undefined)), [])
  const status = ok(await core.handlers['app.status'](undefined))
  const aside = status.setAside.filter((file) => file.kind === 'template')
  assert.equal(aside.length, 1)
  assert.equal(aside[0]!.reason, 'notJson')
  assert.equal(await readFile(aside[0]!.path, 'utf8'), 'not json')
})

test('a full disk (2 MB tmpfs): templates.save and rename answer disk-full and lose nothing', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'postline-templates-full-'))
  const reason = await cannotMount(dataDir)
  if (reason !== null) {
    await rmdir(dataDir)
    t.skip(reason)
    return
  }
  t.after(async () => {
    await unmount(dataDir).catch(() => {})
    await rmdir(dataDir).catch(() => {})
  })
  const core = await createCore(
    sandboxOptions(sandbox, dataDir, testService(), async () => {}),
    {
      verifyAtStart: false,
    },
  )
  try {
    const before = ok(await core.handlers['templates.save']({ name: 'Before', fields: FIELDS }))
    await fill(join(dataDir, 'filler'))
    const big = { ...FIELDS, html: `<p>${'x'.repeat(50_000)}</p>` }
    const full = failed(await core.handlers['templates.save']({ name: 'Full', fields: big }))
    assert.equal(full.code, 'disk-full')
    const renamed = failed(
      await core.handlers['templates.rename']({
        id: before.id,
        name: `Renamed ${'r'.repeat(90)}`,
      }),
    )
    assert.equal(renamed.code, 'disk-full')
    assert.deepEqual(
      ok(await core.handlers['templates.list'](undefined)).map((template) => template.name),
      ['Before'],
    )
    const names = await readdir(join(dataDir, 'templates'))
    assert.deepEqual(
      names.filter((name) => name.endsWith('.tmp')),
      [],
      'no temporary file keeps the disk full',
    )
    assert.equal(
      JSON.parse(await readFile(join(dataDir, 'templates', `${before.id}.json`), 'utf8')).name,
      'Before',
    )
    await rm(join(dataDir, 'filler'))
    ok(await core.handlers['templates.save']({ name: 'Full', fields: big }))
  } finally {
    await core.close()
  }
})

test('a sent message’s template copies outlive its draft: Copy as new message after a restart attaches them', async (t) => {
  const dataDir = await tempDir(t)
  const outside = await tempDir(t)
  const file = join(outside, 'figures.csv')
  await writeFile(file, 'week,shipped\n48,templates\n')
  const browser = httpBrowser([{ identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), browser.openExternal),
    { sendTiming: FAST },
  )
  ok(await core.handlers['accounts.add'](undefined))
  const source = ok(await core.handlers['drafts.save']({ fields: DRAFT }))
  ok(await core.handlers['attachments.addDropped']({ draftId: source.id, paths: [file] }))
  const saved = ok(
    await core.handlers['templates.save']({ name: 'Weekly', fields: FIELDS, draftId: source.id }),
  )
  ok(await core.handlers['drafts.delete']({ id: source.id }))

  const target = ok(await core.handlers['drafts.save']({ fields: { ...DRAFT, from: ADA } }))
  ok(await core.handlers['templates.attach']({ id: saved.id, draftId: target.id }))
  const queued = ok(await core.handlers['mail.send']({ draftId: target.id }))
  await outboxState(core, queued.id, ['sent'])
  await core.close()

  // The draft is gone (sent); the outbox keeps the sent item, and with it the copies.
  const restarted = await coreIn(t, dataDir)
  assert.deepEqual(await readdir(join(dataDir, 'templates', 'inserted')), [target.id])
  const copied = ok(await restarted.handlers['outbox.copyAsNew']({ id: queued.id }))
  assert.deepEqual(copied.missing, [])
  assert.deepEqual(
    copied.draft.attachments.map((attachment) => [attachment.name, attachment.size]),
    [['figures.csv', 26]],
  )
})
