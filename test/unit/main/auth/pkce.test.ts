import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createPkcePair, createState, s256Challenge } from '../../../../src/main/auth/pkce'

test('the S256 challenge matches the RFC 7636 appendix B example', () => {
  assert.equal(
    s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  )
})

test('a PKCE verifier is 43 base64url characters and its challenge is derived from it', () => {
  const pair = createPkcePair()
  assert.match(pair.verifier, /^[A-Za-z0-9_-]{43}$/)
  assert.equal(pair.challenge, s256Challenge(pair.verifier))
  assert.equal(pair.method, 'S256')
})

test('two PKCE pairs and two states are never the same', () => {
  assert.notEqual(createPkcePair().verifier, createPkcePair().verifier)
  assert.notEqual(createState(), createState())
  assert.match(createState(), /^[A-Za-z0-9_-]{32}$/)
})
