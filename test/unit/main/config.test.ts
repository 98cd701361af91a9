import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import {
  GOOGLE_KEYCHAIN_SERVICE,
  SANDBOX_KEYCHAIN_SERVICE,
  dataDirFor,
  describeGoogleClient,
  resolveConfig,
} from '../../../src/main/config'
import { GOOGLE_ENDPOINTS } from '../../../src/main/google-endpoints'

const argv = ['/usr/bin/electron', '.']
const google = {
  POSTLINE_GOOGLE_CLIENT_ID: '123.apps.googleusercontent.com',
  POSTLINE_GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
}

test('runs the sandbox when no Google client is configured', () => {
  assert.deepEqual(resolveConfig(argv, {}), {
    mode: 'sandbox',
    reason: 'no-google-client',
    keychainService: SANDBOX_KEYCHAIN_SERVICE,
    source: 'none',
    clientId: null,
    hasSecret: false,
  })
})

test('runs against Google with both client variables set', () => {
  assert.deepEqual(resolveConfig(argv, google), {
    mode: 'google',
    source: 'environment',
    keychainService: GOOGLE_KEYCHAIN_SERVICE,
    endpoints: GOOGLE_ENDPOINTS,
    clientId: google.POSTLINE_GOOGLE_CLIENT_ID,
    clientSecret: google.POSTLINE_GOOGLE_CLIENT_SECRET,
  })
})

test('--sandbox wins over a configured Google client', () => {
  const config = resolveConfig([...argv, '--sandbox'], google)
  assert.equal(config.mode, 'sandbox')
  assert.equal(config.mode === 'sandbox' && config.reason, 'flag')
})

test('a half-configured or blank client falls back to the sandbox', () => {
  for (const env of [
    { POSTLINE_GOOGLE_CLIENT_ID: google.POSTLINE_GOOGLE_CLIENT_ID },
    { POSTLINE_GOOGLE_CLIENT_SECRET: google.POSTLINE_GOOGLE_CLIENT_SECRET },
    { ...google, POSTLINE_GOOGLE_CLIENT_SECRET: '   ' },
  ]) {
    const config = resolveConfig(argv, env)
    assert.equal(config.mode === 'sandbox' && config.reason, 'incomplete-google-client')
  }
  assert.equal(
    resolveConfig(argv, { POSTLINE_GOOGLE_CLIENT_ID: '', POSTLINE_GOOGLE_CLIENT_SECRET: '' }).mode,
    'sandbox',
  )
})

test('trims whitespace around the client variables', () => {
  const config = resolveConfig(argv, {
    POSTLINE_GOOGLE_CLIENT_ID: ' id \n',
    POSTLINE_GOOGLE_CLIENT_SECRET: '\tsecret ',
  })
  assert.equal(config.mode === 'google' && `${config.clientId}|${config.clientSecret}`, 'id|secret')
})

const saved = { clientId: '456.apps.googleusercontent.com', clientSecret: 'GOCSPX-saved' }

test('runs against Google with the client saved in the settings when the environment has none', () => {
  assert.deepEqual(resolveConfig(argv, {}, saved), {
    mode: 'google',
    source: 'settings',
    keychainService: GOOGLE_KEYCHAIN_SERVICE,
    endpoints: GOOGLE_ENDPOINTS,
    clientId: saved.clientId,
    clientSecret: saved.clientSecret,
  })
})

test('the environment’s client wins over the one saved in the settings', () => {
  const config = resolveConfig(argv, google, saved)
  assert.equal(config.mode === 'google' && config.source, 'environment')
  assert.equal(config.mode === 'google' && config.clientId, google.POSTLINE_GOOGLE_CLIENT_ID)
})

test('--sandbox wins over both the environment and the settings', () => {
  const config = resolveConfig([...argv, '--sandbox'], google, saved)
  assert.equal(config.mode === 'sandbox' && config.reason, 'flag')
  assert.deepEqual(describeGoogleClient(config), {
    mode: 'sandbox',
    clientId: null,
    hasSecret: false,
    source: 'none',
  })
})

test('blank client variables leave the choice to the settings', () => {
  const blank = { POSTLINE_GOOGLE_CLIENT_ID: ' ', POSTLINE_GOOGLE_CLIENT_SECRET: '' }
  const config = resolveConfig(argv, blank, saved)
  assert.equal(config.mode === 'google' && config.source, 'settings')
})

test('a half-configured environment runs the sandbox instead of falling through to the settings', () => {
  const config = resolveConfig(
    argv,
    { POSTLINE_GOOGLE_CLIENT_ID: google.POSTLINE_GOOGLE_CLIENT_ID },
    saved,
  )
  assert.equal(config.mode === 'sandbox' && config.reason, 'incomplete-google-client')
  assert.deepEqual(describeGoogleClient(config), {
    mode: 'sandbox',
    clientId: google.POSTLINE_GOOGLE_CLIENT_ID,
    hasSecret: false,
    source: 'environment',
  })
})

test('a saved client whose secret is missing from the keychain runs the sandbox and says so', () => {
  const config = resolveConfig(argv, {}, { clientId: saved.clientId, clientSecret: null })
  assert.equal(config.mode === 'sandbox' && config.reason, 'incomplete-google-client')
  assert.equal(config.source, 'settings')
  assert.equal(config.clientId, saved.clientId)
})

test('the description of a Google config tells the window where the client came from, not its secret', () => {
  const described = describeGoogleClient(resolveConfig(argv, {}, saved))
  assert.deepEqual(described, {
    mode: 'google',
    clientId: saved.clientId,
    hasSecret: true,
    source: 'settings',
  })
  assert.doesNotMatch(JSON.stringify(described), /GOCSPX/)
})

test('the sandbox and Google never share a keychain service', () => {
  assert.notEqual(SANDBOX_KEYCHAIN_SERVICE, GOOGLE_KEYCHAIN_SERVICE)
  assert.equal(GOOGLE_KEYCHAIN_SERVICE, 'Postline')
  assert.equal(SANDBOX_KEYCHAIN_SERVICE, 'Postline Sandbox')
})

test('the sandbox keeps its data in a subfolder of the user-data folder', () => {
  const userData = path.join('/home', 'someone', '.config', 'Postline')
  assert.equal(dataDirFor(resolveConfig(argv, {}), userData), path.join(userData, 'sandbox'))
  assert.equal(dataDirFor(resolveConfig(argv, google), userData), userData)
})
