import { PostlineFailure } from './errors'
import type { Logger } from './log'

/**
 * What main may hand to the operating system to open (Electron's `shell.openExternal`): every URL
 * passes {@link checkExternalUrl} first, and only the normalised `href` it answers is opened,
 * never the string that came in.
 *
 * - `https:` pages, without a user name or password in the URL (`https://accounts.google.com@evil`
 *   reads as Google but goes elsewhere).
 * - `mailto:` with at most the RFC 6068 fields that only prefill a new message: `subject`, `body`,
 *   `cc` and `bcc`. Everything else is mail-client specific and some of it is dangerous:
 *   Thunderbird's `attachment=` and Evolution's `attach=` attach local files (an ssh key, a
 *   keychain export) to a message the person may send without looking. A whitelist rather than a
 *   blacklist, because each client invents its own names.
 * - `http:` only on an origin the caller names: the sandbox's loopback server in sandbox mode.
 *
 * Everything else (`file:`, `smb:`, custom schemes that start programs, `javascript:`, …) is refused.
 */
export type ExternalUrlCheck =
  | { readonly ok: true; readonly href: string }
  | { readonly ok: false; readonly reason: string; readonly scheme: string }

export interface ExternalUrlOptions {
  /** `http:` origins that may be opened, e.g. the sandbox's `http://127.0.0.1:PORT`. */
  readonly httpOrigins?: readonly string[]
}

/** The `mailto:` fields Postline lets through, compared without case. */
export const MAILTO_FIELDS: ReadonlySet<string> = new Set(['subject', 'body', 'cc', 'bcc'])

/** The sentence a person sees when a link is refused. */
export const REFUSED_URL_MESSAGE =
  'Postline opens only secure web pages (https) and plain mail addresses.'

export function checkExternalUrl(raw: string, options: ExternalUrlOptions = {}): ExternalUrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'not a URL', scheme: '' }
  }
  const scheme = url.protocol
  const refuse = (reason: string): ExternalUrlCheck => ({ ok: false, reason, scheme })
  switch (scheme) {
    case 'https:':
      return webPage(url, refuse)
    case 'http:':
      return (options.httpOrigins ?? []).includes(url.origin)
        ? webPage(url, refuse)
        : refuse('http is allowed only for the sandbox')
    case 'mailto:':
      return mailAddress(url, refuse)
    default:
      return refuse('scheme not allowed')
  }
}

function webPage(url: URL, refuse: (reason: string) => ExternalUrlCheck): ExternalUrlCheck {
  if (url.hostname === '') return refuse('no host')
  if (url.username !== '' || url.password !== '') return refuse('user name or password in the URL')
  return { ok: true, href: url.href }
}

function mailAddress(url: URL, refuse: (reason: string) => ExternalUrlCheck): ExternalUrlCheck {
  let addresses: string
  try {
    addresses = decodeURIComponent(url.pathname)
  } catch {
    return refuse('malformed address')
  }
  // An encoded `?` or `&` in the address would become a field in a client that decodes first.
  const hasControl = [...addresses].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  if (hasControl || /[?&]/.test(addresses)) return refuse('malformed address')
  if (url.hash !== '') return refuse('fragment in a mail address')
  for (const [name, value] of url.searchParams) {
    const field = name.toLowerCase()
    if (!MAILTO_FIELDS.has(field)) return refuse('mailto field not allowed')
    if (field !== 'body' && /[\r\n]/.test(value)) return refuse('line break in a mailto field')
  }
  return { ok: true, href: url.href }
}

/**
 * Opens `raw` with `open` (Electron's `shell.openExternal` in the app) when
 * {@link checkExternalUrl} allows it, handing over the normalised `href`. A refused URL is logged
 * (its scheme and why, never the URL, which can come from what the person wrote) and rejected
 * with `invalid-input`.
 */
export async function openExternalChecked(
  raw: string,
  open: (href: string) => Promise<void>,
  log: Logger,
  options: ExternalUrlOptions = {},
): Promise<void> {
  const checked = checkExternalUrl(raw, options)
  if (!checked.ok) {
    log.warn('Refused to open a link outside Postline', {
      scheme: checked.scheme,
      reason: checked.reason,
    })
    throw new PostlineFailure('invalid-input', REFUSED_URL_MESSAGE, { detail: 'refusedUrl' })
  }
  await open(checked.href)
}
