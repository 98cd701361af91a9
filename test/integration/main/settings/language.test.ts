import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PREFERENCES_FILE, Preferences } from '../../../../src/main/settings/preferences'
import { faultyFileSystem } from '../../../../src/main/store/file-system'
import type { LanguageState } from '../../../../src/shared/domain'
import { tempDir } from '../../../helpers/temp-dir'

test('the language follows the system until the person chooses, and the choice is remembered', async (t) => {
  const dataDir = await tempDir(t)
  const first = await Preferences.open({ dataDir, systemLanguages: ['pt-PT', 'en'] })
  assert.deepEqual(first.language(), { chosen: null, system: 'pt-BR', active: 'pt-BR' })

  const heard: LanguageState[] = []
  first.onLanguageChanged((state) => heard.push(state))
  const chosen = await first.setLanguage('es')
  assert.deepEqual(chosen, { chosen: 'es', system: 'pt-BR', active: 'es' })
  assert.deepEqual(heard, [chosen])

  const again = await Preferences.open({ dataDir, systemLanguages: ['en-US'] })
  assert.deepEqual(again.language(), { chosen: 'es', system: 'en', active: 'es' })
  await again.setLanguage(null)
  const third = await Preferences.open({ dataDir, systemLanguages: ['es-MX'] })
  assert.deepEqual(third.language(), { chosen: null, system: 'es', active: 'es' })
})

test('a full disk changes nothing, and says so', async (t) => {
  const dataDir = await tempDir(t)
  const fs = faultyFileSystem()
  const preferences = await Preferences.open({ dataDir, systemLanguages: ['en'], fs })
  await preferences.setLanguage('pt-BR')
  fs.setFaults([{ op: 'write', code: 'ENOSPC' }])
  const heard: LanguageState[] = []
  preferences.onLanguageChanged((state) => heard.push(state))
  await assert.rejects(preferences.setLanguage('es'), { code: 'disk-full' })
  assert.equal(preferences.language().active, 'pt-BR')
  assert.deepEqual(heard, [])
  const onDisk = JSON.parse(await readFile(path.join(dataDir, PREFERENCES_FILE), 'utf8'))
  assert.deepEqual(onDisk, { language: 'pt-BR' })
})

test('a damaged preferences file is set aside and the system language used', async (t) => {
  const dataDir = await tempDir(t)
  await writeFile(path.join(dataDir, PREFERENCES_FILE), '{"language": "pt-BR"')
  const moved: string[] = []
  const preferences = await Preferences.open({
    dataDir,
    systemLanguages: ['es'],
    onSetAside: (to) => moved.push(to),
  })
  assert.equal(preferences.language().active, 'es')
  assert.equal(moved.length, 1)
  assert.match(moved[0]!, /preferences\.json\.damaged-\d+$/)
  assert.equal(await readFile(moved[0]!, 'utf8'), '{"language": "pt-BR"')
})

test('the pseudo-locale is refused unless tests allow it, and unknown values are ignored', async (t) => {
  const dataDir = await tempDir(t)
  const app = await Preferences.open({ dataDir, systemLanguages: ['en'] })
  assert.equal((await app.setLanguage('en-XA')).active, 'en')
  await writeFile(path.join(dataDir, PREFERENCES_FILE), '{"language": "fr"}')
  assert.equal(
    (await Preferences.open({ dataDir, systemLanguages: ['en'] })).language().chosen,
    null,
  )
  const tests = await Preferences.open({ dataDir, systemLanguages: ['en'], allowPseudo: true })
  assert.equal((await tests.setLanguage('en-XA')).active, 'en-XA')
})
