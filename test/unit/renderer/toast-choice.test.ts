import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { OutboxItem } from '../../../src/shared/domain'
import { loadRenderer } from './load-renderer'

type Toast =
  | { kind: 'message'; item: OutboxItem }
  | { kind: 'discarded'; draftId: string }
  | { kind: 'note'; text: string }
type View = 'compose' | 'drafts' | 'outbox' | 'settings'
let toastToShow: (toast: Toast | null, outbox: OutboxItem[] | null, view: View) => Toast | null

before(async () => {
  ;({ toastToShow } = await loadRenderer<{ toastToShow: typeof toastToShow }>('toast-choice.ts'))
})

function item(state: OutboxItem['state'], id = 'o1'): OutboxItem {
  return { id, state } as OutboxItem
}

const note: Toast = { kind: 'note', text: 'Sending undone.' }

test('no toast raised, none shown', () => {
  assert.equal(toastToShow(null, [item('queued')], 'compose'), null)
})

test('a note shows in every view until dismissed', () => {
  for (const view of ['compose', 'drafts', 'outbox', 'settings'] as const) {
    assert.equal(toastToShow(note, null, view), note)
  }
})

test("a discarded draft's Undo shows in every view, whatever the outbox holds", () => {
  const discarded: Toast = { kind: 'discarded', draftId: 'd1' }
  for (const view of ['compose', 'drafts', 'outbox', 'settings'] as const) {
    assert.equal(toastToShow(discarded, [item('queued')], view), discarded)
    assert.equal(toastToShow(discarded, null, view), discarded)
  }
})

test("a message's toast follows its outbox item as main reports it", () => {
  const raised: Toast = { kind: 'message', item: item('scheduled') }
  assert.deepEqual(toastToShow(raised, [item('sending')], 'compose'), {
    kind: 'message',
    item: item('sending'),
  })
})

test('before the outbox is known, the toast shows the item as raised', () => {
  const raised: Toast = { kind: 'message', item: item('scheduled') }
  assert.deepEqual(toastToShow(raised, null, 'drafts'), raised)
})

test('a message that left the outbox unsent (undone, discarded) has no toast', () => {
  const raised: Toast = { kind: 'message', item: item('scheduled') }
  assert.equal(toastToShow(raised, [item('queued', 'other')], 'compose'), null)
})

test('a sent message keeps its toast after it left the outbox', () => {
  const raised: Toast = { kind: 'message', item: item('sent') }
  assert.deepEqual(toastToShow(raised, [], 'compose'), raised)
})

test('the Outbox view hides a message toast: it shows the same', () => {
  const raised: Toast = { kind: 'message', item: item('scheduled') }
  assert.equal(toastToShow(raised, [item('sending')], 'outbox'), null)
})
