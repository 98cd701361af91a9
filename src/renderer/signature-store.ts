import { addressKey } from '../shared/addresses'
// Where each account's signature is kept: the window's local storage, keyed by address.
import { readLocal, writeLocal } from './local-store'

const MAX_SIGNATURE = 4_000

/** Google addresses are case-insensitive; one spelling keys one account. */
function keyFor(email: string): string {
  return `postline.signature.v1:${addressKey(email)}`
}

const isString = (value: unknown): value is string => typeof value === 'string'

/** The signature of an account, as plain text lines; empty when it has none. */
export function readSignature(email: string): string {
  return readLocal(keyFor(email), '', isString).slice(0, MAX_SIGNATURE)
}

const listeners = new Set<(email: string) => void>()

/** Calls `listener` with the account's address each time a signature is saved; answers the undo. */
export function onSignatureSaved(listener: (email: string) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Saves an account's signature; answers whether it was kept. */
export function writeSignature(email: string, text: string): boolean {
  const kept = writeLocal(keyFor(email), text.slice(0, MAX_SIGNATURE))
  if (kept) for (const listener of [...listeners]) listener(email)
  return kept
}
