export {
  /** Gmail's limit for a whole message, attachments included, after encoding (35 MB). */
  GMAIL_MAX_MESSAGE_BYTES as GMAIL_LIMIT_BYTES,
  encodedSize,
} from '../shared/message-size'

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
