import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { KeytarSecretStore } from '../../../../src/main/accounts/keychain'
import type { SecretStore } from '../../../../src/main/accounts/keychain'
import { resolveConfig } from '../../../../src/main/config'
import type { StoredGoogleClient } from '../../../../src/main/config'
import { PostlineFailure } from '../../../../src/main/errors'
import {
  CLIENT_SECRET_ACCOUNT,
  GoogleClientSettingsStore,
  SETTINGS_FILE,
  loadStoredGoogleClient,
} from '../../../../src/main/settings/google-client-settings'
import { testService } from '../../../helpers/core'
import { secretToolSearch } from '../../../helpers/keyring'
import { tempDir } from '../../../helpers/temp-dir'

const CLIENT_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com'
const CLIENT_SECRET = 'settings-test-secret-not-real'
const argv = ['/usr/bin/electron', '.']

/** One start of the app: loads the saved client, decides the config, builds the settings store. */
async function startWith(
  folder: string,
  secrets: SecretStore,
  env: Record<string, string> = {},
): Promise<GoogleClientSettingsStore> {
  const decide = (stored: StoredGoogleClient | null) => resolveConfig(argv, env, stored)
  const stored = await loadStoredGoogleClient(folder, secrets)
  return new GoogleClientSettingsStore({
    folder,
    secrets,
    inUse: decide(stored),
    nextStart: decide,
  })
}

/** Every file under `folder`, with its content. */
async function filesUnder(folder: string): Promise<{ file: string; text: string }[]> {
  const names = await readdir(folder, { recursive: true, withFileTypes: true })
  const files = names.filter((entry) => entry.isFile())
  return Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name)
      return { file, text: await readFile(file, 'utf8') }
    }),
  )
}

async function settingsJson(folder: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(folder, SETTINGS_FILE), 'utf8'))
}

test('a saved client is used at the next start: its ID in settings.json, its secret only in the keychain', async (t) => {
  const folder = await tempDir(t)
  const service = testService()
  const secrets = new KeytarSecretStore(service)
  const first = await startWith(folder, secrets)

  const answer = await first.save(`  ${CLIENT_ID} `, ` ${CLIENT_SECRET}\n`)
  assert.deepEqual(answer, {
    mode: 'google',
    clientId: CLIENT_ID,
    hasSecret: true,
    source: 'settings',
  })
  assert.deepEqual(await settingsJson(folder), { googleClient: { clientId: CLIENT_ID } })
  assert.deepEqual(await secretToolSearch(service), [
    { account: CLIENT_SECRET_ACCOUNT, secret: CLIENT_SECRET },
  ])
  for (const { file, text } of await filesUnder(folder)) {
    assert.ok(!text.includes(CLIENT_SECRET), `${file} does not hold the secret`)
  }

  const next = await startWith(folder, secrets)
  assert.deepEqual(await next.get(), {
    mode: 'google',
    clientId: CLIENT_ID,
    hasSecret: true,
    source: 'settings',
  })
})

test('get describes the client in use now, not the one saved for the next start', async (t) => {
  const folder = await tempDir(t)
  const store = await startWith(folder, new KeytarSecretStore(testService()))
  await store.save(CLIENT_ID, CLIENT_SECRET)
  assert.deepEqual(await store.get(), {
    mode: 'sandbox',
    clientId: null,
    hasSecret: false,
    source: 'none',
  })
})

test('clear removes the client ID from settings.json and the secret from the keychain', async (t) => {
  const folder = await tempDir(t)
  const service = testService()
  const secrets = new KeytarSecretStore(service)
  await writeFile(path.join(folder, SETTINGS_FILE), JSON.stringify({ theme: 'dark' }))
  await (await startWith(folder, secrets)).save(CLIENT_ID, CLIENT_SECRET)

  const answer = await (await startWith(folder, secrets)).clear()
  assert.deepEqual(answer, { mode: 'sandbox', clientId: null, hasSecret: false, source: 'none' })
  assert.deepEqual(await secretToolSearch(service), [])
  assert.deepEqual(await settingsJson(folder), { theme: 'dark' }, 'other settings are kept')
  assert.equal(await loadStoredGoogleClient(folder, secrets), null)
  assert.equal((await (await startWith(folder, secrets)).get()).source, 'none')
})

test('a client ID that is not Google’s is refused with invalid-input, and nothing is stored', async (t) => {
  const folder = await tempDir(t)
  const service = testService()
  const store = await startWith(folder, new KeytarSecretStore(service))
  for (const clientId of [
    'my-client',
    '123.apps.googleusercontent.com.evil.example',
    '.apps.googleusercontent.com',
    '123 456.apps.googleusercontent.com',
  ]) {
    await assert.rejects(
      store.save(clientId, CLIENT_SECRET),
      (error: unknown) =>
        error instanceof PostlineFailure &&
        error.code === 'invalid-input' &&
        /\.apps\.googleusercontent\.com/.test(error.message),
      clientId,
    )
  }
  await assert.rejects(store.save(CLIENT_ID, 'two words'), { code: 'invalid-input' })
  assert.deepEqual(await secretToolSearch(service), [])
  assert.deepEqual(await filesUnder(folder), [])
})

test('saving while the environment sets a client answers that the environment’s client stays in use', async (t) => {
  const folder = await tempDir(t)
  const env = {
    POSTLINE_GOOGLE_CLIENT_ID: '999-env.apps.googleusercontent.com',
    POSTLINE_GOOGLE_CLIENT_SECRET: 'GOCSPX-env',
  }
  const store = await startWith(folder, new KeytarSecretStore(testService()), env)
  assert.deepEqual(await store.save(CLIENT_ID, CLIENT_SECRET), {
    mode: 'google',
    clientId: env.POSTLINE_GOOGLE_CLIENT_ID,
    hasSecret: true,
    source: 'environment',
  })
})

test('a damaged settings.json counts as no saved client, is set aside, and the next save starts afresh', async (t) => {
  const folder = await tempDir(t)
  const secrets = new KeytarSecretStore(testService())
  const damaged = '{"googleClient": {"clientId": '
  await writeFile(path.join(folder, SETTINGS_FILE), damaged)
  const setAside: string[] = []
  assert.equal(await loadStoredGoogleClient(folder, secrets, (to) => setAside.push(to)), null)
  assert.equal(setAside.length, 1)
  assert.match(setAside[0]!, /settings\.json\.damaged-\d+$/)
  assert.equal(await readFile(setAside[0]!, 'utf8'), damaged, 'the damaged file is kept as it was')
  const store = await startWith(folder, secrets)
  assert.equal((await store.get()).source, 'none')
  await store.save(CLIENT_ID, CLIENT_SECRET)
  assert.deepEqual(await loadStoredGoogleClient(folder, secrets), {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  })
})

test('a saved ID whose secret was deleted from the keychain starts the sandbox, naming the settings', async (t) => {
  const folder = await tempDir(t)
  const secrets = new KeytarSecretStore(testService())
  await (await startWith(folder, secrets)).save(CLIENT_ID, CLIENT_SECRET)
  await secrets.delete(CLIENT_SECRET_ACCOUNT)
  assert.deepEqual(await (await startWith(folder, secrets)).get(), {
    mode: 'sandbox',
    clientId: CLIENT_ID,
    hasSecret: false,
    source: 'settings',
  })
})

test('with no client saved, starting does not ask the keychain at all', async (t) => {
  const folder = await tempDir(t)
  const asked: string[] = []
  const refusing: SecretStore = {
    get: async (account) => {
      asked.push(account)
      throw new Error('the keychain should not be asked')
    },
    set: async () => undefined,
    delete: async () => false,
  }
  assert.equal(await loadStoredGoogleClient(folder, refusing), null)
  await writeFile(path.join(folder, SETTINGS_FILE), JSON.stringify({ theme: 'dark' }))
  assert.equal(await loadStoredGoogleClient(folder, refusing), null)
  assert.deepEqual(asked, [])
})
