import { test } from 'node:test'
import assert from 'node:assert/strict'
import { addRecipients } from '../../../src/renderer/hooks/use-templates'

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
