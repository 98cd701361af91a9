import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PREFERENCES_FILE, Preferences } from '../../../../src/main/settings/preferences'
import { faultyFileSystem } from '../../../../src/main/store/file-system'
import { tempDir } from '../../../helpers/temp-dir'

test('the plain-text default is per address, compared as addresses are, and remembered', async (t) => {
  const dataDir = await tempDir(t)
  const first = await Preferences.open({ dataDir, systemLanguages: ['en'] })
  assert.deepEqual(first.plainTextDefaults(), [])
  await first.setPlainTextDefault('Ada@Sandbox.TEST', true)
  await first.setPlainTextDefault('ada@sandbox.test', true)
  await first.setPlainTextDefault('alias@example.com', true)
  assert.deepEqual(first.plainTextDefaults(), ['ada@sandbox.test', 'alias@example.com'])
  await first.setLanguage('pt-BR')

  const again = await Preferences.open({ dataDir, systemLanguages: ['en'] })
  assert.deepEqual(again.plainTextDefaults(), ['ada@sandbox.test', 'alias@example.com'])
  assert.equal(again.language().chosen, 'pt-BR')
  await again.setPlainTextDefault('ADA@sandbox.test', false)
  assert.deepEqual(again.plainTextDefaults(), ['alias@example.com'])
  const onDisk = JSON.parse(await readFile(path.join(dataDir, PREFERENCES_FILE), 'utf8'))
  assert.deepEqual(onDisk, { language: 'pt-BR', plainText: ['alias@example.com'] })
})

test('a full disk leaves the plain-text defaults as they were, on disk and in memory', async (t) => {
  const dataDir = await tempDir(t)
  const fs = faultyFileSystem()
  const preferences = await Preferences.open({ dataDir, systemLanguages: ['en'], fs })
  await preferences.setPlainTextDefault('ada@sandbox.test', true)
  fs.setFaults([{ op: 'write', code: 'ENOSPC' }])
  await assert.rejects(preferences.setPlainTextDefault('ada@sandbox.test', false), {
    code: 'disk-full',
  })
  await assert.rejects(preferences.setPlainTextDefault('zoe@sandbox.test', true), {
    code: 'disk-full',
  })
  assert.deepEqual(preferences.plainTextDefaults(), ['ada@sandbox.test'])
  const onDisk = JSON.parse(await readFile(path.join(dataDir, PREFERENCES_FILE), 'utf8'))
  assert.deepEqual(onDisk, { language: null, plainText: ['ada@sandbox.test'] })
})

test('a damaged or odd plainText entry reads as no default, without losing the language', async (t) => {
  const dataDir = await tempDir(t)
  await writeFile(
    path.join(dataDir, PREFERENCES_FILE),
    JSON.stringify({ language: 'es', plainText: 'ada@sandbox.test' }),
  )
  const odd = await Preferences.open({ dataDir, systemLanguages: ['en'] })
  assert.deepEqual(odd.plainTextDefaults(), [])
  assert.equal(odd.language().chosen, 'es')
  await writeFile(
    path.join(dataDir, PREFERENCES_FILE),
    JSON.stringify({ language: 'es', plainText: ['ada@sandbox.test', 3, null] }),
  )
  const mixed = await Preferences.open({ dataDir, systemLanguages: ['en'] })
  assert.deepEqual(mixed.plainTextDefaults(), ['ada@sandbox.test'])
})
