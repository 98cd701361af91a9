import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { ERROR_CODES, type PostlineError } from '../../../src/shared/errors'
import { loadRenderer } from './load-renderer'

type Context = 'account' | 'draft' | 'attachment' | 'send' | 'outbox' | 'settings'
type ErrorText = (
  error: PostlineError,
  context?: Context,
) => { title: string; detail: string } | null
let errorText: ErrorText

before(async () => {
  ;({ errorText } = await loadRenderer<{ errorText: ErrorText }>('error-text.ts'))
})
const CONTEXTS: (Context | undefined)[] = [
  undefined,
  'account',
  'draft',
  'attachment',
  'send',
  'outbox',
  'settings',
]

test('every error code reads as a sentence in every context', () => {
  for (const code of ERROR_CODES) {
    for (const context of CONTEXTS) {
      const text = errorText({ code, message: '' }, context)
      if (code === 'cancelled') {
        assert.equal(text, null, 'a cancel the person chose shows nothing')
        continue
      }
      assert.ok(text, `${code} in ${context ?? 'no context'}`)
      assert.match(text.title, /^[A-Z].*[.!]$/, `${code}: a title that is a sentence`)
      assert.match(text.detail, /^[A-Z].*[.!)]$/, `${code}: advice that is a sentence`)
    }
  }
})

test('main’s own message is shown when it has one', () => {
  const text = errorText(
    { code: 'too-large', message: 'The message would be about 41 MB.' },
    'send',
  )
  assert.equal(text?.detail, 'The message would be about 41 MB.')
})

test('the same code reads differently for a draft than for an account', () => {
  const error: PostlineError = { code: 'not-found', message: '' }
  assert.notEqual(errorText(error, 'draft')?.title, errorText(error, 'account')?.title)
})
