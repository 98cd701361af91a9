// Gmail's size rule, in one place for main and the window: the limit, how big a message gets once
// encoded, how a size reads for people, and the sentence that says a message is too large.

/**
 * Gmail's limit for one message, counted on the encoded RFC 5322 bytes, attachments included:
 * 35 MiB (`maxSize` of `users.messages.send` in the discovery document `gmail-v1.json`).
 * The sandbox keeps its own copy (src/sandbox/google-facts.ts); a test checks they agree.
 */
export const GMAIL_MAX_MESSAGE_BYTES = 36_700_160

/** Base64 lines in MIME are at most 76 characters (RFC 2045 §6.8). */
const MIME_LINE_LENGTH = 76

/**
 * How many characters `bytes` take in base64. By default as MIME writes a part's body: padded,
 * with a CRLF between 76-character lines. `{ lines: false, padding: false }` is base64url as in
 * Gmail's JSON `raw`.
 */
export function base64Length(
  bytes: number,
  { lines = true, padding = true }: { lines?: boolean; padding?: boolean } = {},
): number {
  const characters = padding ? 4 * Math.ceil(bytes / 3) : Math.ceil((bytes * 4) / 3)
  if (!lines) return characters
  return characters + 2 * Math.max(0, Math.ceil(characters / MIME_LINE_LENGTH) - 1)
}

/**
 * About how many bytes an attachment takes in the message: its base64 body and the CRLF that
 * ends it, a growth of 4/3 × 78/76 ≈ 1.37.
 */
export function encodedSize(bytes: number): number {
  return bytes === 0 ? 0 : base64Length(bytes) + 2
}

const UNITS = ['KB', 'MB', 'GB'] as const

/** How {@link formatBytes} writes numbers and the word "bytes" in a language other than English. */
export interface ByteWords {
  /** Rounds up the last digit, so a size just over a limit never reads as the limit. */
  readonly roundUp?: boolean
  /** A number in the person's locale; `fraction` when it has one decimal. */
  readonly number?: (value: number, fraction: boolean) => string
  /** "812 bytes" in the person's language. */
  readonly byteWord?: (count: number) => string
}

/**
 * A size for people: "812 bytes", "4.2 KB", "13.6 MB", in the powers of 1024 Gmail counts in.
 * `roundUp` rounds the last digit up, so a size just over a limit never reads as the limit; the
 * translator passes the locale's number format ("4,2 MB").
 */
export function formatBytes(bytes: number, words: ByteWords = {}): string {
  const {
    roundUp = false,
    number = (value: number, fraction: boolean) => (fraction ? value.toFixed(1) : String(value)),
    byteWord = (count: number) => `${count} ${count === 1 ? 'byte' : 'bytes'}`,
  } = words
  if (bytes < 1024) return byteWord(bytes)
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const tenths = roundUp ? Math.ceil(value * 10) : Math.round(value * 10)
  return `${number(tenths / 10, true)} ${UNITS[unit]}`
}

/** A limit for people: like {@link formatBytes}, without a trailing ".0" ("35 MB"). */
export function formatLimit(bytes: number): string {
  return formatBytes(bytes).replace('.0 ', ' ')
}

/** "35 MB". */
export const GMAIL_LIMIT_TEXT = formatLimit(GMAIL_MAX_MESSAGE_BYTES)

/**
 * The English sentence that says a message is too large, for main's log: its size (`estimate`
 * when it is not built yet), the limit, and what to do. The window words the same in the
 * person's language from the error's params (`errors.detail.tooLarge*`, sizes with `t.bytes`).
 */
export function tooLargeSentence(
  size: number,
  {
    limit = GMAIL_MAX_MESSAGE_BYTES,
    estimate = false,
  }: { limit?: number; estimate?: boolean } = {},
): string {
  const measure = estimate ? 'would be about' : 'is'
  return `This message ${measure} ${formatBytes(size, { roundUp: true })}; Gmail accepts up to ${formatLimit(limit)}. Remove an attachment and send again.`
}
