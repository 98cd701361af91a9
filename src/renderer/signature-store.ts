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

/** Saves an account's signature; answers whether it was kept. */
export function writeSignature(email: string, text: string): boolean {
  return writeLocal(keyFor(email), text.slice(0, MAX_SIGNATURE))
}
