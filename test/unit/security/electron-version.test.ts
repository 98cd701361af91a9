import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { NEWEST_ELECTRON_MAJOR, majorOf, oldestSupportedMajor } from './electron-support'

const ROOT = path.resolve(__dirname, '../../..')

const readJson = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as T

test('the pinned Electron still gets security fixes', async () => {
  const pinned = (await readJson<{ devDependencies: Record<string, string> }>('package.json'))
    .devDependencies['electron']
  assert.ok(pinned !== undefined, 'package.json pins electron')
  const oldest = oldestSupportedMajor(new Date())
  assert.ok(
    majorOf(pinned) >= oldest,
    `Electron ${pinned} no longer gets security fixes: Electron supports ${oldest} and newer ` +
      '(the three newest majors). Move package.json to the current stable Electron, and update ' +
      'NEWEST_ELECTRON_MAJOR in test/unit/security/electron-support.ts if a major shipped since.',
  )
})

test('the lock file and node_modules hold the pinned Electron', async () => {
  const pinned = (await readJson<{ devDependencies: Record<string, string> }>('package.json'))
    .devDependencies['electron']
  const locked = (
    await readJson<{ packages: Record<string, { version: string }> }>('package-lock.json')
  ).packages['node_modules/electron']?.version
  const installed = (await readJson<{ version: string }>('node_modules/electron/package.json'))
    .version
  assert.deepEqual([locked, installed], [pinned, pinned])
})

test('the supported range follows Electron’s schedule: three majors, a new one every 8 weeks', () => {
  const newest = { major: 45, released: '2026-10-21' }
  const on = (day: string): number => oldestSupportedMajor(new Date(`${day}T12:00:00Z`), newest)
  assert.equal(on('2026-10-21'), 43)
  assert.equal(on('2026-12-15'), 43, 'day 55: 46 not out yet')
  assert.equal(on('2026-12-16'), 44, 'day 56: 46 is due, 43 leaves')
  assert.equal(on('2027-04-07'), 46, 'three majors later: 45 is out of support')
  assert.equal(on('2026-01-01'), 43, 'a date before the newest release changes nothing')
  // The line in electron-support.ts is a real release: a plausible major and a date not in the future.
  assert.ok(NEWEST_ELECTRON_MAJOR.major >= 45)
  assert.ok(Date.parse(NEWEST_ELECTRON_MAJOR.released) <= Date.now())
})

test('only an exact version is read as a major', () => {
  assert.equal(majorOf('45.5.0'), 45)
  assert.equal(majorOf('38.8.6'), 38)
  for (const loose of ['^45.5.0', '~45.5.0', 'latest', '45', '45.0.0-beta.1']) {
    assert.throws(() => majorOf(loose), /not an exact version/, loose)
  }
})

test('Electron 38 (the version before this check) fails it on today’s schedule', () => {
  assert.ok(majorOf('38.8.6') < oldestSupportedMajor(new Date('2026-11-29T00:00:00Z')))
  assert.ok(majorOf('45.5.0') >= oldestSupportedMajor(new Date('2026-11-29T00:00:00Z')))
})
