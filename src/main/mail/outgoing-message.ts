import { dedupeRecipients, parseMailbox } from '../../shared/addresses'
import { fromName, type AccountRecord } from '../accounts/registry'
import { PostlineFailure } from '../errors'
import { requireSendAs } from '../accounts/send-as'
import type { DraftRecord } from '../store/drafts-store'
import { createMessageId } from './message-builder'
import type { Mailbox, OutgoingMessage } from './types'

/**
 * What a draft becomes when it is sent from an account: recipients parsed and checked (any
 * invalid one refuses the whole message), a Message-ID and Date set by Postline.
 */
export function outgoingFromDraft(
  draft: DraftRecord,
  account: AccountRecord,
  date: Date,
): OutgoingMessage {
  // Each address once across To, Cc and Bcc, whatever an older window let into the draft.
  const { to, cc, bcc } = dedupeRecipients({
    to: parseField(draft.fields.to, 'To'),
    cc: parseField(draft.fields.cc, 'Cc'),
    bcc: parseField(draft.fields.bcc, 'Bcc'),
  })
  if (to.length + cc.length + bcc.length === 0) {
    throw new PostlineFailure('invalid-address', 'Add at least one recipient.', {
      detail: 'noRecipient',
    })
  }
  const sendAs =
    draft.fields.fromAddress === undefined || draft.fields.fromAddress === null
      ? null
      : requireSendAs(account, draft.fields.fromAddress)
  return {
    // A send-as address with no name of its own carries the account's, as Gmail does.
    from:
      sendAs === null
        ? { name: fromName(account), address: account.email }
        : { name: sendAs.name || fromName(account), address: sendAs.address },
    ...(sendAs?.replyTo !== undefined ? { replyTo: { name: '', address: sendAs.replyTo } } : {}),
    to,
    cc,
    bcc,
    subject: draft.fields.subject,
    html: draft.fields.html,
    text: draft.fields.text,
    ...(draft.fields.format === 'plain' ? { format: 'plain' as const } : {}),
    attachments: draft.attachments.map(({ path, name, mimeType, fingerprint }) => ({
      path,
      name,
      mimeType,
      fingerprint,
    })),
    messageId: createMessageId(account.email),
    date,
  }
}

function parseField(entries: readonly string[], field: 'To' | 'Cc' | 'Bcc'): Mailbox[] {
  return entries.map((entry) => {
    const parsed = parseMailbox(entry)
    if (!parsed.ok) {
      throw new PostlineFailure(
        'invalid-address',
        `“${entry.slice(0, 80)}” in ${field}: ${parsed.reason}`,
        {
          detail: 'badRecipient',
          entry: entry.slice(0, 80),
          field: field.toLowerCase(),
          problem: parsed.problem.code,
          ...parsed.problem.params,
        },
      )
    }
    return parsed.mailbox
  })
}
