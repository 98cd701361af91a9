import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AccountRegistry, REGISTRY_FILE } from '../../../../src/main/accounts/registry'
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
