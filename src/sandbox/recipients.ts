import addressparser from 'nodemailer/lib/addressparser'

/** What Gmail decides from a message's recipient headers. */
export type RecipientCheck =
  { readonly ok: true; readonly count: number } | { readonly ok: false; readonly message: string }

const RECIPIENT_HEADERS: Readonly<Record<string, string>> = { to: 'To', cc: 'Cc', bcc: 'Bcc' }
/** Loose on purpose: a local part and a domain, no spaces or brackets. */
const ADDRESS = /^[^\s@<>(),;:\\"[\]]+@[^\s@<>(),;:\\"[\]]+$/

/** The header block of an RFC 5322 message (up to the first empty line), unfolded (§2.2.3). */
export function headerLines(raw: Buffer): string[] {
  const crlf = raw.indexOf('\r\n\r\n')
  const lf = raw.indexOf('\n\n')
  const ends = [crlf, lf].filter((index) => index !== -1)
  const end = ends.length === 0 ? raw.length : Math.min(...ends)
  return raw
    .subarray(0, end)
    .toString('utf8')
    .replace(/\r?\n[ \t]/g, ' ')
    .split(/\r?\n/)
}

/**
 * Gmail takes the recipients from To, Cc and Bcc: none at all is "Recipient address required",
 * an address it cannot read is "Invalid To header" (both Google's messages, seen in replies).
 */
export function checkRecipients(raw: Buffer): RecipientCheck {
  let count = 0
  for (const line of headerLines(raw)) {
    const colon = line.indexOf(':')
    if (colon === -1) continue
    const name = RECIPIENT_HEADERS[line.slice(0, colon).trim().toLowerCase()]
    if (name === undefined) continue
    const value = line.slice(colon + 1).trim()
    if (value === '') continue
    for (const address of addressparser(value, { flatten: true })) {
      if (!ADDRESS.test(address.address)) return { ok: false, message: `Invalid ${name} header` }
      count += 1
    }
  }
  return count > 0 ? { ok: true, count } : { ok: false, message: 'Recipient address required' }
}
