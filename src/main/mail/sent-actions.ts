import type { Draft } from '../../shared/domain'
import { GMAIL_MAX_MESSAGE_BYTES } from '../../shared/message-size'
import { PostlineFailure } from '../errors'
import { checkExternalUrl } from '../external-url'
import type { Logger } from '../log'
import type { DraftsStore } from '../store/drafts-store'
import type { OutboxRecord, OutboxStore } from './outbox-store'

/** Gmail's web app, where a message is shown by the id the API answered. */
export const GMAIL_WEB_URL = 'https://mail.google.com/mail/'
/** The sandbox's page of what its Gmail received (`#message-<id>` is one message there). */
export const SANDBOX_MAILBOX_PAGE = '/_sandbox/mailbox.html'

/**
 * Where a sent message is shown in the browser: Gmail, in the sending account (`authuser` picks
 * it among the accounts signed in to the browser), at the id Gmail answered; on the sandbox,
 * its mailbox page at that message.
 */
export function sentMessageUrl(
  backend: { readonly mode: 'sandbox' | 'google'; readonly gmailRootUrl: string },
  email: string,
  gmailId: string,
): string {
  if (backend.mode === 'sandbox') {
    const url = new URL(SANDBOX_MAILBOX_PAGE, backend.gmailRootUrl)
    url.hash = `message-${gmailId}`
    return url.href
  }
  const url = new URL(GMAIL_WEB_URL)
  url.searchParams.set('authuser', email)
  url.hash = `all/${encodeURIComponent(gmailId)}`
  return url.href
}

export interface SentActionsOptions {
  readonly mode: 'sandbox' | 'google'
  readonly gmailRootUrl: string
  readonly outbox: OutboxStore
  readonly drafts: DraftsStore
  readonly openExternal: (url: string) => Promise<void>
  readonly log: Logger
}

/** What a copy of a sent message became: the new draft, and the files that could not come along. */
export interface CopiedMessage {
  readonly draft: Draft
  /** Names of attached files that are no longer there (or no longer files) to attach again. */
  readonly missing: readonly string[]
}

/** Open in Gmail and Copy as new message, for a sent outbox item. */
export class SentActions {
  constructor(private readonly options: SentActionsOptions) {}

  async openInGmail(id: string): Promise<{ opened: true }> {
    const item = this.sentItem(id)
    if (item.gmailId === null) throw notSent()
    const url = sentMessageUrl(this.options, item.from, item.gmailId)
    const origin = new URL(this.options.gmailRootUrl).origin
    const checked = checkExternalUrl(url, {
      httpOrigins: this.options.mode === 'sandbox' ? [origin] : [],
    })
    if (!checked.ok) {
      this.options.log.warn('Refused to open a sent message', {
        scheme: checked.scheme,
        reason: checked.reason,
      })
      throw new PostlineFailure('invalid-input', 'Postline could not open that link.', {
        detail: 'refusedUrl',
      })
    }
    try {
      await this.options.openExternal(checked.href) // eng-disable OPEN_EXTERNAL_JS_CHECK
    } catch {
      throw new PostlineFailure(
        'browser-unavailable',
        `Postline could not open your browser. Visit ${checked.href} to see the message.`,
        { detail: 'browserForMessage', url: checked.href },
      )
    }
    return { opened: true }
  }

  /**
   * A new draft with the sent message's From, recipients, subject, body and attached files
   * (attached again, so each is checked and fingerprinted as it is now). A file that is gone is
   * named in the answer; the rest of the copy is kept.
   */
  async copyAsNew(id: string): Promise<CopiedMessage> {
    const item = this.sentItem(id)
    if (item.copy === undefined) {
      throw new PostlineFailure(
        'not-found',
        'Postline did not keep what this message said, so it cannot copy it.',
        { detail: 'copyNotKept' },
      )
    }
    const { drafts } = this.options
    let draft = await drafts.save(undefined, item.copy.fields)
    const missing: string[] = []
    for (const path of item.copy.attachmentPaths) {
      try {
        draft = await drafts.addAttachments(draft.id, [path], GMAIL_MAX_MESSAGE_BYTES)
      } catch (error) {
        if (!(error instanceof PostlineFailure)) throw error
        missing.push(path.split(/[\\/]/).pop() ?? path)
      }
    }
    return { draft: drafts.view(draft), missing }
  }

  private sentItem(id: string): OutboxRecord {
    const item = this.options.outbox.get(id)
    if (item.state !== 'sent') throw notSent()
    return item
  }
}

function notSent(): PostlineFailure {
  return new PostlineFailure('not-found', 'That message has not been sent.', {
    detail: 'notSentYet',
  })
}
