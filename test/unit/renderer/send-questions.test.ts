// "Don't ask again" for the questions Send asks first (no subject, an attachment mentioned but
// none attached): remembered per kind in the window's storage, reset in Settings, and with
// storage full or switched off every question still asks.
import assert from 'node:assert/strict'
import { before, beforeEach, describe, test } from 'node:test'
import { loadRenderer } from './load-renderer'

type Kind = 'subject' | 'attachment'
interface SendQuestions {
  asks(kind: Kind): boolean
  stopAsking(kind: Kind): boolean
  askAgain(kind: Kind): boolean
  turnedOff(): Kind[]
}

/** The window's localStorage, with a switch to make it refuse (full, or turned off). */
class FakeStorage {
  readonly items = new Map<string, string>()
  refuse = false
  getItem(key: string): string | null {
    if (this.refuse) throw new Error('SecurityError')
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    if (this.refuse) throw new Error('QuotaExceededError')
    this.items.set(key, value)
  }
}

const KEY = 'postline.sendQuestions.off.v1'
let questions: SendQuestions
let storage: FakeStorage

before(async () => {
  questions = await loadRenderer<SendQuestions>('send-questions.ts')
})

beforeEach(() => {
  storage = new FakeStorage()
  ;(globalThis as unknown as { window: { localStorage: FakeStorage } }).window = {
    localStorage: storage,
  }
})

describe('the questions Send asks first', () => {
  test('every question asks until the person says "Don’t ask again"', () => {
    assert.equal(questions.asks('subject'), true)
    assert.equal(questions.asks('attachment'), true)
    assert.deepEqual(questions.turnedOff(), [])
  })

  test('"Don’t ask again" for the attachment question stops that one only, and is kept', () => {
    assert.equal(questions.stopAsking('attachment'), true)
    assert.equal(questions.asks('attachment'), false)
    assert.equal(questions.asks('subject'), true)
    assert.deepEqual(JSON.parse(storage.items.get(KEY) ?? 'null'), ['attachment'])
    // Said twice, kept once.
    assert.equal(questions.stopAsking('attachment'), true)
    assert.deepEqual(questions.turnedOff(), ['attachment'])
    assert.equal(questions.stopAsking('subject'), true)
    assert.deepEqual(questions.turnedOff(), ['attachment', 'subject'])
  })

  test('Settings’ "Ask again" turns one kind back on and leaves the other off', () => {
    questions.stopAsking('attachment')
    questions.stopAsking('subject')
    assert.equal(questions.askAgain('attachment'), true)
    assert.equal(questions.asks('attachment'), true)
    assert.equal(questions.asks('subject'), false)
  })

  test('storage refused: nothing is remembered, every question still asks', () => {
    storage.refuse = true
    assert.equal(questions.stopAsking('attachment'), false, 'says it was not remembered')
    assert.equal(questions.asks('attachment'), true)
  })

  test('what is stored but not a list of kinds is ignored: every question asks', () => {
    for (const stored of ['["subject","never"]', '{"subject":true}', 'not json', '"subject"']) {
      storage.items.set(KEY, stored)
      assert.deepEqual(questions.turnedOff(), [], stored)
      assert.equal(questions.asks('subject'), true, stored)
    }
  })
})
