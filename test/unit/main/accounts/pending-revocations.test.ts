import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { SecretStore } from '../../../../src/main/accounts/keychain'
import {
  PENDING_REVOCATIONS_ACCOUNT,
  PendingRevocations,
} from '../../../../src/main/accounts/pending-revocations'

/** A keychain in memory, with the writes it saw. */
function memoryKeychain() {
  const entries = new Map<string, string>()
  const writes: string[] = []
  const store: SecretStore = {
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => {
      writes.push(account)
      entries.set(account, secret)
    },
    delete: async (account) => entries.delete(account),
  }
  return { store, entries, writes }
}

test('tokens wait in one keychain entry, are named, and the entry goes with the last one', async () => {
  const { store, entries, writes } = memoryKeychain()
  const pending = new PendingRevocations(store)
  // Concurrent changes are made one at a time, so none is lost.
  const [a, b] = await Promise.all([pending.add('token-a', null), pending.add('token-b', 'b@x.y')])
  await pending.name(a, 'a@x.y')
  assert.deepEqual(
    (await pending.list()).map((p) => [p.id, p.token, p.email]),
    [
      [a, 'token-a', 'a@x.y'],
      [b, 'token-b', 'b@x.y'],
    ],
  )
  assert.deepEqual([...entries.keys()], [PENDING_REVOCATIONS_ACCOUNT])
  assert.ok(writes.every((account) => account === PENDING_REVOCATIONS_ACCOUNT))
  await Promise.all([pending.remove(a), pending.remove(b)])
  assert.deepEqual(await pending.list(), [])
  assert.equal(entries.size, 0)
})

test('an entry that is not Postline’s JSON is offered as one bare token, and can be removed', async () => {
  const { store, entries } = memoryKeychain()
  entries.set(PENDING_REVOCATIONS_ACCOUNT, 'not-json-token')
  const pending = new PendingRevocations(store)
  const [entry] = await pending.list()
  assert.deepEqual(entry, { id: 'unreadable', token: 'not-json-token', email: null })
  await pending.remove(entry!.id)
  assert.equal(entries.size, 0)
})

test('malformed items are skipped, the good ones kept', async () => {
  const { store, entries } = memoryKeychain()
  entries.set(
    PENDING_REVOCATIONS_ACCOUNT,
    JSON.stringify([{ id: 'x', token: 't', email: 3 }, { id: 'y' }, null, 'z']),
  )
  assert.deepEqual(await new PendingRevocations(store).list(), [
    { id: 'x', token: 't', email: null },
  ])
})

test('a keychain that refuses the write makes add fail, so the caller knows nothing was recorded', async () => {
  const { store } = memoryKeychain()
  const refusing: SecretStore = {
    ...store,
    set: async () => {
      throw new Error('locked')
    },
  }
  await assert.rejects(new PendingRevocations(refusing).add('t', null), /locked/)
})

test('listing reads without writing when the keychain can peek, so a start with nothing pending creates no item', async () => {
  const { store, entries, writes } = memoryKeychain()
  const peeking: SecretStore = {
    ...store,
    get: async () => assert.fail('get probes the keychain with a write'),
    peek: async (account) => entries.get(account) ?? null,
  }
  assert.deepEqual(await new PendingRevocations(peeking).list(), [])
  assert.deepEqual(writes, [])
})
