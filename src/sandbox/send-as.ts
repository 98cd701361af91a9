import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { GMAIL_FROM_REPLACED } from './google-facts'
import { escapeHtml, page } from './html'
import { readParams, redirect, sendHtml, sendJson } from './routing'
import type { Route, RouteRequest } from './routing'
import type { SandboxIdentity } from './types'
import { WORDS, requestLanguage, type SandboxLanguage } from './words'

/** The page where people mark an address as a verified send-as address of an identity. */
export const SEND_AS_PAGE_PATH = '/_sandbox/send-as.html'
/** Where its form posts (and, with test controls, tests: `?email=…&address=…`). */
export const SEND_AS_PATH = '/_sandbox/send-as'

const lower = (address: string): string => address.trim().toLowerCase()

/**
 * Each identity's verified send-as addresses (Gmail's "Send mail as", verified), beyond its own
 * address. Kept in memory, as everything in the sandbox.
 */
export class SendAsBook {
  private readonly book = new Map<string, Map<string, string>>()

  add(email: string, address: string): void {
    const list = this.book.get(lower(email)) ?? new Map<string, string>()
    list.set(lower(address), address.trim())
    this.book.set(lower(email), list)
  }

  list(email: string): string[] {
    return [...(this.book.get(lower(email))?.values() ?? [])]
  }

  /** Whether Gmail sends as `address` for `email`: its own address, or a verified one. */
  sendsAs(email: string, address: string): boolean {
    return (
      lower(address) === lower(email) || this.book.get(lower(email))?.has(lower(address)) === true
    )
  }
}

/** Unfolds a header section's line and answers where it starts and ends in `head`. */
function findHeader(
  head: string,
  name: string,
): { start: number; end: number; value: string } | undefined {
  const pattern = new RegExp(`(^|\\r\\n)(${name}):([^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*)`, 'i')
  const match = pattern.exec(head)
  if (match === null) return undefined
  const start = match.index + (match[1] as string).length
  return {
    start,
    end: start + match[0].length - (match[1] as string).length,
    value: (match[3] as string).replace(/\r\n[ \t]/g, ' ').trim(),
  }
}

/**
 * What the sandbox's Gmail does with From, as people report Gmail does (google-facts:
 * GMAIL_FROM_REPLACED): a From whose address is neither the account's own nor one of its
 * verified send-as addresses gets the account's address instead; the display name stays.
 * Answers the message unchanged when From may stay.
 */
export function replaceUnverifiedFrom(raw: Buffer, account: string, book: SendAsBook): Buffer {
  const text = raw.toString('latin1')
  const split = text.indexOf('\r\n\r\n')
  const head = split === -1 ? text : text.slice(0, split)
  const from = findHeader(head, 'From')
  if (from === undefined) return raw
  const angle = /^(.*)<([^<>]*)>\s*$/.exec(from.value)
  const address = angle === null ? from.value : (angle[2] as string)
  if (book.sendsAs(account, address)) return raw
  const name = angle === null || !GMAIL_FROM_REPLACED.keepsName ? '' : (angle[1] as string).trim()
  const replaced = name === '' ? `From: ${account}` : `From: ${name} <${account}>`
  return Buffer.from(text.slice(0, from.start) + replaced + text.slice(from.end), 'latin1')
}

function sendAsPage(
  identities: readonly SandboxIdentity[],
  book: SendAsBook,
  chosen: string | null,
  formToken: string,
  language: SandboxLanguage,
): string {
  const words = WORDS[language]
  const rows = identities
    .filter((identity) => chosen === null || lower(identity.email) === lower(chosen))
    .map((identity) => {
      const list = book.list(identity.email)
      const addresses =
        list.length === 0
          ? `<span class="muted">${escapeHtml(words.sendAsNone)}</span>`
          : list.map((address) => escapeHtml(address)).join('<br>')
      return `<tr><td>${escapeHtml(identity.name)}<br><small>${escapeHtml(identity.email)}</small></td><td>${addresses}</td></tr>`
    })
    .join('\n')
  const options = identities
    .map(
      (identity) =>
        `<option value="${escapeHtml(identity.email)}"${chosen !== null && lower(identity.email) === lower(chosen) ? ' selected' : ''}>${escapeHtml(identity.email)}</option>`,
    )
    .join('')
  return page(
    words.sendAsTitle,
    `<h1>${escapeHtml(words.sendAsTitle)}</h1>
<p class="muted">${escapeHtml(words.sendAsIntro)}</p>
<table><tr><th>${escapeHtml(words.account)}</th><th>${escapeHtml(words.sendAsVerified)}</th></tr>
${rows}
</table>
<form method="post" action="${SEND_AS_PATH}">
<input type="hidden" name="token" value="${escapeHtml(formToken)}">
<p><label>${escapeHtml(words.account)}<br><select name="email">${options}</select></label></p>
<p><label>${escapeHtml(words.sendAsAddress)}<br><input type="email" name="address" required></label></p>
<div class="actions"><button type="submit" class="primary">${escapeHtml(words.sendAsAdd)}</button></div>
</form>
<p><a href="/">${escapeHtml(words.sendAsBack)}</a></p>`,
    language,
  )
}

/**
 * The send-as page and its form. The form carries a token made at start, so only the sandbox's
 * own page can post it (a page elsewhere cannot read it); with test controls, tests may post
 * `?email=…&address=…` without it.
 */
export function sendAsRoutes(
  identities: readonly SandboxIdentity[],
  book: SendAsBook,
  testControls: boolean,
): Route[] {
  const formToken = randomBytes(16).toString('hex')
  const known = (email: string) =>
    identities.some((identity) => lower(identity.email) === lower(email))
  const mark = async (request: RouteRequest, response: ServerResponse): Promise<void> => {
    const query = request.url.searchParams
    const form = query.has('email') ? query : await readParams(request)
    const email = form.get('email') ?? ''
    const address = (form.get('address') ?? '').trim()
    if (!testControls && form.get('token') !== formToken) {
      sendJson(response, 403, { error: 'forbidden', error_description: 'Use the sandbox page' })
      return
    }
    if (!known(email)) {
      sendJson(response, 404, { error: 'not_found', error_description: `No identity ${email}` })
      return
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
      sendJson(response, 400, { error: 'invalid_request', error_description: 'Invalid address' })
      return
    }
    book.add(email, address)
    if ((request.headers.accept ?? '').includes('text/html')) {
      redirect(response, `${SEND_AS_PAGE_PATH}?email=${encodeURIComponent(email)}`, 303)
    } else sendJson(response, 200, { ok: true, sendAs: book.list(email) })
  }
  return [
    {
      method: 'GET',
      path: SEND_AS_PAGE_PATH,
      control: true,
      handle: (request, response) => {
        const language = requestLanguage(request.headers, request.url.searchParams.get('hl'))
        const email = request.url.searchParams.get('email')
        sendHtml(
          response,
          200,
          sendAsPage(
            identities,
            book,
            email !== null && known(email) ? email : null,
            formToken,
            language,
          ),
        )
      },
    },
    { method: 'POST', path: SEND_AS_PATH, control: true, handle: mark },
  ]
}
