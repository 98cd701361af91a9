import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import {
  SHORTCUT_ACTIONS,
  SHORTCUTS,
  type KeyPress,
  type ShortcutAction,
} from '../../../src/shared/shortcuts'
import { loadRenderer } from './load-renderer'

type Handlers = Partial<Record<ShortcutAction, () => void>>
interface Claimable extends KeyPress {
  preventDefault(): void
}
let dispatchShortcut: (event: Claimable, handlers: Handlers, mac: boolean) => boolean
let isShortcutAction: (value: unknown) => value is ShortcutAction
let cycleAddress: (
  addresses: readonly string[],
  current: string | null,
  step: 1 | -1,
) => string | null

before(async () => {
  ;({ dispatchShortcut, isShortcutAction, cycleAddress } = await loadRenderer<{
    dispatchShortcut: typeof dispatchShortcut
    isShortcutAction: typeof isShortcutAction
    cycleAddress: typeof cycleAddress
  }>('hooks/use-composer-shortcuts.ts'))
})

/** A key press as the browser gives it, counting the times it was claimed. */
function press(code: string, key: string, modifiers: Partial<KeyPress> = {}) {
  const event = {
    code,
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...modifiers,
    claimed: 0,
    preventDefault() {
      event.claimed += 1
    },
  }
  return event
}

/** The key press of `action`'s shortcut, with Ctrl (⌘ on a Mac). */
function pressOf(action: ShortcutAction, mac: boolean) {
  const { code, key, shift } = SHORTCUTS[action]
  // What the browser reports as `key` with Shift held on a US layout.
  const shown = shift ? ({ '[': '{', ']': '}' }[key] ?? key) : key.toLowerCase()
  return press(code, key === 'Enter' ? 'Enter' : shown, {
    shiftKey: shift,
    ...(mac ? { metaKey: true } : { ctrlKey: true }),
  })
}

/** Handlers for every action, recording which ran. */
function recording(): { handlers: Handlers; ran: ShortcutAction[] } {
  const ran: ShortcutAction[] = []
  const handlers = Object.fromEntries(
    SHORTCUT_ACTIONS.map((action) => [action, () => void ran.push(action)]),
  ) as Handlers
  return { handlers, ran }
}

describe('the composer’s keyboard dispatcher', () => {
  test('each action’s key runs that action’s handler, once, and claims the key', () => {
    for (const mac of [false, true]) {
      for (const action of SHORTCUT_ACTIONS) {
        const { handlers, ran } = recording()
        const event = pressOf(action, mac)
        assert.equal(dispatchShortcut(event, handlers, mac), true, `${action} (mac: ${mac})`)
        assert.deepEqual(ran, [action])
        assert.equal(event.claimed, 1, `${action} claims its key`)
      }
    }
  })

  test('Ctrl+Shift+B is Bcc, not the editor’s quote; Ctrl+Shift+] and [ are next and previous account', () => {
    const { handlers, ran } = recording()
    dispatchShortcut(press('KeyB', 'B', { ctrlKey: true, shiftKey: true }), handlers, false)
    dispatchShortcut(press('BracketRight', '}', { ctrlKey: true, shiftKey: true }), handlers, false)
    dispatchShortcut(press('BracketLeft', '{', { ctrlKey: true, shiftKey: true }), handlers, false)
    assert.deepEqual(ran, ['showBcc', 'nextAccount', 'previousAccount'])
  })

  test('an action without a handler leaves its key to the field or the editor', () => {
    const { handlers, ran } = recording()
    delete handlers.sendLater
    delete handlers.togglePlainText
    const later = pressOf('sendLater', false)
    assert.equal(dispatchShortcut(later, handlers, false), false)
    assert.equal(later.claimed, 0)
    assert.equal(dispatchShortcut(pressOf('togglePlainText', false), handlers, false), false)
    assert.deepEqual(ran, [])
    // Ctrl+Shift+Enter is not Ctrl+Enter: no send.
    assert.equal(
      dispatchShortcut(pressOf('sendLater', false), { send: handlers.send! }, false),
      false,
    )
  })

  test('keys that are no shortcut, the other platform’s modifier, or Alt run nothing', () => {
    const { handlers, ran } = recording()
    const others = [
      press('KeyB', 'b', { ctrlKey: true }), // the editor's bold
      press('KeyC', 'C', { shiftKey: true }), // a capital C
      press('Enter', 'Enter'),
      press('KeyC', 'C', { metaKey: true, shiftKey: true }), // ⌘ off a Mac
      press('KeyC', 'C', { ctrlKey: true, shiftKey: true, altKey: true }),
    ]
    for (const event of others) {
      assert.equal(dispatchShortcut(event, handlers, false), false)
      assert.equal(event.claimed, 0)
    }
    assert.equal(
      dispatchShortcut(press('KeyC', 'C', { ctrlKey: true, shiftKey: true }), handlers, true),
      false,
    )
    assert.deepEqual(ran, [])
  })

  test('a menu click’s action is checked before it runs', () => {
    for (const action of SHORTCUT_ACTIONS) assert.equal(isShortcutAction(action), true)
    for (const value of ['', 'sendNow', 'constructor', 'toString', null, undefined, 3, {}]) {
      assert.equal(isShortcutAction(value), false, String(value))
    }
  })
})

describe('next and previous account', () => {
  const three = ['ada@example.com', 'grace@example.com', 'mary@example.com']

  test('step through the accounts in order, wrapping at both ends', () => {
    assert.equal(cycleAddress(three, 'ada@example.com', 1), 'grace@example.com')
    assert.equal(cycleAddress(three, 'mary@example.com', 1), 'ada@example.com')
    assert.equal(cycleAddress(three, 'ada@example.com', -1), 'mary@example.com')
    assert.equal(cycleAddress(three, 'grace@example.com', -1), 'ada@example.com')
  })

  test('from no account (or one that left) to the first or the last; one account goes nowhere', () => {
    assert.equal(cycleAddress(three, null, 1), 'ada@example.com')
    assert.equal(cycleAddress(three, 'gone@example.com', -1), 'mary@example.com')
    assert.equal(cycleAddress(['ada@example.com'], 'ada@example.com', 1), null)
    assert.equal(cycleAddress([], null, -1), null)
  })
})
