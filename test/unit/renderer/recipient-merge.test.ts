import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { RecipientNote } from '../../../src/shared/addresses'
import { loadRenderer } from './load-renderer'

type Merge = (
  current: readonly string[],
  added: readonly string[],
  label: string,
  elsewhere: ReadonlyMap<string, string>,
) => { entries: string[]; notes: RecipientNote[] }
type Elsewhere = (
  fields: Record<'to' | 'cc' | 'bcc', readonly string[]>,
  labels: Record<'to' | 'cc' | 'bcc', string>,
  kind: 'to' | 'cc' | 'bcc',
) => Map<string, string>

let mergeEntries: Merge
let addressesElsewhere: Elsewhere
const LABELS = { to: 'To', cc: 'Cc', bcc: 'Bcc' }
const NOWHERE = new Map<string, string>()

before(async () => {
  ;({ mergeEntries, addressesElsewhere } = await loadRenderer<{
    mergeEntries: Merge
    addressesElsewhere: Elsewhere
  }>('components/RecipientField.tsx'))
})

test('a copy of an address already in the field merges into it, whatever its case', () => {
  const result = mergeEntries(['a1@x.com'], ['A1@X.com', 'b@y.com', 'B@y.com'], 'To', NOWHERE)
  assert.deepEqual(result.entries, ['a1@x.com', 'b@y.com'])
  assert.deepEqual(result.notes, [
    { kind: 'merged', address: 'A1@X.com', field: 'To' },
    { kind: 'merged', address: 'B@y.com', field: 'To' },
  ])
})

test('a merged copy lends its name to the first when that had none', () => {
  const result = mergeEntries(['jane@doe.com'], ['Jane Doe <JANE@doe.com>'], 'To', NOWHERE)
  assert.deepEqual(result.entries, ['Jane Doe <jane@doe.com>'])
})

test('an address already in another field stays there and is not added here', () => {
  const elsewhere = addressesElsewhere(
    { to: ['Ann <ann@lee.com>', 'not an address'], cc: [], bcc: ['bob@roe.com'] },
    LABELS,
    'cc',
  )
  assert.deepEqual(
    [...elsewhere],
    [
      ['ann@lee.com', 'To'],
      ['bob@roe.com', 'Bcc'],
    ],
  )
  const result = mergeEntries([], ['ANN@lee.com', 'cid@moe.com'], 'Cc', elsewhere)
  assert.deepEqual(result.entries, ['cid@moe.com'])
  assert.deepEqual(result.notes, [{ kind: 'merged', address: 'ANN@lee.com', field: 'To' }])
})

test('invalid entries are kept as typed, never merged away', () => {
  const result = mergeEntries(['ann@'], ['ann@', 'Ann Lee'], 'To', NOWHERE)
  assert.deepEqual(result.entries, ['ann@', 'ann@', 'Ann Lee'])
  assert.deepEqual(result.notes, [])
})
