// Each draft carries the language it is written in (spell checking follows it): a new draft takes
// the window's language, a chosen one is remembered across restarts, and drafts saved before
// languages existed read as the window's language.
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Sandbox } from '../../../src/sandbox/index'
import type { DraftFields } from '../../../src/shared/domain'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'
import { sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const FIELDS: DraftFields = {
  from: null,
  to: ['ana@example.com'],
  cc: [],
  bcc: [],
  subject: 'Relatório',
  html: '<p>Segue o relatório em anexo.</p>',
  text: '',
}

async function coreIn(t: TestContext, dataDir: string, systemLanguages: string[]) {
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), async () => {}, {
      systemLanguages,
      allowPseudoLanguage: true,
    }),
  )
  return core
}

test('a new draft takes the window’s language; a chosen one is kept and remembered', async (t) => {
  const dataDir = await tempDir(t)
  const core = await coreIn(t, dataDir, ['pt-BR'])
  const draft = ok(await core.handlers['drafts.save']({ fields: FIELDS }))
  assert.equal(draft.lang, 'pt-BR')

  const spanish = ok(
    await core.handlers['drafts.save']({ id: draft.id, fields: { ...FIELDS, lang: 'es' } }),
  )
  assert.equal(spanish.lang, 'es')
  // A save that does not say the language keeps the draft's.
  const kept = ok(await core.handlers['drafts.save']({ id: draft.id, fields: FIELDS }))
  assert.equal(kept.lang, 'es')
  const english = ok(await core.handlers['drafts.save']({ fields: { ...FIELDS, lang: 'en' } }))
  assert.deepEqual(core.writingLanguages(), ['pt-BR', 'es', 'en'])

  const onDisk = JSON.parse(
    await readFile(path.join(dataDir, 'drafts', `${draft.id}.json`), 'utf8'),
  )
  assert.equal(onDisk.fields.lang, 'es')
  await core.close()

  // After a restart (clean close: the index is read), in another window language.
  const again = await coreIn(t, dataDir, ['en-US'])
  assert.equal(ok(await again.handlers['drafts.get']({ id: draft.id })).lang, 'es')
  assert.equal(ok(await again.handlers['drafts.get']({ id: english.id })).lang, 'en')
  assert.deepEqual(new Set(again.writingLanguages()), new Set(['en', 'es']))
})

test('a draft saved before languages existed reads as the window’s language', async (t) => {
  const dataDir = await tempDir(t)
  const core = await coreIn(t, dataDir, ['es-MX'])
  const draft = ok(await core.handlers['drafts.save']({ fields: FIELDS }))
  await core.close()
  const file = path.join(dataDir, 'drafts', `${draft.id}.json`)
  const record = JSON.parse(await readFile(file, 'utf8'))
  delete record.fields.lang
  await writeFile(file, JSON.stringify(record))
  // The index written at close still says es: start as after a crash, so the drafts are read.
  await writeFile(path.join(dataDir, 'drafts', '.open'), 'crashed\n')

  const again = await coreIn(t, dataDir, ['pt-PT'])
  const old = ok(await again.handlers['drafts.get']({ id: draft.id }))
  assert.equal(old.lang, 'pt-BR')
  assert.equal(old.subject, 'Relatório')
  assert.deepEqual(again.writingLanguages(), ['pt-BR', 'pt-BR'])
  // The window's language changes: the old draft follows it until it is given its own.
  ok(await again.handlers['language.set']({ language: 'es' }))
  assert.equal(ok(await again.handlers['drafts.get']({ id: draft.id })).lang, 'es')
  ok(await again.handlers['language.set']({ language: 'en-XA' }))
  assert.equal(ok(await again.handlers['drafts.get']({ id: draft.id })).lang, 'en')
  const saved = ok(await again.handlers['drafts.save']({ id: draft.id, fields: FIELDS }))
  assert.equal(saved.lang, 'en')
  ok(await again.handlers['language.set']({ language: 'pt-BR' }))
  assert.equal(ok(await again.handlers['drafts.get']({ id: draft.id })).lang, 'en')
})

test('a language Postline does not speak is refused and changes nothing', async (t) => {
  const dataDir = await tempDir(t)
  const core = await coreIn(t, dataDir, ['en'])
  const draft = ok(await core.handlers['drafts.save']({ fields: { ...FIELDS, lang: 'es' } }))
  for (const lang of ['fr', 'pt', 'en-XA', '', 3]) {
    const answer = await core.handlers['drafts.save']({
      id: draft.id,
      fields: { ...FIELDS, subject: 'changed', lang } as unknown as DraftFields,
    })
    assert.equal(failed(answer).code, 'invalid-input', String(lang))
  }
  const now = ok(await core.handlers['drafts.get']({ id: draft.id }))
  assert.equal(now.lang, 'es')
  assert.equal(now.subject, 'Relatório')
})
