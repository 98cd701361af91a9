import { readLocal, writeLocal } from './local-store'

/** The questions Send may ask first: no subject, or an attachment mentioned but none attached. */
export type SendQuestionKind = 'subject' | 'attachment'
export const SEND_QUESTION_KINDS: readonly SendQuestionKind[] = ['subject', 'attachment']

const KEY = 'postline.sendQuestions.off.v1'

function isKindList(value: unknown): value is SendQuestionKind[] {
  return (
    Array.isArray(value) &&
    value.every((kind) => SEND_QUESTION_KINDS.includes(kind as SendQuestionKind))
  )
}

/**
 * The kinds the person answered "Don't ask again" to, kept in the window's local storage (a
 * preference of this computer, not of an account). Storage switched off: every question asks.
 */
export function turnedOff(): SendQuestionKind[] {
  return readLocal(KEY, [], isKindList)
}

export function asks(kind: SendQuestionKind): boolean {
  return !turnedOff().includes(kind)
}

/** "Don't ask again"; answers whether it was remembered. */
export function stopAsking(kind: SendQuestionKind): boolean {
  const off = turnedOff()
  return off.includes(kind) || writeLocal(KEY, [...off, kind])
}

/** The reset in Settings. */
export function askAgain(kind: SendQuestionKind): boolean {
  return writeLocal(
    KEY,
    turnedOff().filter((other) => other !== kind),
  )
}
