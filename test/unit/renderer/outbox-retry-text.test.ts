import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { OutboxItem } from '../../../src/shared/domain'
import { loadRenderer } from './load-renderer'

type Language = 'en' | 'pt-BR' | 'es'
let translatorFor: (language: Language) => unknown
let stateLabel: (t: unknown, item: OutboxItem) => string
let stateDetail: (item: OutboxItem, now: number, progress: undefined, t: unknown) => string

before(async () => {
  ;({ translatorFor } = await loadRenderer<{ translatorFor: typeof translatorFor }>(
    'i18n/I18n.tsx',
  ))
  ;({ stateLabel, stateDetail } = await loadRenderer<{
    stateLabel: typeof stateLabel
    stateDetail: typeof stateDetail
  }>('outbox-text.ts'))
})

const NOW = new Date(2026, 10, 29, 22, 0, 0).getTime()

function item(change: Partial<OutboxItem>): OutboxItem {
  return {
    id: 'item-0001',
    draftId: 'draft-0001',
    from: 'ada@sandbox.test',
    to: ['ops@example.com'],
    subject: 'Weekly report',
    size: 560,
    state: 'queued',
    createdAt: new Date(NOW).toISOString(),
    sendAfter: null,
    attempts: 1,
    sentAt: null,
    error: null,
    ...change,
  }
}

test('a next try today gives its time, one on another day its date', () => {
  const en = translatorFor('en')
  const today = item({ sendAfter: new Date(NOW + 30 * 60_000).toISOString() })
  assert.match(stateDetail(today, NOW, undefined, en), /Next try at \d\d:\d\d/)
  const later = item({ sendAfter: new Date(2026, 11, 1, 10, 31).toISOString() })
  const detail = stateDetail(later, NOW, undefined, en)
  assert.match(detail, /Next try on /)
  assert.ok(detail.includes('Dec 1'), detail)
  assert.match(stateDetail(later, NOW, undefined, translatorFor('es')), /Próximo intento el /)
  assert.match(stateDetail(later, NOW, undefined, translatorFor('pt-BR')), /Próxima tentativa em /)
})

test('a next try already due names no time', () => {
  const due = item({ sendAfter: new Date(NOW - 1000).toISOString() })
  assert.doesNotMatch(stateDetail(due, NOW, undefined, translatorFor('en')), /Next try/)
})

test('a message held for a missing permission says so, not that the sign-in ended', () => {
  const held = item({
    state: 'held',
    error: { code: 'insufficient-permission', message: '…', params: { email: 'ada@sandbox.test' } },
  })
  const en = translatorFor('en')
  assert.equal(stateLabel(en, held), 'Needs permission to send')
  const detail = stateDetail(held, NOW, undefined, en)
  assert.match(detail, /Your sign-in still works/)
  assert.match(detail, /leave “Send email on your behalf” ticked/)
  assert.match(
    stateDetail(held, NOW, undefined, translatorFor('pt-BR')),
    /Enviar e-mails em seu nome/,
  )
  const revoked = item({ state: 'held', error: { code: 'needs-reconnect', message: '…' } })
  assert.equal(stateLabel(en, revoked), 'Needs reconnecting')
})
