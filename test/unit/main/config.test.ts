import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import {
  GOOGLE_KEYCHAIN_SERVICE,
  SANDBOX_KEYCHAIN_SERVICE,
  dataDirFor,
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
  })
})

test('runs against Google with both client variables set', () => {
  assert.deepEqual(resolveConfig(argv, google), {
    mode: 'google',
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
