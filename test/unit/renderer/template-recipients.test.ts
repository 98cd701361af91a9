import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { loadRenderer } from './load-renderer'

type AddRecipients = (current: readonly string[], added: readonly string[]) => string[]
let addRecipients: AddRecipients

before(async () => {
  ;({ addRecipients } = await loadRenderer<{ addRecipients: AddRecipients }>(
    'template-recipients.ts',
  ))
})

test('a template’s recipients are added to the message’s, none removed, none twice', () => {
  assert.deepEqual(
    addRecipients(
      ['Grace Hopper <grace@example.com>', 'bea@example.com'],
      ['GRACE@example.com', '"Ana, Jr." <ana@example.com>', 'ana@example.com', 'bea@example.com'],
    ),
    ['Grace Hopper <grace@example.com>', 'bea@example.com', '"Ana, Jr." <ana@example.com>'],
  )
  assert.deepEqual(addRecipients([], ['a@example.com']), ['a@example.com'])
  assert.deepEqual(addRecipients(['a@example.com'], []), ['a@example.com'])
  // An entry that is not an address yet (the person is still fixing it) is compared as typed.
  assert.deepEqual(addRecipients(['ana@'], ['ANA@', 'ana@example.com']), [
    'ana@',
    'ana@example.com',
  ])
})
