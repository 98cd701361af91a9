import assert from 'node:assert/strict'
import { test } from 'node:test'
import { postlineErrorSchema } from '../../../src/shared/contract'

test('a stored error keeps its code and the params the window words it from', () => {
  const stored = {
    code: 'cancelled',
    message: 'This message was waiting to be sent from ada@sandbox.test, which was signed out.',
    params: { detail: 'withdrawn', email: 'ada@sandbox.test', mayHaveBeenSent: 0 },
  }
  assert.deepEqual(postlineErrorSchema.parse(stored), stored)
})

test('an error stored before params (English only) still reads, and words as its code', () => {
  const old = { code: 'offline', message: 'Postline stopped while this message was being sent.' }
  assert.deepEqual(postlineErrorSchema.parse(old), old)
})

test('a code this version does not know reads as internal, not as a damaged record', () => {
  const parsed = postlineErrorSchema.parse({ code: 'from-a-newer-version', message: 'x' })
  assert.equal(parsed.code, 'internal')
})

test('params hold only plain strings and numbers', () => {
  assert.equal(
    postlineErrorSchema.safeParse({ code: 'offline', message: '', params: { detail: { a: 1 } } })
      .success,
    false,
  )
})
