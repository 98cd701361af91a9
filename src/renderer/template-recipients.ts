// A template's recipients join the message's: by address, none removed, none twice.
import { addressKey, parseMailbox } from '../shared/addresses'

/** One recipient entry's identity: its address, whatever name is written with it. */
function recipientKey(entry: string): string {
  const parsed = parseMailbox(entry)
  return parsed.ok ? addressKey(parsed.mailbox.address) : entry.trim().toLowerCase()
}

/** `current` with the entries of `added` it does not hold yet, in order. */
export function addRecipients(current: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(current.map(recipientKey))
  const result = [...current]
  for (const entry of added) {
    const key = recipientKey(entry)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(entry)
  }
  return result
}
