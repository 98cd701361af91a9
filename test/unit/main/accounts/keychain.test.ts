import { test } from 'node:test'
import assert from 'node:assert/strict'
import { KeytarSecretStore, type KeytarLike } from '../../../../src/main/accounts/keychain'
import { KeychainUnavailableError } from '../../../../src/main/errors'

/** An in-memory keytar that can behave like a locked libsecret collection. */
class FakeKeytar implements KeytarLike {
  readonly entries = new Map<string, string>()
  locked = false
  async getPassword(service: string, account: string) {
    // libsecret answers a locked read with "no entry", not an error.
    return this.locked ? null : (this.entries.get(`${service}/${account}`) ?? null)
  }
  async setPassword(service: string, account: string, password: string) {
    if (this.locked) throw new Error('Cannot create an item in a locked collection')
    this.entries.set(`${service}/${account}`, password)
  }
  async deletePassword(service: string, account: string) {
    if (this.locked) throw new Error('Cannot delete an item in a locked collection')
    return this.entries.delete(`${service}/${account}`)
  }
}

test('a missing entry reads as null once a probe write proves the keychain usable', async () => {
  const keytar = new FakeKeytar()
  const store = new KeytarSecretStore('svc', () => keytar)
  assert.equal(await store.get('a@b.c'), null)
  assert.equal(keytar.entries.size, 0)
})

test('a locked keychain is an error, not a missing entry', async () => {
  const keytar = new FakeKeytar()
  const store = new KeytarSecretStore('svc', () => keytar, 'linux')
  await store.set('a@b.c', 'token')
  keytar.locked = true
  await assert.rejects(store.get('a@b.c'), (error: unknown) => {
    assert.ok(error instanceof KeychainUnavailableError)
    assert.equal(error.code, 'keychain-unavailable')
    assert.match(error.message, /Unlock your keyring/)
    return true
  })
})

test('a keytar that cannot load says what to install, per platform', async () => {
  const broken = () => {
    throw new Error('libsecret-1.so.0: cannot open shared object file')
  }
  for (const [platform, advice] of [
    ['linux', /gnome-keyring and libsecret/],
    ['darwin', /Keychain Access/],
    ['win32', /Credential Manager/],
  ] as const) {
    const store = new KeytarSecretStore('svc', broken, platform)
    await assert.rejects(
      store.set('a@b.c', 'x'),
      (error: unknown) => error instanceof KeychainUnavailableError && advice.test(error.message),
    )
  }
})

test('a read that fails because the item is being deleted is tried again; other failures are not', async () => {
  const keytar = new FakeKeytar()
  const store = new KeytarSecretStore('svc', () => keytar)
  await store.set('a@b.c', 'token')
  const real = keytar.getPassword.bind(keytar)
  let failures = 2
  let message = 'No such interface “org.freedesktop.Secret.Item” on object at path /x/login/7'
  let calls = 0
  keytar.getPassword = async (service, account) => {
    calls++
    if (failures-- > 0) throw new Error(message)
    return real(service, account)
  }
  assert.equal(await store.get('a@b.c'), 'token')
  assert.equal(calls, 3)
  // A vanished item that stays a failure for good is reported after a few tries.
  failures = 100
  calls = 0
  await assert.rejects(store.get('a@b.c'), KeychainUnavailableError)
  assert.equal(calls, 5)
  // Any other failure is reported at once.
  message = 'Cannot autolaunch D-Bus without X11 $DISPLAY'
  calls = 0
  await assert.rejects(store.get('a@b.c'), KeychainUnavailableError)
  assert.equal(calls, 1)
})
