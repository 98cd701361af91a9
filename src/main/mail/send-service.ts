import type { Draft, OutboxItem } from '../../shared/domain'
import type { AccountService } from '../accounts/account-service'
import type { AccountRegistry } from '../accounts/registry'
import { PostlineFailure } from '../errors'
import type { EventHub } from '../event-hub'
import { draftView, newId, type DraftsStore } from '../store/drafts-store'
import { writeMessage } from './message-builder'
import { outgoingFromDraft } from './outgoing-message'
import { outboxView, type OutboxRecord, type OutboxStore } from './outbox-store'
import { classifySendFailure } from './send-failure'
import type { MailTransport } from './types'

/** Timing of the outbox; tests shorten it. */
export interface SendTiming {
  /** How long Undo is offered after Send; 0 sends at once. */
  readonly undoDelayMs: number
  /** First retry delay; doubled per attempt, with jitter, up to `maxBackoffMs`. */
  readonly baseBackoffMs: number
  readonly maxBackoffMs: number
  /** Messages on the wire at once. */
  readonly concurrency: number
}

/** The defaults: 5 s to undo, retries from 2 s up to 10 minutes. */
export const DEFAULT_SEND_TIMING: SendTiming = {
  undoDelayMs: 5_000,
  baseBackoffMs: 2_000,
  maxBackoffMs: 10 * 60_000,
  concurrency: 4,
}

/** Collaborators of the send service. */
export interface SendServiceOptions {
  readonly drafts: DraftsStore
  readonly outbox: OutboxStore
  readonly accounts: AccountService
  readonly registry: AccountRegistry
  readonly transport: MailTransport
  readonly events: EventHub
  readonly timing?: Partial<SendTiming>
  readonly now?: () => Date
  readonly random?: () => number
}

/**
 * From a draft to Gmail: validates and builds the message, keeps it in the outbox through
 * every state (scheduled → queued → sending → sent | failed | unknown | held), retries what
 * may be retried, and never sends a message twice on its own.
 */
export class SendService {
  private readonly timing: SendTiming
  private readonly now: () => Date
  private readonly random: () => number
  private readonly inFlight = new Map<string, Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(private readonly options: SendServiceOptions) {
    this.timing = { ...DEFAULT_SEND_TIMING, ...options.timing }
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    options.events.on('accounts.changed', (accounts) => {
      for (const account of accounts)
        if (account.status === 'connected') void this.release(account.email)
    })
  }

  /** After a start: a message found on the wire may have been sent, so it is not resent on its own. */
  async recover(): Promise<void> {
    for (const item of this.options.outbox.all()) {
      // A crash between queueing and marking the draft: the draft still belongs to this message.
      const draft = this.options.drafts.find(item.draftId)
      if (item.state !== 'sent' && draft !== undefined && draft.outboxId !== item.id) {
        await this.options.drafts.setOutbox(item.draftId, item.id)
      }
      // A crash between "sent" and deleting the draft: the draft has done its job.
      if (item.state === 'sent' && draft !== undefined)
        await this.options.drafts.delete(item.draftId)
      if (item.state !== 'sending') continue
      await this.options.outbox.update(item.id, {
        state: 'unknown',
        error: {
          code: 'offline',
          message:
            'Postline stopped while this message was being sent, so it may have been sent. Check your Sent folder, then send it again or discard it.',
        },
      })
    }
    await this.options.outbox.pruneSent()
    this.changed()
    this.schedule()
  }

  list(): OutboxItem[] {
    return this.options.outbox.views()
  }

  /** Queues a draft: checks and builds the message before anything is sent. */
  async send(draftId: string): Promise<OutboxItem> {
    const { drafts, outbox, registry } = this.options
    const draft = drafts.get(draftId)
    if (draft.outboxId !== null)
      throw new PostlineFailure('busy', 'This message is already in the outbox.')
    const fromEmail = draft.fields.from ?? registry.activeEmail()
    const account = fromEmail === null ? undefined : registry.find(fromEmail)
    if (account === undefined)
      throw new PostlineFailure('not-found', 'Choose an account to send from.')
    const message = outgoingFromDraft(draft, account, this.now())
    const id = newId()
    const built = await writeMessage(message, outbox.emlPath(id))
    const undo = this.timing.undoDelayMs
    const record = await outbox.put({
      version: 1,
      id,
      draftId,
      from: account.email,
      to: [...message.to, ...message.cc, ...message.bcc].map((mailbox) => mailbox.address),
      subject: draft.fields.subject,
      size: built.size,
      state: account.status === 'needs-reconnect' ? 'held' : undo > 0 ? 'scheduled' : 'queued',
      createdAt: this.now().toISOString(),
      sendAfter: undo > 0 ? new Date(this.now().getTime() + undo).toISOString() : null,
      attempts: 0,
      sentAt: null,
      error: account.status === 'needs-reconnect' ? reconnectError(account.email) : null,
      messageId: message.messageId,
      sha256: built.sha256,
      gmailId: null,
    })
    await drafts.setOutbox(draftId, id)
    this.changed(true)
    this.schedule()
    return outboxView(record)
  }

  /** Takes a scheduled message back into its draft, if the undo came in time. */
  async undo(outboxId: string): Promise<Draft> {
    const item = this.options.outbox.get(outboxId)
    if (item.state !== 'scheduled' && item.state !== 'held' && item.state !== 'queued') {
      throw new PostlineFailure(
        'busy',
        item.state === 'sent'
          ? 'Too late to undo: the message was sent.'
          : 'Too late to undo: the message is on its way.',
      )
    }
    await this.options.outbox.remove(outboxId)
    const draft = await this.options.drafts.setOutbox(item.draftId, null)
    this.changed(true)
    return draftView(draft)
  }

  /** Tries a failed or waiting message again now. */
  async retry(id: string): Promise<OutboxItem> {
    const item = this.options.outbox.get(id)
    if (item.state === 'unknown') {
      throw new PostlineFailure(
        'busy',
        'This message may have been sent already. Check your Sent folder, then choose Send again.',
      )
    }
    if (item.state !== 'failed' && item.state !== 'queued' && item.state !== 'held') {
      throw new PostlineFailure('busy', 'This message is not waiting to be retried.')
    }
    return this.requeue(id)
  }

  /** Sends a message whose fate is unknown once more, because the person said so. */
  async sendAgain(id: string): Promise<OutboxItem> {
    if (this.options.outbox.get(id).state !== 'unknown') {
      throw new PostlineFailure(
        'busy',
        'Only a message that may not have been sent can be sent again.',
      )
    }
    return this.requeue(id)
  }

  /** Removes a message from the outbox; an unsent one goes back to the drafts. */
  async discard(id: string): Promise<OutboxItem[]> {
    const item = this.options.outbox.get(id)
    // The state in memory turns to `sending` in the same tick an attempt starts, so it is enough.
    if (item.state === 'sending') {
      throw new PostlineFailure('busy', 'This message is being sent right now; wait a moment.')
    }
    await this.options.outbox.remove(id)
    if (item.state !== 'sent') {
      const draft = this.options.drafts.find(item.draftId)
      if (draft !== undefined) await this.options.drafts.setOutbox(item.draftId, null)
    }
    this.changed(true)
    return this.list()
  }

  /** Stops scheduling and waits for messages on the wire. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    await Promise.allSettled(this.inFlight.values())
    await this.options.outbox.flush()
  }

  private async requeue(id: string): Promise<OutboxItem> {
    const record = await this.options.outbox.update(id, {
      state: 'queued',
      sendAfter: null,
      error: null,
    })
    this.changed()
    this.schedule()
    return outboxView(record)
  }

  /** Held messages of an account that was reconnected go out. */
  private async release(email: string): Promise<void> {
    const held = this.options.outbox
      .all()
      .filter((item) => item.state === 'held' && item.from === email)
    for (const item of held)
      await this.options.outbox.update(item.id, { state: 'queued', sendAfter: null, error: null })
    if (held.length > 0) {
      this.changed()
      this.schedule()
    }
  }

  /** Starts every due message (up to the concurrency) and sets a timer for the next one. */
  private schedule(): void {
    if (this.closed) return
    clearTimeout(this.timer)
    const now = this.now().getTime()
    let next = Number.POSITIVE_INFINITY
    for (const item of this.options.outbox.all()) {
      if (item.state !== 'queued' && item.state !== 'scheduled') continue
      if (this.inFlight.has(item.id)) continue
      const due = item.sendAfter === null ? now : Date.parse(item.sendAfter)
      if (due > now) {
        next = Math.min(next, due)
        continue
      }
      if (this.inFlight.size >= this.timing.concurrency) return
      const attempt = this.attempt(item.id).finally(() => {
        this.inFlight.delete(item.id)
        this.schedule()
      })
      this.inFlight.set(item.id, attempt)
    }
    if (next !== Number.POSITIVE_INFINITY) {
      this.timer = setTimeout(() => this.schedule(), Math.max(0, next - now))
      this.timer.unref?.()
    }
  }

  private async attempt(id: string): Promise<void> {
    const { outbox, accounts, transport, events } = this.options
    let item = await outbox.update(id, {
      state: 'sending',
      attempts: outbox.get(id).attempts + 1,
      error: null,
    })
    this.changed()
    try {
      const client = await accounts.authorizedClient(item.from)
      const sent = await transport.send({
        client,
        emlPath: outbox.emlPath(id),
        size: item.size,
        onProgress: (sentBytes, totalBytes) =>
          events.emit('send.progress', { outboxId: id, sentBytes, totalBytes }),
      })
      item = await outbox.update(id, {
        state: 'sent',
        sentAt: this.now().toISOString(),
        gmailId: sent.id,
        sendAfter: null,
      })
      await this.options.drafts.delete(item.draftId).catch(() => {})
      await outbox.sent(id)
      this.changed(true)
    } catch (error) {
      await this.failed(item, error)
    }
  }

  private async failed(item: OutboxRecord, error: unknown): Promise<void> {
    const failure = classifySendFailure(error)
    const { outbox } = this.options
    switch (failure.kind) {
      case 'retryable': {
        const backoff = Math.min(
          this.timing.maxBackoffMs,
          this.timing.baseBackoffMs * 2 ** (item.attempts - 1),
        )
        // Full jitter between half and all of the backoff, so many clients do not retry in step.
        const wait = Math.max(backoff * (0.5 + this.random() / 2), failure.retryAfterMs ?? 0)
        await outbox.update(item.id, {
          state: 'queued',
          sendAfter: new Date(this.now().getTime() + wait).toISOString(),
          error: { code: failure.code, message: failure.message },
        })
        break
      }
      case 'unknown':
        await outbox.update(item.id, {
          state: 'unknown',
          error: { code: failure.code, message: failure.message },
        })
        break
      case 'auth':
        await outbox.update(item.id, { state: 'held', error: reconnectError(item.from) })
        await this.options.accounts.markNeedsReconnect(item.from)
        break
      case 'permanent':
        await outbox.update(item.id, {
          state: 'failed',
          error: { code: failure.code, message: failure.message },
        })
        break
    }
    this.changed()
  }

  private changed(draftsToo = false): void {
    this.options.events.emit('outbox.changed', this.list())
    if (draftsToo) this.options.events.emit('drafts.changed', this.options.drafts.list())
  }
}

function reconnectError(email: string) {
  return {
    code: 'needs-reconnect',
    message: `Reconnect ${email}; this message goes out as soon as you do.`,
  }
}
