// Address parsing shared by the window (as the person types) and main (before a message is
// built). Pure TypeScript: the sandboxed page imports it, so no Node built-ins and no packages.
// It accepts the forms people type or paste (RFC 5322 §3.4 name-addr and addr-spec) and is
// stricter than the RFC where Gmail would not deliver anyway (no dotless domains, no IP literals).

/** A display name (may be empty) and an address, kept as typed (an IDN domain stays in Unicode). */
export interface Mailbox {
  readonly name: string
  readonly address: string
}

/**
 * The outcome of {@link parseMailbox}: the mailbox, or what is wrong with the entry, as a code with
 * its params (the window words it in the person's language, `composer.address.<code>`) and as an
 * English sentence (`reason`, for main's log and its English errors).
 */
export type MailboxParseResult =
  | { readonly ok: true; readonly mailbox: Mailbox }
  | { readonly ok: false; readonly problem: AddressProblem; readonly reason: string }

/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, so 254 for the address itself. */
export const MAX_ADDRESS_LENGTH = 254
/** RFC 5321 §4.5.3.1.1. */
export const MAX_LOCAL_PART_LENGTH = 64
/** Keeps every header line under RFC 5322's 998 octets, even for an unbroken ASCII name. */
export const MAX_DISPLAY_NAME_LENGTH = 256

/**
 * Any line break, Unicode's included: in a header it would start a new header (injection). Shared
 * with the message builder's header check, so an address and a subject are held to the same rule.
 */
export const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/
/** C0 controls except TAB, DEL and C1 controls: invisible, and some mail software acts on them. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const WHITESPACE = /\s/
// RFC 5322 atext, plus the dot between atoms and any non-ASCII character (RFC 6531).
const LOCAL_PART_CHAR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-\u{80}-\u{10ffff}]$/u
const DOMAIN_CHAR = /^[A-Za-z0-9.\-\u{80}-\u{10ffff}]$/u
const ASCII = /^[\x20-\x7e]*$/

const utf8 = new TextEncoder()

/** The English sentence of each problem; the window has its own words in the catalogs. */
const ENGLISH = {
  lineBreak: 'Line breaks are not allowed in an address.',
  control: 'Invisible control characters are not allowed in an address.',
  empty: 'The entry is empty.',
  unclosedQuote: 'A quotation mark is not closed.',
  unclosedAngle: 'An angle bracket < is not closed.',
  strayAngle: 'There is a > without a matching <.',
  moreThanOne: 'Only one address per entry: separate addresses with commas.',
  textAfter: 'Nothing may follow the address in angle brackets.',
  emptyAngle: 'The angle brackets hold no address.',
  nameOnly: 'This has a name but no email address.',
  needsAngle: 'Put the address in angle brackets after the name, like: Name <name@example.com>.',
  spaces: 'Spaces are not allowed in an address (write a name as: Name <name@example.com>).',
  noAt: 'An address needs an @, like name@example.com.',
  twoAts: 'An address can contain only one @.',
  nothingBefore: 'Nothing comes before the @.',
  nothingAfter: 'Nothing comes after the @.',
  tooLong: 'The address is longer than {max} characters.',
  localTooLong: 'The part before the @ is longer than {max} characters.',
  nameTooLong: 'The name is longer than {max} characters.',
  consecutiveDots: 'An address cannot contain two dots in a row.',
  localDotEdge: 'The part before the @ cannot start or end with a dot.',
  domainDotEdge: 'The domain cannot start or end with a dot.',
  noDot: 'The domain needs a dot, like example.com.',
  ipLiteral: 'Addresses with an IP address instead of a domain are not supported.',
  hyphenEdge: 'A part of the domain cannot start or end with a hyphen.',
  labelTooLong: 'A part of the domain is longer than 63 characters.',
  numericTld: 'The domain must end in a name such as .com, not a number.',
  badChar: 'The character {char} is not allowed in an address.',
  badDomainChar: 'The character {char} is not allowed in a domain.',
  invisibleChar: 'The address holds an invisible character ({char}).',
  bidiInName: 'The name holds a character ({char}) that can make text read backwards.',
} as const

/** Why an entry is not a usable address. */
export type AddressProblemCode = keyof typeof ENGLISH

/** What is wrong with an entry: a code, and the values its sentence needs. */
export interface AddressProblem {
  readonly code: AddressProblemCode
  readonly params?: Readonly<Record<string, string | number>>
}

const problem = (code: AddressProblemCode, params?: AddressProblem['params']): AddressProblem =>
  params ? { code, params } : { code }

/** The problems without params, by code. */
const REASONS = Object.fromEntries(
  Object.keys(ENGLISH).map((code) => [code, problem(code as AddressProblemCode)]),
) as Readonly<Record<AddressProblemCode, AddressProblem>>

/** The English sentence of a problem (for logs and main's English errors). */
export function addressProblemSentence(reason: AddressProblem): string {
  return ENGLISH[reason.code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    String(reason.params?.[name] ?? whole),
  )
}

/**
 * Splits typed or pasted text into one entry per address, on commas, semicolons and line breaks
 * that are not inside quotes or angle brackets: `"Name, Jr." <a@b.c>, d@e.f` gives two entries.
 */
export function splitRecipients(text: string): string[] {
  const entries: string[] = []
  let current = ''
  let quoted = false
  let escaped = false
  let angle = false
  for (const char of text) {
    if (quoted) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') quoted = false
    } else if (angle) {
      if (char === '>') angle = false
    } else if (char === '"') {
      quoted = true
    } else if (char === '<') {
      angle = true
    } else if (char === ',' || char === ';' || char === '\n' || char === '\r') {
      entries.push(current)
      current = ''
      continue
    }
    current += char
  }
  entries.push(current)
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '')
}

/**
 * Parses one entry: `a@b.c`, `Name <a@b.c>`, `"Name, Jr." <a@b.c>` or `<a@b.c>`. Line breaks
 * anywhere are refused, never stripped, since they are how headers get injected.
 */
export function parseMailbox(entry: string): MailboxParseResult {
  if (LINE_BREAK.test(entry)) return fail(REASONS.lineBreak)
  if (CONTROL.test(entry)) return fail(REASONS.control)
  const text = entry.trim()
  if (text === '') return fail(REASONS.empty)

  let name = ''
  let plain = ''
  let quotedName = false
  let address: string | null = null
  let trailing = ''
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (char === '"') {
      const quoted = readQuotedString(text, index)
      if (quoted === null) return fail(REASONS.unclosedQuote)
      if (address === null) {
        name += quoted.value
        quotedName = true
      } else {
        trailing += quoted.value || '""'
      }
      index = quoted.next
    } else if (char === '<') {
      if (address !== null) return fail(REASONS.moreThanOne)
      const close = text.indexOf('>', index + 1)
      if (close < 0) return fail(REASONS.unclosedAngle)
      const inner = text.slice(index + 1, close)
      if (inner.includes('<')) return fail(REASONS.moreThanOne)
      address = inner.trim()
      index = close + 1
    } else if (char === '>') {
      return fail(REASONS.strayAngle)
    } else {
      if (address === null) {
        name += char
        plain += char
      } else {
        trailing += char
      }
      index += 1
    }
  }

  if (address !== null) {
    if (trailing.trim() !== '') {
      return fail(trailing.includes('@') ? REASONS.moreThanOne : REASONS.textAfter)
    }
    if (address === '') return fail(REASONS.emptyAngle)
    return withName(collapse(name), address)
  }
  if (quotedName) return fail(plain.includes('@') ? REASONS.needsAngle : REASONS.nameOnly)
  const words = plain.trim().split(/\s+/)
  if (words.length > 1) {
    const withAt = words.filter((word) => word.includes('@')).length
    if (withAt === 0) return fail(REASONS.nameOnly)
    return fail(withAt > 1 ? REASONS.moreThanOne : REASONS.spaces)
  }
  return withName('', plain.trim())
}

/** Formats a mailbox for display; the result parses back to the same mailbox. */
export function formatMailbox(mailbox: Mailbox): string {
  if (mailbox.name === '') return mailbox.address
  const name = /[",;<>()[\]:\\@]/.test(mailbox.name)
    ? `"${mailbox.name.replace(/[\\"]/g, '\\$&')}"`
    : mailbox.name
  return `${name} <${mailbox.address}>`
}

/** Answers why an address (without a name or brackets) cannot be used, or null when it can. */
export function addressProblem(address: string): string | null {
  const found = addressProblemCode(address)
  return found === null ? null : addressProblemSentence(found)
}

/** Like {@link addressProblem}, as a code with params. */
export function addressProblemCode(address: string): AddressProblem | null {
  if (LINE_BREAK.test(address)) return REASONS.lineBreak
  if (CONTROL.test(address)) return REASONS.control
  const invisible = invisibleProblem(address, 'address')
  if (invisible !== null) return invisible
  if (address === '') return REASONS.empty
  if (WHITESPACE.test(address)) return REASONS.spaces
  const at = address.lastIndexOf('@')
  if (at < 0) return REASONS.noAt
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  if (local.includes('@')) return REASONS.twoAts
  if (local === '') return REASONS.nothingBefore
  if (domain === '') return REASONS.nothingAfter
  if (byteLength(address) > MAX_ADDRESS_LENGTH)
    return problem('tooLong', { max: MAX_ADDRESS_LENGTH })
  if (byteLength(local) > MAX_LOCAL_PART_LENGTH) {
    return problem('localTooLong', { max: MAX_LOCAL_PART_LENGTH })
  }
  return localPartProblem(local) ?? domainProblem(domain)
}

function localPartProblem(local: string): AddressProblem | null {
  if (local.includes('..')) return REASONS.consecutiveDots
  if (local.startsWith('.') || local.endsWith('.')) return REASONS.localDotEdge
  for (const char of local) {
    if (!LOCAL_PART_CHAR.test(char)) return problem('badChar', { char: describe(char) })
  }
  return null
}

function domainProblem(domain: string): AddressProblem | null {
  if (domain.startsWith('[')) return REASONS.ipLiteral
  if (domain.includes('..')) return REASONS.consecutiveDots
  if (domain.startsWith('.') || domain.endsWith('.')) return REASONS.domainDotEdge
  for (const char of domain) {
    if (!DOMAIN_CHAR.test(char)) return problem('badDomainChar', { char: describe(char) })
  }
  const labels = domain.split('.')
  if (labels.length < 2) return REASONS.noDot
  for (const label of labels) {
    if (label.startsWith('-') || label.endsWith('-')) return REASONS.hyphenEdge
    // RFC 1035 §2.3.4; a Unicode label's length is only known after IDNA encoding, done in main.
    if (ASCII.test(label) && label.length > 63) return REASONS.labelTooLong
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return REASONS.numericTld
  return null
}

function withName(name: string, address: string): MailboxParseResult {
  if ([...name].length > MAX_DISPLAY_NAME_LENGTH) {
    return fail(problem('nameTooLong', { max: MAX_DISPLAY_NAME_LENGTH }))
  }
  const bidi = invisibleProblem(name, 'name')
  if (bidi !== null) return fail(bidi)
  const found = addressProblemCode(address)
  if (found !== null) return fail(found)
  return { ok: true, mailbox: { name, address } }
}

/** Reads an RFC 5322 quoted-string starting at `start`, undoing its backslash escapes. */
function readQuotedString(text: string, start: number): { value: string; next: number } | null {
  let value = ''
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index]!
    if (char === '"') return { value, next: index + 1 }
    if (char === '\\') {
      index += 1
      if (index >= text.length) return null
      value += text[index]
    } else {
      value += char
    }
  }
  return null
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function byteLength(text: string): number {
  return utf8.encode(text).length
}

function describe(char: string): string {
  return ASCII.test(char) ? `“${char}”` : `U+${char.codePointAt(0)!.toString(16).toUpperCase()}`
}

function fail(reason: AddressProblem): MailboxParseResult {
  return { ok: false, problem: reason, reason: addressProblemSentence(reason) }
}

/**
 * The key that identifies an address when comparing or indexing: Postline treats addresses as
 * case-insensitive (Google's are, whole), so `Ada@Example.com` and `ada@example.com` are one.
 */
export function addressKey(address: string): string {
  return address.toLowerCase()
}

/** Whether two spellings name the same address (see {@link addressKey}). */
export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b)
}

// ---------------------------------------------------------------------------------------------
// Invisible characters, pasted free text and duplicates.

/**
 * Characters that show nothing (or only reorder what is around them) but change an address:
 * Unicode's format characters (zero-width space, joiners, word joiner, BOM, soft hyphen, bidi
 * marks, embeddings, overrides and isolates, tags), the combining grapheme joiner and the Hangul
 * fillers that render as blanks. None belongs in an address; a copy from a web page or a chat
 * can carry them, and an address holding one is another address than the one it looks like.
 */
export const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu')
/**
 * Bidi embeddings, overrides and isolates: in a display name they can make the text after them
 * read backwards, so a name could pass for another address. Marks (LRM, RLM) only nudge
 * neighbouring punctuation and stay allowed in names written right to left.
 */
export const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/
/** Joiners are part of how some scripts and emoji are written, so a name keeps them. */
const JOINERS = /[\u200c\u200d]/

/** `U+200B`, the way a note names a character that cannot be seen. */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/** Why text holds a character that cannot be seen, or null. */
function invisibleProblem(text: string, what: 'address' | 'name'): AddressProblem | null {
  const found = what === 'address' ? INVISIBLE.exec(text) : BIDI_CONTROL.exec(text)
  if (found === null) return null
  return problem(what === 'address' ? 'invisibleChar' : 'bidiInName', {
    char: codePointName(found[0]),
  })
}

/** Text without its invisible characters, and which were removed. */
function stripInvisible(text: string, keepJoiners: boolean): { text: string; removed: string[] } {
  const removed: string[] = []
  const kept = text.replace(INVISIBLE_ALL, (char) => {
    if (keepJoiners && JOINERS.test(char)) return char
    removed.push(codePointName(char))
    return ''
  })
  return { text: kept, removed }
}

/** Something the person should know about what a paste or an entry became. */
export type RecipientNote =
  | {
      /** Invisible characters were removed from an address (or bidi controls from its name). */
      readonly kind: 'stripped'
      readonly address: string
      /** The code points removed, like `U+200B`. */
      readonly characters: readonly string[]
    }
  | {
      /** Text that stood around the addresses and holds none (a sentence, a header row). */
      readonly kind: 'ignored'
      readonly text: string
    }
  | {
      /** The address was already a recipient (in `field`), so the copy was merged into it. */
      readonly kind: 'merged'
      readonly address: string
      readonly field: string
    }

/** What {@link extractRecipients} found: one entry per address, and what to tell the person. */
export interface ExtractedRecipients {
  /** Formatted (`Name <a@b.c>`) when valid; as found when not, so it can be fixed as a chip. */
  readonly entries: readonly string[]
  readonly notes: readonly RecipientNote[]
}

/** Word, Outlook and typographic quotes around a name. */
const CURLY_DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02\u2033]/g
/** A `mailto:` URL (RFC 6068): its addresses, percent-encoded, then an optional `?query`. */
const MAILTO = /mailto:([^\s<>"()]*)/gi
/** An address inside free text: atext and non-ASCII, an @, then a domain with a dot. */
const ADDRESS_IN_TEXT =
  /[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u{80}-\u{10ffff}-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u{80}-\u{10ffff}-]+)*@[A-Za-z0-9\u{80}-\u{10ffff}-]+(?:\.[A-Za-z0-9\u{80}-\u{10ffff}-]+)+/gu
const HAS_ADDRESS = new RegExp(ADDRESS_IN_TEXT.source, 'u')
/** What may stand beside an address as its name once brackets and quotes are gone. */
const NAME_LIKE = /^[\p{L}\p{M}\p{N}.'’`\-, ]{1,100}$/u

function decodeMailto(encoded: string): string {
  const addresses = encoded.split('?')[0]!
  try {
    return decodeURIComponent(addresses)
  } catch {
    return addresses
  }
}

/**
 * Pulls the addresses out of pasted or typed text the way Gmail does, keeping the name that
 * stands with each: `Name <a@b.c>` and `"Roe, Rick" <a@b.c>` (straight or Word's curly quotes),
 * Outlook's `Lee, Ann <a@b.c>`, spreadsheet rows (`Ann Lee⇥ann@lee.com`, one per line),
 * `mailto:` links (query dropped), the old `a@b.c (Name)`, `Name a@b.c`, and addresses inside
 * sentences; separated by commas, semicolons or line breaks. Invisible characters are removed
 * from addresses (and bidi controls from names) with a note. An entry with no address in it is
 * kept as typed, so it shows as an invalid chip that says why; words around addresses that are
 * not a name are dropped with a note, so nothing goes without the person being told.
 */
export function extractRecipients(text: string): ExtractedRecipients {
  const entries: string[] = []
  const notes: RecipientNote[] = []
  const cleaned = text
    .replace(CURLY_DOUBLE_QUOTES, '"')
    .replace(MAILTO, (_match, encoded: string) => decodeMailto(encoded))
  for (const line of cleaned.split(/\r\n|[\n\r\u2028\u2029]/)) {
    if (line.includes('\t')) readRow(line, entries, notes)
    else
      for (const token of joinOutlookNames(splitRecipients(line))) readToken(token, entries, notes)
  }
  return { entries, notes }
}

/**
 * Outlook writes `Lee, Ann <ann@lee.com>` without quotes, so the comma splits it: a piece with
 * no @ followed by a bare `Name <address>` is one name.
 */
function joinOutlookNames(tokens: readonly string[]): string[] {
  const joined: string[] = []
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!
    const next = tokens[index + 1]
    const bare = next === undefined ? null : /^([^"<>@]+)(<[^<>]+>)$/.exec(next)
    if (!token.includes('@') && !/["<>]/.test(token) && bare !== null && NAME_LIKE.test(token)) {
      joined.push(`"${token.trim()}, ${bare[1]!.trim()}" ${bare[2]!}`)
      index += 1
    } else {
      joined.push(token)
    }
  }
  return joined
}

/** One spreadsheet row: each cell with an address is a recipient, named by the cells before it. */
function readRow(line: string, entries: string[], notes: RecipientNote[]): void {
  const cells = line.split('\t').map((cell) => cell.trim())
  const withAddress = cells.map((cell) => HAS_ADDRESS.test(cell))
  if (!withAddress.some(Boolean)) {
    const rest = cells.filter((cell) => cell !== '').join(' ')
    if (/[\p{L}\p{N}]/u.test(rest)) notes.push({ kind: 'ignored', text: rest })
    return
  }
  let nameCells: string[] = []
  cells.forEach((cell, index) => {
    if (!withAddress[index]) {
      if (cell !== '') nameCells.push(cell)
      return
    }
    const before = nameCells.join(' ')
    // A row with the address first (`ann@lee.com⇥Ann Lee`) takes its name from the next cell.
    const after = nameCells.length === 0 ? (cells[index + 1] ?? '') : ''
    const name = before !== '' ? before : withAddress[index + 1] ? '' : after
    nameCells = []
    if (parseMailbox(cell).ok && !/</.test(cell) && name !== '' && NAME_LIKE.test(name)) {
      readToken(`"${name.replace(/["\\]/g, '')}" <${cell}>`, entries, notes)
    } else {
      readToken(cell, entries, notes)
    }
  })
}

/** One entry: as it parses, else the addresses found in it with the words beside them as name. */
function readToken(raw: string, entries: string[], notes: RecipientNote[]): void {
  // Joiners can belong to a name; when the entry only parses without them, they go too.
  let { text: token, removed } = stripInvisible(raw, true)
  let parsed = parseMailbox(token)
  if (!parsed.ok && JOINERS.test(token)) {
    // First only from what is in angle brackets (the name keeps its joiners), then everywhere.
    const extra: string[] = []
    const inBrackets = token.replace(/<[^<>]*>/g, (part) => {
      const stripped = stripInvisible(part, false)
      extra.push(...stripped.removed)
      return stripped.text
    })
    parsed = parseMailbox(inBrackets)
    if (parsed.ok) {
      token = inBrackets
      removed = [...removed, ...extra]
    } else {
      ;({ text: token, removed } = stripInvisible(raw, false))
      parsed = parseMailbox(token)
    }
  }
  const add = (mailbox: Mailbox) => {
    entries.push(formatMailbox(mailbox))
    if (removed.length > 0)
      notes.push({ kind: 'stripped', address: mailbox.address, characters: removed })
  }
  if (parsed.ok) return add(parsed.mailbox)
  const found = [...token.matchAll(ADDRESS_IN_TEXT)].map((match) => {
    const lead = /^['`]*/.exec(match[0])![0].length
    return {
      address: match[0].slice(lead).replace(/[.-]+$/, ''),
      index: match.index,
      end: match.index + match[0].length,
    }
  })
  const usable = found.filter((match) => parseMailbox(match.address).ok)
  const strayAt = found
    .reduce((text, match) => text.replace(match.address, ''), token)
    .includes('@')
  if (usable.length === 0 || usable.length !== found.length || strayAt) {
    // No address to pull out (or one that is broken): kept as typed, so its chip says why.
    entries.push(raw.trim())
    return
  }
  let rest = ''
  let from = 0
  for (const match of usable) {
    rest += `${token.slice(from, match.index)} `
    from = match.end
  }
  rest += token.slice(from)
  const words = collapse(rest.replace(/[<>()[\]"]/g, ' ').replace(/(^|\s)[.,;:'`]+(?=\s|$)/g, ' '))
  // Words on both sides of one address are a sentence around it, not its name.
  const bare = (side: string) => side.replace(/[<>[\]"'\s]/g, '') === ''
  const oneSide =
    usable.length === 1 &&
    (bare(token.slice(0, usable[0]!.index)) ||
      bare(token.slice(usable[0]!.end)) ||
      /^[>\s]*\(.*\)\s*$/.test(token.slice(usable[0]!.end)))
  const name = oneSide && NAME_LIKE.test(words) ? words.replace(/,$/, '') : ''
  if (name === '' && words !== '') notes.push({ kind: 'ignored', text: words })
  for (const match of usable) add({ name, address: match.address })
}

/**
 * Recipients with each address once (compared by {@link addressKey}) across To, Cc and Bcc, in
 * that order: a later copy goes, and its name is kept if the first had none.
 */
export function dedupeRecipients(fields: {
  readonly to: readonly Mailbox[]
  readonly cc: readonly Mailbox[]
  readonly bcc: readonly Mailbox[]
}): { to: Mailbox[]; cc: Mailbox[]; bcc: Mailbox[] } {
  const seen = new Map<string, { list: Mailbox[]; index: number }>()
  const keep = (mailboxes: readonly Mailbox[]): Mailbox[] => {
    const list: Mailbox[] = []
    for (const mailbox of mailboxes) {
      const key = addressKey(mailbox.address)
      const first = seen.get(key)
      if (first === undefined) {
        seen.set(key, { list, index: list.length })
        list.push(mailbox)
      } else if (first.list[first.index]!.name === '' && mailbox.name !== '') {
        first.list[first.index] = { ...first.list[first.index]!, name: mailbox.name }
      }
    }
    return list
  }
  return { to: keep(fields.to), cc: keep(fields.cc), bcc: keep(fields.bcc) }
}
