import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { OutboxItem, SendProgress } from '../../../src/shared/domain'
import type { DisplayLanguage } from '../../../src/shared/i18n/languages'
import type { Translator } from '../../../src/shared/i18n/translator'
import { loadRenderer } from './load-renderer'

type T = Translator
interface OutboxText {
  sinceParams(t: T, iso: string, now?: Date): Record<string, string>
  stateLabel(t: T, item: OutboxItem): string
  stateDetail(item: OutboxItem, now: number, progress?: SendProgress, t?: T): string
  when(t: T, iso: string, now?: Date): string
}
let text: OutboxText
let translatorFor: (language: DisplayLanguage) => T

before(async () => {
  text = await loadRenderer<OutboxText>('outbox-text.ts')
  ;({ translatorFor } = await loadRenderer<{ translatorFor: typeof translatorFor }>(
    'i18n/I18n.tsx',
  ))
})

/** 29 November 2026 at `hour`:`minute`, where the test runs. */
const at = (hour: number, minute: number, day = 29) => new Date(2026, 10, day, hour, minute)

function item(change: Partial<OutboxItem>): OutboxItem {
  return {
    id: 'o1',
    draftId: 'd1',
    from: 'ada@sandbox.test',
    to: ['zoe@example.com'],
    subject: 'Olá',
    size: 3_481,
    state: 'queued',
    createdAt: at(14, 0).toISOString(),
    sendAfter: null,
    attempts: 0,
    sentAt: null,
    error: null,
    ...change,
  }
}

test('how long ago a draft was saved reads best in each range', () => {
  const pt = translatorFor('pt-BR')
  const now = at(15, 0)
  const saved = (then: Date) => pt.t('drafts.saved', text.sinceParams(pt, then.toISOString(), now))
  assert.equal(saved(new Date(now.getTime() - 20_000)), 'salvo agora mesmo')
  assert.equal(saved(at(14, 55)), 'salvo há 5 minutos')
  assert.equal(saved(at(14, 59)), 'salvo há 1 minuto')
  assert.equal(saved(at(9, 7)), 'salvo às 09:07')
  assert.match(saved(at(9, 7, 27)), /^salvo em 27 de nov\.?,? 09:07$/)
  const es = translatorFor('es')
  assert.equal(
    es.t('drafts.saved', text.sinceParams(es, at(14, 50).toISOString(), now)),
    'guardado hace 10 minutos',
  )
})

test('outbox states in Portuguese and Spanish, with plurals, times and percentages', () => {
  const pt = translatorFor('pt-BR')
  const es = translatorFor('es')
  const now = at(14, 5).getTime()
  const scheduled = (seconds: number) =>
    item({ state: 'scheduled', sendAfter: new Date(now + seconds * 1000).toISOString() })
  assert.equal(
    text.stateDetail(scheduled(1), now, undefined, pt),
    'Sai em 1 segundo. Desfaça para continuar editando.',
  )
  assert.equal(
    text.stateDetail(scheduled(4), now, undefined, es),
    'Sale en 4 segundos. Deshaz para seguir editándolo.',
  )
  const sent = item({ state: 'sent', sentAt: at(14, 5).toISOString() })
  assert.equal(text.stateDetail(sent, now, undefined, pt), 'Enviada às 14:05.')
  assert.equal(text.stateDetail(sent, now, undefined, es), 'Enviado a las 14:05.')
  const sentBefore = item({ state: 'sent', sentAt: at(14, 5, 28).toISOString() })
  assert.match(text.stateDetail(sentBefore, now, undefined, pt), /^Enviada em 28 de nov/)
  const retry = item({ attempts: 1, sendAfter: at(14, 9).toISOString() })
  assert.equal(text.stateLabel(es, retry), 'Esperando para reintentar')
  assert.equal(text.stateLabel(pt, item({})), 'Aguardando envio')
  assert.equal(
    text.stateDetail(retry, now, undefined, pt),
    'Aguardando a vez. Próxima tentativa às 14:09.',
  )
  const sending = item({ state: 'sending' })
  const progress = { outboxId: 'o1', sentBytes: 45, totalBytes: 100 }
  assert.equal(text.stateDetail(sending, now, progress, pt), 'Enviando para o Gmail: 45%')
  assert.equal(text.stateDetail(sending, now, progress, es), 'Subiendo a Gmail: 45\u00a0%')
  assert.equal(
    text.stateDetail(item({ state: 'held' }), now, undefined, es),
    'Esperando a que reconectes ada@sandbox.test; sale en cuanto lo hagas.',
  )
  assert.equal(pt.bytes(3_481), '3,4 KB')
})

test('the time alone for today, the date too before', () => {
  const pt = translatorFor('pt-BR')
  assert.equal(text.when(pt, at(9, 30).toISOString(), at(18, 0)), '09:30')
  assert.match(text.when(pt, at(9, 30, 3).toISOString(), at(18, 0)), /^3 de nov\.?,? 09:30$/)
})

test('a scheduled time keeps its instant when the zone changes; only its words do', () => {
  const planned = text as unknown as {
    plannedTime(t: T, later: { at: string; zone: string }, zone?: string): string
    stateDetail(item: OutboxItem, now: number, progress: undefined, t: T, zone?: string): string
  }
  const t = translatorFor('en')
  const later = { at: '2026-12-03T11:00:00.000Z', zone: 'America/Sao_Paulo' }
  const scheduled = item({ state: 'scheduled', sendAfter: later.at, later })
  // Where it was chosen: 08:00, no zone named.
  const here = planned.stateDetail(scheduled, 0, undefined, t, 'America/Sao_Paulo')
  assert.match(here, /^Scheduled for Thu, Dec 3, 08:00 (AM)?\.$/)
  // The person flew to Lisbon: still 08:00 São Paulo time, and now it says which zone.
  const away = planned.stateDetail(scheduled, 0, undefined, t, 'Europe/Lisbon')
  assert.match(away, /Dec 3, 08:00 (AM )?GMT-3/)
  assert.notEqual(here, away)
  assert.equal(scheduled.sendAfter, later.at)
  // Overdue: the planned time, and the question.
  const overdue = planned.stateDetail(
    item({ state: 'overdue', later }),
    0,
    undefined,
    t,
    'America/Sao_Paulo',
  )
  assert.match(overdue, /^Planned for Thu, Dec 3, 08:00.*Send it now, or edit it\?$/)
  assert.equal(text.stateLabel(t, item({ state: 'overdue', later })), 'Its time has passed')
  assert.equal(text.stateLabel(t, scheduled), 'Scheduled')
  // In Portuguese, the same instant in its words.
  assert.match(
    planned.stateDetail(scheduled, 0, undefined, translatorFor('pt-BR'), 'America/Sao_Paulo'),
    /^Agendada para .*08:00\.$/,
  )
})
