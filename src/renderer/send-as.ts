// Which address a message goes from (an account's own, or one of its send-as addresses), and
// the signature that goes with it.
import { sameAddress } from '../shared/addresses'
import type { AccountView, SendAsAddress } from '../shared/domain'
import { readSignature } from './signature-store'

/** Between an account and its send-as address in one key (never in an address). */
const SEPARATOR = '\u001f'

/** The account's send-as address `address`, if it has it. */
export function sendAsOf(
  account: AccountView | undefined,
  address: string | null | undefined,
): SendAsAddress | undefined {
  if (account === undefined || address === null || address === undefined) return undefined
  return (account.sendAs ?? []).find((known) => sameAddress(known.address, address))
}

/**
 * The send-as address a message from `email` goes from: the one chosen while the account still
 * has it, else (nothing chosen yet, `undefined`) the account's default; null is its own address.
 */
export function sendingAddress(
  chosen: string | null | undefined,
  email: string | null,
  accounts: readonly AccountView[],
): string | null {
  const account = accounts.find((candidate) => candidate.email === email)
  return sendAsOf(account, chosen === undefined ? account?.defaultFrom : chosen)?.address ?? null
}

/** One key per identity: the account, or the account and its send-as address. */
export function identityKey(email: string | null, address: string | null): string | null {
  if (email === null) return null
  return address === null ? email : `${email}${SEPARATOR}${address}`
}

/** The account and send-as address of an {@link identityKey}. */
export function identityOf(key: string): { email: string; address: string | null } {
  const at = key.indexOf(SEPARATOR)
  return at === -1
    ? { email: key, address: null }
    : { email: key.slice(0, at), address: key.slice(at + 1) }
}

/** The address an identity shows in From. */
export function identityAddress(key: string): string {
  const { email, address } = identityOf(key)
  return address ?? email
}

/**
 * The signature of an identity: a send-as address's own (empty: none), which replaces the
 * account's; the account's from the signature store.
 */
export function identitySignature(key: string, accounts: readonly AccountView[]): string {
  const { email, address } = identityOf(key)
  if (address === null) return readSignature(email)
  const account = accounts.find((candidate) => candidate.email === email)
  return sendAsOf(account, address)?.signature ?? ''
}
