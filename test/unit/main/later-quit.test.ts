import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mainTranslator } from '../../../src/main/i18n/translate'
import { backgroundStep, quitQuestion, trayWords } from '../../../src/main/later-quit'
import { runInBackground, type TrayLike } from '../../../src/main/tray'
import type { OutboxItem, OutboxState } from '../../../src/shared/domain'
import { LATER_CHECK_MS } from '../../../src/shared/send-later'
import { TestClock } from '../../helpers/test-clock'

const NOW = new Date(2026, 11, 1, 10, 0).getTime()
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString()

function item(state: OutboxState, later = true): OutboxItem {
  return {
    id: `o-${state}`,
    draftId: 'd1',
    from: 'ada@sandbox.test',
    to: ['zoe@example.com'],
    subject: 'Later',
    size: 100,
    state,
    createdAt: at(-1),
    sendAfter: at(2),
    attempts: 0,
    sentAt: null,
    error: null,
    ...(later ? { later: { at: at(2), zone: 'UTC' } } : {}),
  }
}

test('quitting asks only when messages wait for a time, and says when the next is due', () => {
  const en = mainTranslator('en')
  assert.equal(quitQuestion(null, NOW, en), null)
  const question = quitQuestion({ at: at(2), count: 1 }, NOW, en)!
  assert.match(question.message, /^A message is scheduled; the next one is due 12:00( PM)?\.$/)
  assert.match(question.detail, /only while it runs/)
  assert.equal(question.keep, 'Keep running in the background')
  assert.equal(question.quit, 'Quit anyway')
  const tomorrow = quitQuestion({ at: at(26), count: 3 }, NOW, en)!
  assert.match(tomorrow.message, /^3 messages are scheduled; the next one is due Wed, Dec 2/)
  const pt = quitQuestion({ at: at(2), count: 2 }, NOW, mainTranslator('pt-BR'))!
  assert.equal(pt.message, 'Há 2 mensagens agendadas; a próxima sai 12:00.')
  assert.equal(pt.keep, 'Continuar em segundo plano')
  assert.match(quitQuestion({ at: at(2), count: 1 }, NOW, mainTranslator('es'))!.quit, /Salir/)
  assert.match(trayWords({ at: at(2), count: 1 }, NOW, en).tooltip, /next scheduled message 12:00/)
})

test('in the background: wait while a message waits or is on its way, ask when one is overdue, quit when none is left', () => {
  assert.equal(backgroundStep([item('scheduled')]), 'wait')
  assert.equal(backgroundStep([item('sending'), item('sent')]), 'wait')
  assert.equal(backgroundStep([item('queued', false)]), 'wait')
  assert.equal(backgroundStep([item('scheduled'), item('overdue')]), 'show')
  assert.equal(backgroundStep([item('sent'), item('failed'), item('unknown')]), 'quit')
  assert.equal(backgroundStep([]), 'quit')
  // An Undo window (scheduled without a chosen time) is not a reason to stay.
  assert.equal(backgroundStep([item('scheduled', false)]), 'quit')
})

test('the tray run: tooltip and menu in the person’s words, quits once the message went, opens the window to ask', () => {
  const clock = new TestClock(NOW)
  let items: OutboxItem[] = [item('scheduled')]
  const calls: string[] = []
  const tray: TrayLike & { tooltip: string; menu: unknown; destroyed: boolean } = {
    tooltip: '',
    menu: null,
    destroyed: false,
    setToolTip(text) {
      this.tooltip = text
    },
    setContextMenu(menu) {
      this.menu = menu
    },
    on: () => undefined,
    destroy() {
      this.destroyed = true
    },
  }
  const run = (words = mainTranslator('es')) =>
    runInBackground({
      createTray: () => tray,
      buildMenu: (entries) => entries,
      items: () => items,
      next: () => ({ at: at(2), count: items.length }),
      words: () => words,
      showWindow: () => calls.push('show'),
      quit: () => calls.push('quit'),
      clock,
      ticker: clock,
    })
  run()
  assert.match(tray.tooltip, /^Postline: próximo mensaje programado 12:00/)
  const menu = tray.menu as { label: string; click: () => void }[]
  assert.deepEqual(
    menu.map((entry) => entry.label),
    ['Abrir Postline', 'Salir de Postline'],
  )
  clock.advance(LATER_CHECK_MS)
  assert.deepEqual(calls, [])
  items = [{ ...item('sent') }]
  clock.advance(LATER_CHECK_MS)
  assert.deepEqual(calls, ['quit'])
  assert.equal(tray.destroyed, true)
  assert.equal(clock.listeners, 0)

  // Again, and a message turns overdue (the computer slept past its time): the window opens.
  tray.destroyed = false
  items = [item('scheduled')]
  run(mainTranslator('en'))
  items = [item('overdue')]
  clock.advance(LATER_CHECK_MS)
  assert.deepEqual(calls, ['quit', 'show'])
  assert.equal(tray.destroyed, true)
})
