/** Gmail's limit for a whole message, attachments included, after encoding (35 MB). */
export const GMAIL_LIMIT_BYTES = 36_700_160

/**
 * Base64 turns every 3 bytes into 4 and MIME wraps lines at 76 characters with CRLF, so an
 * attachment grows by 4/3 × 78/76 ≈ 1.37 (RFC 2045 §6.8) on its way to Gmail.
 */
const ENCODING_GROWTH = (4 / 3) * (78 / 76)

/** About how many bytes attachments take once encoded into the message. */
export function encodedSize(bytes: number): number {
  return Math.ceil(bytes * ENCODING_GROWTH)
}

/** A size for people: "812 bytes", "4.2 KB", "13.6 MB" (powers of 1024, as Gmail counts). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const units = ['KB', 'MB', 'GB'] as const
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}
