import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AccountRegistry, REGISTRY_FILE } from '../../../../src/main/accounts/registry'
import { faultyFileSystem } from '../../../../src/main/store/file-system'
import { tempDir } from '../../../helpers/temp-dir'

const ada = {
  email: 'ada@example.com',
  name: 'Ada',
  addedAt: '2026-01-01T00:00:00.000Z',
  status: 'connected' as const,
}
const grace = {
  email: 'grace@example.com',
  name: 'Grace',
  addedAt: '2026-01-02T00:00:00.000Z',
  status: 'connected' as const,
}

test('an empty data folder gives an empty registry', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  assert.deepEqual(registry.views(), [])
  assert.equal(registry.activeEmail(), null)
})

test('the first account becomes active and a second does not take over', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  await registry.upsert(ada)
  await registry.upsert(grace)
  assert.deepEqual(
    registry.views().map((v) => [v.email, v.active]),
    [
      ['ada@example.com', true],
      ['grace@example.com', false],
    ],
  )
})

test('the registry survives a reopen with the active choice', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  await registry.upsert(grace)
  await registry.setActive('GRACE@example.com')
  const again = await AccountRegistry.open(dir)
  assert.equal(again.activeEmail(), 'grace@example.com')
  assert.equal(again.list().length, 2)
})

test('re-adding an address keeps its place, spelling and added-at, and updates the rest', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  await registry.upsert({ ...ada, status: 'needs-reconnect' })
  await registry.upsert(grace)
  await registry.upsert({
    ...ada,
    email: 'Ada@Example.com',
    name: 'Ada L.',
    addedAt: '2030-01-01T00:00:00.000Z',
    status: 'connected',
  })
  assert.deepEqual(registry.list()[0], { ...ada, name: 'Ada L.' })
  assert.equal(registry.list().length, 2)
})

test('removing the active account makes the first remaining one active', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  await registry.upsert(ada)
  await registry.upsert(grace)
  assert.equal(await registry.remove('ada@example.com'), true)
  assert.equal(registry.activeEmail(), 'grace@example.com')
  assert.equal(await registry.remove('nobody@example.com'), false)
})

test('setStatus reports whether anything changed', async (t) => {
  const registry = await AccountRegistry.open(await tempDir(t))
  await registry.upsert(ada)
  assert.equal(await registry.setStatus('ada@example.com', 'needs-reconnect'), true)
  assert.equal(await registry.setStatus('ada@example.com', 'needs-reconnect'), false)
  assert.equal(registry.find('ada@example.com')?.status, 'needs-reconnect')
})

test('the file holds only metadata and no temporary files are left behind', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await Promise.all([
    registry.upsert(ada),
    registry.upsert(grace),
    registry.setActive('grace@example.com'),
  ])
  const saved = JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8'))
  assert.deepEqual(saved, { version: 1, active: 'grace@example.com', accounts: [ada, grace] })
  assert.deepEqual(await readdir(dir), [REGISTRY_FILE])
})

test('a damaged registry file is set aside, not deleted, and the registry starts empty', async (t) => {
  const dir = await tempDir(t)
  await writeFile(join(dir, REGISTRY_FILE), '{"version":1,"accounts":[{"email":')
  let movedTo = ''
  const registry = await AccountRegistry.open(dir, (path) => (movedTo = path))
  assert.deepEqual(registry.list(), [])
  assert.match(movedTo, /accounts\.json\.damaged-\d+$/)
  assert.equal(await readFile(movedTo, 'utf8'), '{"version":1,"accounts":[{"email":')
})

test('a bad entry is set aside on its own: the good ones load and the file keeps only them', async (t) => {
  const dir = await tempDir(t)
  const bad = [
    { email: 'broken@example.com', name: 'No status', addedAt: '2026-01-03T00:00:00.000Z' },
    'not even an object',
    { ...ada, email: 'ADA@example.com', name: 'Same address twice' },
  ]
  await writeFile(
    join(dir, REGISTRY_FILE),
    JSON.stringify({
      version: 1,
      active: 'grace@example.com',
      accounts: [ada, bad[0], grace, bad[1], bad[2]],
    }),
  )
  const reports: { movedTo: string; kind: string; entries: number }[] = []
  const registry = await AccountRegistry.open(dir, (movedTo, report) =>
    reports.push({ movedTo, ...report }),
  )
  assert.deepEqual(registry.list(), [ada, grace])
  assert.equal(registry.activeEmail(), 'grace@example.com')
  assert.equal(reports.length, 1)
  const [report] = reports
  assert.match(report!.movedTo, /accounts\.json\.damaged-\d+$/)
  assert.deepEqual([report!.kind, report!.entries], ['entries', 3])
  // The bad entries are kept, as they were, beside the file.
  const setAside = JSON.parse(await readFile(report!.movedTo, 'utf8'))
  assert.deepEqual(setAside.accounts, bad)
  // The registry file now holds the good entries only, so the next start is quiet.
  const saved = JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8'))
  assert.deepEqual(saved, { version: 1, active: 'grace@example.com', accounts: [ada, grace] })
  let again = 0
  await AccountRegistry.open(dir, () => again++)
  assert.equal(again, 0)
})

test('a file of the wrong shape is renamed aside whole, as an unparseable one', async (t) => {
  for (const content of ['[]', '{"version":2,"accounts":[]}', '{"version":1,"accounts":{}}']) {
    const dir = await tempDir(t)
    await writeFile(join(dir, REGISTRY_FILE), content)
    const reports: { movedTo: string; kind: string }[] = []
    const registry = await AccountRegistry.open(dir, (movedTo, report) =>
      reports.push({ movedTo, kind: report.kind }),
    )
    assert.deepEqual(registry.list(), [])
    assert.equal(reports[0]?.kind, 'file', content)
    assert.equal(await readFile(reports[0]!.movedTo, 'utf8'), content)
    assert.deepEqual(await readdir(dir), [reports[0]!.movedTo.split('/').at(-1)])
  }
})

test('an active address that is not a good entry falls back to the first account', async (t) => {
  const dir = await tempDir(t)
  await writeFile(
    join(dir, REGISTRY_FILE),
    JSON.stringify({ version: 1, active: 42, accounts: [ada, grace] }),
  )
  const registry = await AccountRegistry.open(dir, () => assert.fail('nothing is damaged'))
  assert.equal(registry.activeEmail(), 'ada@example.com')
})

test('a session-only account is listed and can be active, but never reaches the file', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  await registry.upsert({ ...grace, sessionOnly: true })
  await registry.setActive(grace.email)
  await registry.setStatus(grace.email, 'needs-reconnect')
  assert.deepEqual(
    registry.views().map((v) => [v.email, v.active, v.sessionOnly === true]),
    [
      [ada.email, false, false],
      [grace.email, true, true],
    ],
  )
  const text = await readFile(join(dir, REGISTRY_FILE), 'utf8')
  assert.doesNotMatch(text, /grace/)
  assert.deepEqual(JSON.parse(text), { version: 1, active: null, accounts: [ada] })
  // A kept account cannot be turned into a session-only one by mistake.
  await assert.rejects(registry.upsert({ ...ada, sessionOnly: true }))
  assert.equal(registry.isSessionOnly(ada.email), false)
  // Kept from now on (the keychain works again): written, without the flag.
  await registry.upsert({ ...grace, status: 'connected' })
  assert.deepEqual(JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8')).accounts, [
    ada,
    grace,
  ])
  assert.equal(await registry.remove(grace.email), true)
  const reopened = await AccountRegistry.open(dir)
  assert.deepEqual(reopened.list(), [ada])
})

test('a failed write leaves the registry as it was (disk first)', async (t) => {
  const dir = await tempDir(t)
  const registry = await AccountRegistry.open(dir)
  await registry.upsert(ada)
  // A folder in the file's place makes the atomic write's rename fail (even for root).
  const file = join(dir, REGISTRY_FILE)
  await rm(file)
  await mkdir(join(file, 'in-the-way'), { recursive: true })
  await assert.rejects(registry.upsert(grace))
  await assert.rejects(registry.remove(ada.email))
  await assert.rejects(registry.setActive(ada.email))
  assert.deepEqual(registry.list(), [ada])
  await rm(file, { recursive: true })
  await registry.upsert(grace)
  assert.deepEqual(registry.list(), [ada, grace])
})

test('when the folder cannot be written at start, the good entries still load and the bad ones are set aside before the next write', async (t) => {
  const dir = await tempDir(t)
  const bad = { email: 'broken@example.com' }
  const original = JSON.stringify({ version: 1, active: null, accounts: [ada, bad] })
  await writeFile(join(dir, REGISTRY_FILE), original)
  const fs = faultyFileSystem()
  fs.setFaults([{ op: 'open', code: 'EROFS' }])
  const damaged: string[] = []
  const registry = await AccountRegistry.open(dir, (movedTo) => damaged.push(movedTo), fs)
  assert.deepEqual(registry.list(), [ada])
  assert.deepEqual(damaged, [])
  // Nothing changed on disk: the bad entry was not lost.
  assert.equal(await readFile(join(dir, REGISTRY_FILE), 'utf8'), original)
  await assert.rejects(registry.upsert(grace), { code: 'EROFS' })
  assert.equal(await readFile(join(dir, REGISTRY_FILE), 'utf8'), original)

  fs.setFaults([])
  await registry.upsert(grace)
  assert.equal(damaged.length, 1)
  assert.deepEqual(JSON.parse(await readFile(damaged[0]!, 'utf8')).accounts, [bad])
  assert.deepEqual(JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8')).accounts, [
    ada,
    grace,
  ])
})

test('a whole damaged file that cannot be renamed at start is renamed before the next write', async (t) => {
  const dir = await tempDir(t)
  await writeFile(join(dir, REGISTRY_FILE), '{"version":1,"accounts":[{"email":')
  const fs = faultyFileSystem()
  fs.setFaults([{ op: 'rename', code: 'EROFS', times: 1 }])
  const damaged: string[] = []
  const registry = await AccountRegistry.open(dir, (movedTo) => damaged.push(movedTo), fs)
  assert.deepEqual(registry.list(), [])
  assert.deepEqual(damaged, [])
  await registry.upsert(ada)
  assert.equal(damaged.length, 1)
  assert.equal(await readFile(damaged[0]!, 'utf8'), '{"version":1,"accounts":[{"email":')
  assert.deepEqual(JSON.parse(await readFile(join(dir, REGISTRY_FILE), 'utf8')).accounts, [ada])
})
