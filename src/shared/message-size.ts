/**
 * Gmail's limit for one message, counted on the encoded RFC 5322 bytes, attachments included:
 * 35 MiB (`maxSize` of `users.messages.send` in the discovery document `gmail-v1.json`).
 */
export const GMAIL_MAX_MESSAGE_BYTES = 36_700_160

/**
 * About how many bytes an attachment takes once encoded: base64 turns every 3 bytes into 4 and
 * MIME adds a CRLF every 76 characters, a growth of 4/3 × 78/76 ≈ 1.37 (RFC 2045 §6.8).
 */
export function encodedSize(bytes: number): number {
  return Math.ceil((Math.ceil(bytes / 3) * 4 * 78) / 76)
}
