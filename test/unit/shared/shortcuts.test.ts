import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  acceleratorOf,
  ariaKeyShortcuts,
  matchesShortcut,
  SHORTCUT_ACTIONS,
  SHORTCUTS,
  shortcutLabel,
  shortcutOf,
  type KeyPress,
} from '../../../src/shared/shortcuts'

const press = (code: string, key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...extra,
})

describe('the composer’s shortcuts', () => {
  test('no two actions share a key', () => {
    const keys = SHORTCUT_ACTIONS.map(
      (action) => `${SHORTCUTS[action].shift}+${SHORTCUTS[action].code}`,
    )
    assert.equal(new Set(keys).size, keys.length)
  })

  test('Ctrl elsewhere, ⌘ on a Mac; Shift must match; Alt never', () => {
    assert.equal(shortcutOf(press('Enter', 'Enter', { ctrlKey: true }), false), 'send')
    assert.equal(
      shortcutOf(press('Enter', 'Enter', { ctrlKey: true, shiftKey: true }), false),
      'sendLater',
    )
    assert.equal(shortcutOf(press('Enter', 'Enter', { metaKey: true }), false), null)
    assert.equal(shortcutOf(press('Enter', 'Enter', { metaKey: true }), true), 'send')
    assert.equal(shortcutOf(press('Enter', 'Enter', { ctrlKey: true }), true), null)
    assert.equal(
      shortcutOf(press('KeyB', 'B', { ctrlKey: true, shiftKey: true }), false),
      'showBcc',
    )
    assert.equal(shortcutOf(press('KeyB', 'b', { ctrlKey: true }), false), null, 'Ctrl+B is bold')
    assert.equal(
      shortcutOf(press('KeyC', 'C', { ctrlKey: true, shiftKey: true, altKey: true }), false),
      null,
    )
    assert.equal(shortcutOf(press('Enter', 'Enter'), false), null)
  })

  test('letters follow the character on layouts that move them; brackets follow the key', () => {
    // AZERTY: the key labelled A sits where QWERTY has Q.
    assert.ok(
      matchesShortcut(press('KeyQ', 'A', { ctrlKey: true, shiftKey: true }), 'attach', false),
    )
    assert.equal(
      shortcutOf(press('BracketRight', '}', { ctrlKey: true, shiftKey: true }), false),
      'nextAccount',
    )
    assert.equal(
      shortcutOf(press('BracketLeft', '{', { ctrlKey: true, shiftKey: true }), false),
      'previousAccount',
    )
    assert.equal(shortcutOf(press('Slash', '/', { ctrlKey: true }), false), 'shortcuts')
  })

  test('shown, announced and given to Electron in each form', () => {
    assert.equal(shortcutLabel('sendLater', false), 'Ctrl+Shift+Enter')
    assert.equal(shortcutLabel('sendLater', true), '⇧⌘↩')
    assert.equal(shortcutLabel('insertLink', false), 'Ctrl+K')
    assert.equal(ariaKeyShortcuts('showCc'), 'Control+Shift+C Meta+Shift+C')
    assert.equal(acceleratorOf('nextAccount'), 'CmdOrCtrl+Shift+]')
    assert.equal(acceleratorOf('send'), 'CmdOrCtrl+Enter')
  })
})
