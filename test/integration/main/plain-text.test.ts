// Plain text end to end through the core: a draft records its format across restarts (old drafts
// read as rich), a plain-text message reaches the sandbox as ONE text/plain; format=flowed part
// that mailparser unfolds back to the text, and the per-address default lives in preferences.json.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import type { Sandbox } from '../../../src/sandbox/index'
import type { DraftFields } from '../../../src/shared/domain'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { coreWithAccounts, outboxState } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const LONG =
  'The engine read every card and turned every column; the table of Bernoulli numbers came ' +
  'out exactly as the notes said it would, façade and all — ça marche. 😀'
const TEXT = `Dear Grace,\n\n${LONG}\n> From your last letter\n\n-- \nAda Lovelace`

const FIELDS: DraftFields = {
  from: null,
  to: ['Grace Hopper <grace@example.com>'],
  cc: [],
  bcc: [],
  subject: 'Plain',
  html: TEXT.split('\n')
    .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/>/g, '&gt;')}</p>`)
    .join(''),
  text: TEXT,
  format: 'plain',
}

async function coreIn(t: TestContext, dataDir: string) {
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), async () => {}, { systemLanguages: ['en'] }),
  )
  return core
}

test('a plain-text message arrives as one text/plain part, format=flowed, unfolded right', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const before = sandbox.mailbox().length
  const draft = ok(await core.handlers['drafts.save']({ fields: FIELDS }))
  assert.equal(draft.format, 'plain')
  const queued = ok(await core.handlers['mail.send']({ draftId: draft.id }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const raw = sandbox.mailbox().slice(before)[0]!.raw
  const wire = raw.toString('latin1')
  assert.equal(wire.match(/^Content-Type:/gim)?.length, 1, 'one part: the message itself')
  assert.match(wire, /^Content-Type: text\/plain; charset=utf-8; format=flowed\r$/im)
  assert.match(wire, /^Content-Transfer-Encoding: quoted-printable\r$/im)
  assert.doesNotMatch(wire, /text\/html|multipart/i)
  const parsed = await simpleParser(raw)
  assert.equal(parsed.html, false)
  assert.equal(parsed.text?.replace(/\n$/, ''), TEXT)
  // Unfolded: the long paragraph is one line again, though it went out cut at 78.
  assert.ok(parsed.text?.split('\n').includes(LONG))
  // Copy as new message keeps it plain.
  const copied = ok(await core.handlers['outbox.copyAsNew']({ id: queued.id }))
  assert.equal(copied.draft.format, 'plain')
  assert.equal(copied.draft.text, TEXT)
})

test('a rich message from the same core still has its HTML alternative', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA])
  const before = sandbox.mailbox().length
  const draft = ok(
    await core.handlers['drafts.save']({
      fields: { ...FIELDS, format: 'rich', html: '<p><b>Bold</b> hello</p>', text: '' },
    }),
  )
  assert.equal(draft.format, 'rich')
  const queued = ok(await core.handlers['mail.send']({ draftId: draft.id }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const parsed = await simpleParser(sandbox.mailbox().slice(before)[0]!.raw)
  assert.match(String(parsed.html), /<b>Bold<\/b>/)
})

test('a draft keeps its format across a restart; one saved before formats reads as rich', async (t) => {
  const dataDir = await tempDir(t)
  const core = await coreIn(t, dataDir)
  const plain = ok(await core.handlers['drafts.save']({ fields: FIELDS }))
  const rich = ok(await core.handlers['drafts.save']({ fields: { ...FIELDS, format: 'rich' } }))
  const old = ok(await core.handlers['drafts.save']({ fields: { ...FIELDS, format: 'rich' } }))
  await core.close()
  const file = path.join(dataDir, 'drafts', `${old.id}.json`)
  const record = JSON.parse(await readFile(file, 'utf8'))
  assert.equal(record.fields.format, 'rich')
  delete record.fields.format
  await writeFile(file, JSON.stringify(record))

  const again = await coreIn(t, dataDir)
  assert.equal(ok(await again.handlers['drafts.get']({ id: plain.id })).format, 'plain')
  assert.equal(ok(await again.handlers['drafts.get']({ id: rich.id })).format, 'rich')
  const reread = ok(await again.handlers['drafts.get']({ id: old.id }))
  assert.equal(reread.format, 'rich')
  assert.equal(reread.subject, 'Plain')
  // A format that is not one is refused, and the draft is left as it was.
  const bad = await again.handlers['drafts.save']({
    id: plain.id,
    fields: { ...FIELDS, subject: 'changed', format: 'markdown' } as unknown as DraftFields,
  })
  assert.equal(failed(bad).code, 'invalid-input')
  assert.equal(ok(await again.handlers['drafts.get']({ id: plain.id })).subject, 'Plain')
})

test('the plain-text default is kept per sending address in preferences.json, disk first', async (t) => {
  const dataDir = await tempDir(t)
  const core = await coreIn(t, dataDir)
  assert.deepEqual(ok(await core.handlers['plainText.defaults'](undefined)), [])
  ok(await core.handlers['language.set']({ language: 'es' }))
  assert.deepEqual(
    ok(await core.handlers['plainText.setDefault']({ address: 'Ada@Sandbox.Test', plain: true })),
    ['ada@sandbox.test'],
  )
  ok(await core.handlers['plainText.setDefault']({ address: 'alias@example.com', plain: true }))
  const onDisk = JSON.parse(await readFile(path.join(dataDir, 'preferences.json'), 'utf8'))
  assert.deepEqual(onDisk, {
    language: 'es',
    plainText: ['ada@sandbox.test', 'alias@example.com'],
  })
  await core.close()

  const again = await coreIn(t, dataDir)
  assert.deepEqual(ok(await again.handlers['plainText.defaults'](undefined)), [
    'ada@sandbox.test',
    'alias@example.com',
  ])
  assert.equal(ok(await again.handlers['language.get'](undefined)).chosen, 'es')
  // The language changes: the plain-text defaults stay.
  ok(await again.handlers['language.set']({ language: 'en' }))
  ok(await again.handlers['plainText.setDefault']({ address: 'ada@sandbox.test', plain: false }))
  assert.deepEqual(ok(await again.handlers['plainText.defaults'](undefined)), ['alias@example.com'])
  const last = JSON.parse(await readFile(path.join(dataDir, 'preferences.json'), 'utf8'))
  assert.deepEqual(last, { language: 'en', plainText: ['alias@example.com'] })
})
