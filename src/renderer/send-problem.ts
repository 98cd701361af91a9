import { parseMailbox } from '../shared/addresses'
import type { AttachmentView } from '../shared/domain'
import type { PostlineError } from '../shared/errors'
import { encodedSize, GMAIL_MAX_MESSAGE_BYTES, tooLargeSentence } from '../shared/message-size'

/** What the window checks before asking main to send (main checks all of it again). */
export interface Sendable {
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  readonly attachments: readonly AttachmentView[]
}

/**
 * The first reason this message cannot be sent as it is, or null: a code and the params the
 * error region words it from (error-text.ts); `message` is English, for a developer's eye only.
 */
export function sendProblem(message: Sendable): PostlineError | null {
  const fields = [
    ['to', message.to],
    ['cc', message.cc],
    ['bcc', message.bcc],
  ] as const
  if (fields.every(([, entries]) => entries.length === 0)) {
    return {
      code: 'invalid-address',
      message: 'Add at least one recipient in To, Cc or Bcc.',
      params: { detail: 'noRecipient' },
    }
  }
  for (const [field, entries] of fields) {
    for (const entry of entries) {
      const parsed = parseMailbox(entry)
      if (!parsed.ok) {
        return {
          code: 'invalid-address',
          message: `Fix or remove “${entry}” in ${field}: ${parsed.reason}`,
          // Why, as the address parser's code and the values its sentence needs (max, char).
          params: {
            detail: 'badRecipient',
            entry,
            field,
            problem: parsed.problem.code,
            ...parsed.problem.params,
          },
        }
      }
    }
  }
  const encoded = encodedSize(attachmentBytes(message.attachments))
  if (encoded > GMAIL_MAX_MESSAGE_BYTES) {
    return {
      code: 'too-large',
      message: tooLargeSentence(encoded, { estimate: true }),
      params: { detail: 'tooLargeEstimate', size: encoded, limit: GMAIL_MAX_MESSAGE_BYTES },
    }
  }
  return null
}

/** The attachments' size on disk. */
export function attachmentBytes(attachments: readonly AttachmentView[]): number {
  return attachments.reduce((total, attachment) => total + attachment.size, 0)
}
