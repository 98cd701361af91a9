import { addressKey, type Mailbox } from '../shared/addresses'
import { readLocal, writeLocal } from './local-store'

/** Someone this account has written to. */
interface Recipient extends Mailbox {
  readonly count: number
  /** Milliseconds since the epoch of the last message to them. */
  readonly last: number
}

/** Enough for a person's regular correspondents, small enough to read at every keystroke. */
const MAX_REMEMBERED = 500

function keyFor(account: string): string {
  return `postline.sentTo.v1:${addressKey(account)}`
}

function isRecipients(value: unknown): value is Recipient[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as Recipient).address === 'string' &&
        typeof (entry as Recipient).name === 'string' &&
        typeof (entry as Recipient).count === 'number' &&
        typeof (entry as Recipient).last === 'number',
    )
  )
}

function read(account: string): Recipient[] {
  return readLocal(keyFor(account), [], isRecipients)
}

/** Remembers the people a message from `account` went to, for suggestions next time. */
export function rememberRecipients(
  account: string,
  mailboxes: readonly Mailbox[],
  now = Date.now(),
): void {
  const byAddress = new Map(read(account).map((entry) => [addressKey(entry.address), entry]))
  for (const mailbox of mailboxes) {
    const key = addressKey(mailbox.address)
    const known = byAddress.get(key)
    byAddress.set(key, {
      name: mailbox.name || known?.name || '',
      address: mailbox.address,
      count: (known?.count ?? 0) + 1,
      last: now,
    })
  }
  const kept = [...byAddress.values()].sort((a, b) => b.last - a.last).slice(0, MAX_REMEMBERED)
  writeLocal(keyFor(account), kept)
}

/** How well a remembered recipient matches what was typed; 0 for no match. */
function score(recipient: Recipient, query: string): number {
  const address = addressKey(recipient.address)
  const words = recipient.name.toLowerCase().split(/[\s,."']+/)
  if (address.startsWith(query)) return 3
  if (words.some((word) => word !== '' && word.startsWith(query))) return 2
  if (address.includes(query)) return 1
  return 0
}

/**
 * Up to `limit` people this account wrote to whose address or name starts with (or whose
 * address contains) the typed text, best match first, then the most written-to.
 */
export function suggestRecipients(
  account: string,
  typed: string,
  exclude: ReadonlySet<string>,
  limit = 6,
): Mailbox[] {
  const query = typed.trim().toLowerCase()
  if (query === '') return []
  return read(account)
    .map((recipient) => ({ recipient, score: score(recipient, query) }))
    .filter(({ recipient, score }) => score > 0 && !exclude.has(addressKey(recipient.address)))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.recipient.count - a.recipient.count ||
        b.recipient.last - a.recipient.last,
    )
    .slice(0, limit)
    .map(({ recipient }) => ({ name: recipient.name, address: recipient.address }))
}
