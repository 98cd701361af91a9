import { addressKey } from '../../shared/addresses'
import type { Draft, OutboxItem, SendLater } from '../../shared/domain'
import { isLate, laterProblem, LATER_CHECK_MS } from '../../shared/send-later'
import { systemTicker, type Ticker } from '../clock'
import type { PostlineError } from '../../shared/errors'
import type { AccountService } from '../accounts/account-service'
import type { AccountRegistry } from '../accounts/registry'
import { PostlineFailure, toPostlineError } from '../errors'
import type { EventHub } from '../event-hub'
import { diskFailure } from '../store/disk-errors'
import type { FileSystem } from '../store/file-system'
import type { DraftRecord, DraftsStore } from '../store/drafts-store'
import { newRecordId } from '../store/record-id'
import { permissionHeldError } from './gmail-errors'
import { checkBuildable, writeMessage, type WrittenMessage } from './message-builder'
import { outgoingFromDraft } from './outgoing-message'
import { KEEP_BUILT_UP_TO, outboxView, type OutboxRecord, type OutboxStore } from './outbox-store'
import { classifySendFailure, type SendFailure } from './send-failure'
import type { MailTransport, OutgoingMessage } from './types'

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
  /** Looks for due scheduled messages every few seconds (tests tick a test clock instead). */
  readonly ticker?: Ticker
  readonly random?: () => number
  readonly fs?: FileSystem
  /** Where failures nobody asked about (a recovery step, a late write) go: the log. */
  readonly report?: (what: string, error: unknown) => void
}

/**
 * How long a build behind the Undo window waits before it starts, so that it does not compete
 * with the answer to Send and the window's toast for the CPU (the window is seconds long).
 */
const BUILD_START_DELAY_MS = 30
/** Sent messages waiting to be tidied after which tidying no longer waits for a quiet queue. */
const TIDY_AT_MOST = 100

/** States from which a message can still be taken back without it having left. */
const NOT_LEFT = new Set<OutboxRecord['state']>(['scheduled', 'overdue', 'queued', 'held'])

/**
 * From a draft to Gmail: validates and builds the message, keeps it in the outbox through
 * every state (scheduled → queued → sending → sent | failed | unknown | held), retries what
 * may be retried, and never sends a message twice on its own.
 *
 * The promises it keeps (see README, "Sending, and what happens when things go wrong"):
 * - once the request that may deliver a message has left, the only outcomes are `sent` and
 *   `unknown`; a failure to record `sent` leaves it `unknown` (the record on disk says `sending`,
 *   which every start reads as `unknown`);
 * - state changes on disk first; changes of one draft, and of one outbox item, run one at a time
 *   on the current record (locks are always taken draft first, then item);
 * - a draft belongs to the outbox item its `outboxId` names only while that item exists, so an
 *   undo or discard cut short leaves an editable draft, never a hidden one.
 */
export class SendService {
  private readonly timing: SendTiming
  private readonly now: () => Date
  private readonly random: () => number
  private readonly inFlight = new Map<string, { done: Promise<void>; stop: AbortController }>()
  /** Items being taken back (Undo, Discard, sign-out): none of their builds starts again. */
  private readonly takingBack = new Set<string>()
  /** Messages being built behind their Undo window (an Undo stops the build first). */
  private readonly building = new Map<string, { done: Promise<void>; stop: AbortController }>()
  /** Problems not recorded on disk (the disk refused to record them): shown, retried later. */
  private readonly deferred = new Map<string, { until: number; error: PostlineError }>()
  /** Sent items an `outbox.changed` event has shown as sent (only those are pruned). */
  private readonly announcedSent = new Set<string>()
  /** What the window was last told of each item: its record and the problem shown with it. */
  private readonly announced = new Map<
    string,
    { record: OutboxRecord; problem: PostlineError | undefined }
  >()
  private outboxSeq = 0
  /** Accounts being signed out: none of their messages starts meanwhile. */
  private readonly withdrawing = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private closed = false
  /** Stops the ticker that looks for due scheduled messages (started by `recover`). */
  private stopTicking: (() => void) | undefined
  /** Scheduled items being marked overdue (one write each). */
  private readonly markingLate = new Set<string>()
  /** Sent messages whose draft and built file have not gone yet (see tidyWhenQuiet). */
  private readonly untidy: { readonly id: string; readonly draftId: string }[] = []
  private tidying: Promise<void> | null = null

  constructor(private readonly options: SendServiceOptions) {
    this.timing = { ...DEFAULT_SEND_TIMING, ...options.timing }
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    options.drafts.ownedWhen((draft) => {
      const item = draft.outboxId === null ? undefined : options.outbox.find(draft.outboxId)
      return item !== undefined && item.draftId === draft.id
    })
    options.events.on('accounts.changed', (accounts) => {
      for (const account of accounts)
        if (account.status === 'connected') void this.release(account.email)
    })
  }

  /**
   * After a start: links between drafts and outbox items are repaired in both directions, a
   * message found on the wire may have been sent (so it is not resent on its own), sent
   * messages' drafts and built files go. A step the disk refuses is reported and skipped.
   */
  async recover(): Promise<void> {
    const { drafts, outbox } = this.options
    for (const draft of drafts.all()) {
      if (draft.outboxId !== null && !drafts.owned(draft)) await this.releaseDraft(draft.id)
    }
    for (const item of outbox.all()) {
      await this.quietly('repairing the outbox', () => this.recoverItem(item))
    }
    // Sent items found at start were shown as sent in an earlier run.
    for (const item of outbox.all()) if (item.state === 'sent') this.announcedSent.add(item.id)
    await this.quietly('pruning sent history', () => this.pruneHistory())
    this.changed(true)
    this.schedule()
    // Scheduled messages are found by looking often against the wall clock, never by one long
    // timer (which neither follows a clock change or a sleep nor waits past 24.8 days).
    if (!this.closed && this.stopTicking === undefined)
      this.stopTicking = (this.options.ticker ?? systemTicker).every(LATER_CHECK_MS, () =>
        this.schedule(),
      )
  }

  /** Looks for due scheduled messages now (after the computer wakes, and on the ticker). */
  checkDue(): void {
    this.schedule()
  }

  /** When the next scheduled message is due, and how many wait for a time (the quit question). */
  nextScheduled(): { at: string; count: number } | null {
    const times = this.options.outbox
      .all()
      .flatMap((item) => (item.state === 'scheduled' && item.later ? [item.later.at] : []))
      .sort((a, b) => Date.parse(a) - Date.parse(b))
    return times[0] === undefined ? null : { at: times[0], count: times.length }
  }

  private async recoverItem(item: OutboxRecord): Promise<void> {
    const { drafts, outbox } = this.options
    const draft = drafts.find(item.draftId)
    if (item.state === 'sent') {
      if (draft !== undefined && draft.outboxId === item.id) await drafts.forget(draft.id)
      await outbox.removeMessage(item.id)
      return
    }
    if (draft !== undefined && draft.outboxId !== item.id) {
      // The draft is not this item's: a queue that never committed, or an undo or discard cut
      // short. A message that may have left stays, and takes its draft back if it is free.
      if (item.state === 'sending' || item.state === 'unknown') {
        if (!drafts.owned(draft)) {
          await drafts.change(draft.id, ({ current, write }) =>
            current ? write({ ...current, outboxId: item.id }) : undefined,
          )
        }
      } else {
        await outbox.remove(item.id)
        return
      }
    }
    if (item.state === 'sending') {
      await outbox.update(item.id, (current) => ({
        ...current,
        state: 'unknown',
        error: {
          code: 'offline',
          message:
            'Postline stopped while this message was being sent, so it may have been sent. Check your Sent folder, then send it again or discard it.',
          params: { detail: 'stoppedWhileSending' },
        },
      }))
    }
  }

  list(): OutboxItem[] {
    return this.options.outbox.views().map((view) => {
      const problem = this.deferred.get(view.id)
      return problem === undefined ? view : { ...view, error: problem.error }
    })
  }

  /**
   * Queues a draft. Idempotent: a draft already in the outbox answers its item, so two Sends
   * make one message. What can be refused at once is (recipients, headers, attachments gone, a
   * size certainly over the limit); then, with an Undo window, the item is recorded `scheduled`
   * and answered at once, and the message is built behind the window (`sha256` stays empty until
   * it is): an Undo meanwhile stops the build, a build that fails leaves the item `failed` with
   * the reason. Without an Undo window the message is built before the item is recorded.
   */
  async send(draftId: string, later?: SendLater): Promise<OutboxItem> {
    const { drafts, outbox, registry } = this.options
    let toBuild: OutgoingMessage | null = null
    if (later !== undefined) later = checkLater(later, this.now().getTime())
    const queued = await drafts.change(draftId, async ({ current, write }) => {
      if (current === undefined)
        throw new PostlineFailure('not-found', 'That draft no longer exists.', {
          detail: 'draftGone',
        })
      if (drafts.owned(current)) return outbox.get(current.outboxId!)
      const fromEmail = current.fields.from ?? registry.activeEmail()
      const account = fromEmail === null ? undefined : registry.find(fromEmail)
      if (account === undefined)
        throw new PostlineFailure('not-found', 'Choose an account to send from.', {
          detail: 'noAccount',
        })
      const message = outgoingFromDraft(current, account, this.now())
      const id = newRecordId()
      const undo = this.timing.undoDelayMs
      const estimate = await checkBuildable(message)
      // A scheduled message is built when its time comes (its Date is then), checked now.
      const built = undo > 0 || later !== undefined ? null : await this.build(message, id)
      const held = account.status === 'needs-reconnect'
      const record: OutboxRecord = {
        version: 1,
        id,
        draftId,
        from: account.email,
        // The send-as address in From, so the outbox and the sent list show which one went.
        ...(message.from.address !== account.email ? { fromAddress: message.from.address } : {}),
        to: [...message.to, ...message.cc, ...message.bcc].map((mailbox) => mailbox.address),
        subject: current.fields.subject,
        size: built?.size ?? estimate,
        state:
          later !== undefined ? 'scheduled' : held ? 'held' : undo > 0 ? 'scheduled' : 'queued',
        createdAt: message.date.toISOString(),
        sendAfter:
          later !== undefined
            ? later.at
            : !held && undo > 0
              ? new Date(this.now().getTime() + undo).toISOString()
              : null,
        ...(later !== undefined ? { later } : {}),
        attempts: 0,
        sentAt: null,
        error: held && later === undefined ? reconnectError(account.email) : null,
        messageId: message.messageId,
        sha256: built?.sha256 ?? '',
        gmailId: null,
        copy: {
          fields: { ...current.fields, from: account.email },
          attachmentPaths: current.attachments.map((attachment) => attachment.path),
        },
      }
      // The draft names the item first; the item's record, once written, is what commits the
      // queue (a draft naming an item that does not exist is still an editable draft).
      try {
        await write({ ...current, outboxId: id, note: null })
      } catch (error) {
        await outbox.removeMessage(id)
        throw error
      }
      try {
        const item = await outbox.change(id, ({ write: writeItem }) => writeItem(record))
        if (built === null && later === undefined) toBuild = message
        return item
      } catch (error) {
        await outbox.removeMessage(id)
        await write({ ...current, outboxId: null }).catch(() => {})
        throw error
      }
    })
    if (toBuild !== null) this.startBuild(queued.id, toBuild)
    this.changed(true)
    this.schedule()
    return outboxView(queued)
  }

  /** Builds an item's message into its `.eml`; a disk failure says the draft is kept. */
  private async build(
    message: OutgoingMessage,
    id: string,
    signal?: AbortSignal,
  ): Promise<WrittenMessage> {
    const { outbox, fs } = this.options
    const built = await writeMessage(message, outbox.emlPath(id), {
      ...(fs ? { fs } : {}),
      ...(signal ? { signal } : {}),
      keepBytesUpTo: KEEP_BUILT_UP_TO,
    }).catch((error: unknown) => {
      throw diskFailure(error, outbox.folder, 'draftNotSent')
    })
    // Kept beside its file, so the send reads nothing from disk (a third of a small message's
    // send on loopback); the record's sha256 says whether they are still its message's.
    outbox.keepBuilt(id, built)
    return built
  }

  /** Builds an item's message behind its Undo window; schedules it once built. */
  private startBuild(id: string, message: OutgoingMessage | null): void {
    if (this.building.has(id) || this.closed || this.takingBack.has(id)) return
    const stop = new AbortController()
    const done = this.buildItem(id, message, stop.signal)
      .catch((error: unknown) => this.report('building a message', error))
      .finally(() => {
        this.building.delete(id)
        this.schedule()
      })
    this.building.set(id, { done, stop })
  }

  /** Waits for every build under way (benchmarks and tests: the Undo window has room for it). */
  async buildsDone(): Promise<void> {
    while (this.building.size > 0)
      await Promise.allSettled([...this.building.values()].map((running) => running.done))
  }

  /** Waits until sent messages' drafts and built files have gone (benchmarks and tests). */
  async tidied(): Promise<void> {
    while (this.tidying !== null) await this.tidying
  }

  /** Stops an item's build, if one runs, and waits until it left nothing behind. */
  private async stopBuild(id: string): Promise<void> {
    const running = this.building.get(id)
    if (running === undefined) return
    running.stop.abort()
    await running.done
  }

  private async buildItem(
    id: string,
    given: OutgoingMessage | null,
    signal: AbortSignal,
  ): Promise<void> {
    const { outbox } = this.options
    // The answer to Send (which shows the Undo toast) goes out before the build takes the CPU.
    await new Promise((resolve) => setTimeout(resolve, BUILD_START_DELAY_MS))
    if (signal.aborted) return
    let built: WrittenMessage
    try {
      const message = given ?? (await this.messageOf(outbox.get(id)))
      built = await this.build(message, id, signal)
    } catch (error) {
      if (signal.aborted) return
      await this.recordBuildFailure(id, error)
      return
    }
    if (signal.aborted) {
      await outbox.removeMessage(id)
      return
    }
    const recorded = await outbox
      .change(id, ({ current, write }) =>
        current === undefined
          ? null
          : write({ ...current, size: built.size, sha256: built.sha256 }),
      )
      .catch((error: unknown) => {
        // The record still says "not built": the message is built again at its turn.
        this.report('recording a built message', error)
        return undefined
      })
    if (recorded === null) await outbox.removeMessage(id)
    else if (recorded !== undefined) this.changed()
  }

  /**
   * A build that failed (an attachment changed, the message too large, the disk full): the item
   * is `failed` with the reason, so Retry builds it again and Discard takes it back to Drafts.
   */
  private async recordBuildFailure(id: string, error: unknown): Promise<void> {
    const { outbox } = this.options
    const shaped = toPostlineError(error)
    const failure = {
      code: shaped.code,
      message: shaped.message,
      ...(shaped.params ? { params: shaped.params } : {}),
    }
    this.report('building a message', error)
    await outbox.removeMessage(id)
    try {
      await outbox.change(id, ({ current, write }) =>
        current === undefined || current.sha256 !== '' || !NOT_LEFT.has(current.state)
          ? undefined
          : write({ ...current, state: 'failed', sendAfter: null, error: failure }),
      )
    } catch (writeError) {
      // Not recorded: shown now, and the build is tried again after a backoff.
      this.defer(id, writeError)
      return
    }
    this.changed()
  }

  /** An item's message, again from its draft (after a restart, or a Retry of a failed build). */
  private async messageOf(item: OutboxRecord): Promise<OutgoingMessage> {
    const { drafts, registry } = this.options
    const draft = await drafts.read(item.draftId)
    const account = registry.find(item.from)
    if (account === undefined)
      throw new PostlineFailure('not-found', 'Choose an account to send from.', {
        detail: 'noAccount',
      })
    // A scheduled message is dated when it goes, not when it was scheduled.
    const date = item.later === undefined ? new Date(item.createdAt) : this.now()
    return {
      ...outgoingFromDraft(draft, account, date),
      messageId: item.messageId,
    }
  }

  /** Takes a message that has not left back into its draft. */
  async undo(outboxId: string): Promise<Draft> {
    const item = this.options.outbox.get(outboxId)
    await this.takeBack(item, (current) => {
      if (!NOT_LEFT.has(current.state)) {
        throw new PostlineFailure(
          'busy',
          current.state === 'sent'
            ? 'Too late to undo: the message was sent.'
            : 'Too late to undo: the message is on its way.',
          { detail: current.state === 'sent' ? 'undoTooLateSent' : 'undoTooLate' },
        )
      }
    })
    this.changed(true)
    return this.options.drafts.view(await this.options.drafts.read(item.draftId))
  }

  /** Tries a failed or waiting message again now. */
  async retry(id: string): Promise<OutboxItem> {
    return this.requeue(id, (item) => {
      if (item.state === 'unknown') {
        throw new PostlineFailure(
          'busy',
          'This message may have been sent already. Check your Sent folder, then choose Send again.',
          { detail: 'mayHaveBeenSent' },
        )
      }
      if (item.state !== 'failed' && item.state !== 'queued' && item.state !== 'held') {
        throw new PostlineFailure('busy', 'This message is not waiting to be retried.', {
          detail: 'notWaiting',
        })
      }
    })
  }

  /**
   * A message waiting for its next try goes now instead. Only a queued message: one on the wire
   * (or whose fate is unknown) is never started again by this, so it cannot go out twice.
   */
  async sendNow(id: string): Promise<OutboxItem> {
    return this.requeue(id, (item) => {
      const chosenTime =
        (item.state === 'scheduled' && item.later !== undefined) || item.state === 'overdue'
      if (item.state !== 'queued' && !chosenTime) {
        throw new PostlineFailure(
          'busy',
          item.state === 'sending'
            ? 'This message is being sent right now.'
            : 'This message is not waiting for its next try.',
          { detail: item.state === 'sending' ? 'beingSent' : 'notWaiting' },
        )
      }
    })
  }

  /** Sends a message whose fate is unknown once more, because the person said so. */
  async sendAgain(id: string): Promise<OutboxItem> {
    return this.requeue(id, (item) => {
      if (item.state !== 'unknown') {
        throw new PostlineFailure(
          'busy',
          'Only a message that may not have been sent can be sent again.',
          { detail: 'sendAgainOnlyUnknown' },
        )
      }
    })
  }

  /** Removes a message from the outbox; an unsent one goes back to the drafts. */
  async discard(id: string): Promise<OutboxItem[]> {
    const item = this.options.outbox.get(id)
    await this.takeBack(item, (current) => {
      if (current.state === 'sending') {
        throw new PostlineFailure('busy', 'This message is being sent right now; wait a moment.', {
          detail: 'beingSent',
        })
      }
    })
    this.changed(true)
    return this.list()
  }

  /**
   * Before an account is signed out or removed: every message of it that has not been sent
   * leaves the outbox (one on the wire is stopped first) and goes back to the drafts with a note.
   */
  async withdrawAccount(email: string): Promise<void> {
    const key = addressKey(email)
    const mine = () =>
      this.options.outbox
        .all()
        .filter((item) => item.state !== 'sent' && addressKey(item.from) === key)
    this.withdrawing.add(key)
    try {
      for (const item of mine()) {
        const running = this.inFlight.get(item.id)
        if (running === undefined) continue
        running.stop.abort()
        await running.done
      }
      for (const item of mine()) {
        const mayHaveLeft = item.state === 'unknown' || item.state === 'sending'
        await this.takeBack(
          item,
          (current) => {
            if (current.state === 'sending' && this.inFlight.has(current.id))
              throw new PostlineFailure(
                'busy',
                'A message of this account is being sent right now.',
                { detail: 'accountSending' },
              )
          },
          {
            code: 'cancelled',
            message: mayHaveLeft
              ? `This message was being sent from ${email} when that account was signed out, so it may have been sent. Check its Sent folder before you send it again.`
              : `This message was waiting to be sent from ${email}, which was signed out. Choose an account and send it again.`,
            params: {
              detail: mayHaveLeft ? 'withdrawnMaybeSent' : 'withdrawn',
              email,
              mayHaveBeenSent: mayHaveLeft ? 1 : 0,
            },
          },
        )
      }
    } finally {
      this.withdrawing.delete(key)
    }
    this.changed(true)
  }

  /** Stops scheduling and waits for messages on the wire. */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.stopTicking?.()
    for (const running of this.building.values()) running.stop.abort()
    await Promise.allSettled(
      [...this.inFlight.values(), ...this.building.values()].map((running) => running.done),
    )
    this.tidyWhenQuiet()
    await this.tidying
    await this.options.outbox.flush()
  }

  /**
   * Undo, discard and withdraw: the item goes first (after that it cannot be sent), then the
   * draft is released (if that write fails, the draft names an item that no longer exists and
   * reads as editable anyway; the next start clears the name).
   */
  private async takeBack(
    item: OutboxRecord,
    allowed: (current: OutboxRecord) => void,
    note: PostlineError | null = null,
  ): Promise<void> {
    this.takingBack.add(item.id)
    try {
      await this.takeBackNow(item, allowed, note)
    } finally {
      this.takingBack.delete(item.id)
    }
  }

  private async takeBackNow(
    item: OutboxRecord,
    allowed: (current: OutboxRecord) => void,
    note: PostlineError | null,
  ): Promise<void> {
    const { drafts, outbox } = this.options
    await drafts.change(item.draftId, async (draft) => {
      // A build behind the Undo window stops first (it needs the item's lock to finish) and
      // leaves no file; only messages that have not left are ever being built.
      await this.stopBuild(item.id)
      await outbox.change(item.id, async ({ current, remove }) => {
        if (current === undefined)
          throw new PostlineFailure('not-found', 'That message is no longer in the outbox.', {
            detail: 'messageGone',
          })
        allowed(current)
        await remove()
      })
      this.deferred.delete(item.id)
      // Listed again even if releasing it below fails (it names an item that no longer exists).
      drafts.touch(item.draftId)
      await outbox.removeMessage(item.id)
      if (draft.current?.outboxId !== item.id) return
      if (item.state === 'sent') {
        // Sent, and its draft not tidied yet (sends were in flight): it goes now, with its item,
        // instead of showing again among the drafts.
        await draft.remove().catch((error: unknown) => this.report('removing a sent draft', error))
        return
      }
      await draft
        .write({ ...draft.current, outboxId: null, ...(note ? { note } : {}) })
        .catch((error: unknown) => this.report('releasing a draft', error))
    })
  }

  private async requeue(id: string, allowed: (item: OutboxRecord) => void): Promise<OutboxItem> {
    const record = await this.options.outbox.update(id, (current) => {
      allowed(current)
      return { ...current, state: 'queued', sendAfter: null, error: null }
    })
    this.deferred.delete(id)
    this.changed()
    this.schedule()
    return outboxView(record)
  }

  /** Held messages of an account that was reconnected go out. */
  private async release(email: string): Promise<void> {
    const held = this.options.outbox
      .all()
      .filter((item) => item.state === 'held' && item.from === email)
    for (const item of held) {
      await this.quietly('releasing a held message', () =>
        this.options.outbox.update(item.id, (current) =>
          current.state === 'held'
            ? { ...current, state: 'queued', sendAfter: null, error: null }
            : current,
        ),
      )
    }
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
      if (this.inFlight.has(item.id) || this.withdrawing.has(addressKey(item.from))) continue
      if (item.state === 'scheduled' && item.later !== undefined) {
        // The stored instant rules. Past it by more than the grace (Postline was closed, the
        // computer slept, the clock jumped): the person is asked, nothing goes out late.
        const at = Date.parse(item.later.at)
        if (isLate(item.later.at, now)) {
          this.markLate(item.id)
          continue
        }
        if (at > now) {
          if (at - now <= LATER_CHECK_MS) next = Math.min(next, at)
          continue
        }
      }
      if (item.sha256 === '') {
        // Not built yet (behind its Undo window, or again after a restart or a failed build):
        // built first, never sent as it is.
        const wait = this.deferred.get(item.id)?.until ?? now
        if (wait <= now) this.startBuild(item.id, null)
        else next = Math.min(next, wait)
        continue
      }
      const due = Math.max(
        item.sendAfter === null ? now : Date.parse(item.sendAfter),
        this.deferred.get(item.id)?.until ?? now,
      )
      if (due > now) {
        next = Math.min(next, due)
        continue
      }
      if (this.inFlight.size >= this.timing.concurrency) return
      const stop = new AbortController()
      const done = this.attempt(item.id, stop.signal)
        .catch((error: unknown) => this.report('sending', error))
        .finally(() => {
          this.inFlight.delete(item.id)
          this.tidyWhenQuiet()
          this.schedule()
        })
      this.inFlight.set(item.id, { done, stop })
    }
    if (next !== Number.POSITIVE_INFINITY) {
      this.timer = setTimeout(() => this.schedule(), Math.max(0, next - now))
      this.timer.unref?.()
    }
  }

  private async attempt(id: string, signal: AbortSignal): Promise<void> {
    const { outbox, accounts, transport, events } = this.options
    let item: OutboxRecord | null | 'late'
    try {
      item = await outbox.change(id, async ({ current, write }) => {
        if (current === undefined || (current.state !== 'queued' && current.state !== 'scheduled'))
          return null
        if (current.sha256 === '') return null
        if (this.withdrawing.has(addressKey(current.from))) return null
        if (current.state === 'scheduled' && current.later !== undefined) {
          // Checked again under the item's lock, against the clock as it is now.
          const now = this.now().getTime()
          if (Date.parse(current.later.at) > now) return null
          if (isLate(current.later.at, now)) {
            await write({ ...current, state: 'overdue' })
            return 'late'
          }
        }
        return write({ ...current, state: 'sending', attempts: current.attempts + 1, error: null })
      })
    } catch (error) {
      // Nothing left: the disk would not record that it was about to. Try again later.
      this.defer(id, error)
      return
    }
    if (item === 'late') this.changed()
    if (item === null || item === 'late') return
    this.deferred.delete(id)
    this.changed()
    let failure: SendFailure
    try {
      const client = await accounts.authorizedClient(item.from)
      const sent = await transport.send({
        client,
        emlPath: outbox.emlPath(id),
        bytes: outbox.builtBytes(item),
        size: item.size,
        signal,
        onProgress: (sentBytes, totalBytes) =>
          events.emit('send.progress', { outboxId: id, sentBytes, totalBytes }),
      })
      accounts.googleAnswered()
      await this.recordSent(item, sent.id)
      return
    } catch (error) {
      failure = classifySendFailure(error)
    }
    await this.recordFailure(item, failure)
  }

  private async recordSent(item: OutboxRecord, gmailId: string): Promise<void> {
    const { outbox } = this.options
    try {
      await outbox.update(item.id, (current) => ({
        ...current,
        state: 'sent',
        sentAt: this.now().toISOString(),
        gmailId,
        sendAfter: null,
        error: null,
      }))
    } catch (error) {
      this.assumeUnknown(
        item,
        error,
        'Gmail accepted this message, but Postline could not record that it was sent.',
        'sentNotRecorded',
      )
      return
    }
    // The oldest sent items past the history go first (each was already shown as sent), so one
    // event tells the window both and the list never holds more than the history.
    await this.quietly('pruning sent history', () => this.pruneHistory())
    this.changed(true)
    // Its draft and built file go once no send is in flight: their disk work would queue with
    // the syncs of the sends still going (Node's four disk threads). Measured twenty at once:
    // 1.2x the floor instead of 1.4x. A crash first leaves them to the next start (recoverItem).
    this.untidy.push({ id: item.id, draftId: item.draftId })
  }

  /**
   * Tidies after sent messages when no send is in flight, or once {@link TIDY_AT_MOST} wait
   * (a queue that never empties still keeps its history capped).
   */
  private tidyWhenQuiet(): void {
    if (this.tidying !== null || this.untidy.length === 0) return
    if (this.inFlight.size > 0 && this.untidy.length < TIDY_AT_MOST && !this.closed) return
    this.tidying = this.tidy().finally(() => {
      this.tidying = null
      this.tidyWhenQuiet()
    })
  }

  /** Sent messages' drafts and built files go (and history that waited for them). */
  private async tidy(): Promise<void> {
    const { drafts, outbox } = this.options
    // Each stays listed until its draft is gone, so pruning (which may run meanwhile) skips it.
    for (let item = this.untidy[0]; item !== undefined; item = this.untidy[0]) {
      const { id, draftId } = item
      await this.quietly('removing a sent draft', () => drafts.forget(draftId))
      await outbox.removeMessage(id)
      this.untidy.shift()
    }
    await this.quietly('pruning sent history', () => this.pruneHistory())
    this.changed(true)
  }

  private async recordFailure(item: OutboxRecord, failure: SendFailure): Promise<void> {
    const { outbox } = this.options
    const error = {
      code: failure.code,
      message: failure.message,
      ...(failure.params ? { params: failure.params } : {}),
    }
    let next: Partial<OutboxRecord>
    switch (failure.kind) {
      case 'retryable': {
        const backoff = Math.min(
          this.timing.maxBackoffMs,
          this.timing.baseBackoffMs * 2 ** (item.attempts - 1),
        )
        // Full jitter between half and all of the backoff, so many clients do not retry in step.
        const wait = Math.max(backoff * (0.5 + this.random() / 2), failure.retryAfterMs ?? 0)
        next = {
          state: 'queued',
          sendAfter: new Date(this.now().getTime() + wait).toISOString(),
          error,
        }
        break
      }
      case 'unknown':
        next = { state: 'unknown', error }
        break
      case 'auth':
        next = {
          state: 'held',
          error:
            failure.code === 'insufficient-permission'
              ? permissionHeldError(item.from)
              : reconnectError(item.from),
        }
        break
      case 'permanent':
        next = { state: 'failed', error }
        break
    }
    try {
      await outbox.update(item.id, (current) => ({ ...current, ...next }))
    } catch (writeError) {
      this.assumeUnknown(
        item,
        writeError,
        'Postline could not record what happened to this message.',
        'outcomeNotRecorded',
      )
      return
    }
    // A missing permission is not a dead sign-in: the account stays connected.
    if (failure.kind === 'auth' && failure.code !== 'insufficient-permission')
      await this.quietly('marking an account', () =>
        this.options.accounts.markNeedsReconnect(item.from),
      )
    this.changed()
  }

  /**
   * The outcome of an attempt could not be written: the record on disk still says `sending`,
   * which every start reads as "may have been sent". The window is told the same now, with the
   * disk's reason, and nothing sends it again unless the person chooses Send again.
   */
  private assumeUnknown(
    item: OutboxRecord,
    error: unknown,
    lead: string,
    detail: 'sentNotRecorded' | 'outcomeNotRecorded',
  ): void {
    const disk = toPostlineError(diskFailure(error, this.options.outbox.folder, 'nothing'))
    this.report('recording an outcome', error)
    this.options.outbox.markUnknownInMemory(item.id, {
      code: disk.code,
      message: `${lead} It may have been sent: check your Sent folder before you send it again. (${disk.message.trim()})`,
      params: { ...disk.params, detail },
    })
    this.changed()
  }

  /** A scheduled message whose time passed by more than the grace waits for the person. */
  private markLate(id: string): void {
    if (this.markingLate.has(id)) return
    this.markingLate.add(id)
    void this.options.outbox
      .change(id, ({ current, write }) =>
        current?.state === 'scheduled' &&
        current.later !== undefined &&
        isLate(current.later.at, this.now().getTime())
          ? write({ ...current, state: 'overdue' })
          : undefined,
      )
      .then(
        () => this.changed(),
        (error: unknown) => this.report('marking a late message', error),
      )
      .finally(() => this.markingLate.delete(id))
  }

  /** The disk refused to record the start of an attempt: nothing left; retry after a backoff. */
  private defer(id: string, error: unknown): void {
    const shaped = toPostlineError(diskFailure(error, this.options.outbox.folder, 'outboxWaits'))
    this.report('starting a send', error)
    this.deferred.set(id, {
      until: this.now().getTime() + this.timing.baseBackoffMs,
      error: shaped,
    })
    this.changed()
  }

  /**
   * Sent items past the history go, while running too, so the outbox stays small however long
   * the day. Only items the window has been told are sent go, none vanishes before it showed as
   * sent, and only once their draft has gone. Answers how many went.
   */
  private async pruneHistory(): Promise<number> {
    let pruned = 0
    const untidy = new Set(this.untidy.map((item) => item.id))
    for (const item of this.options.outbox.pastHistory()) {
      // Its draft has not gone yet: without its item it would show again among the drafts.
      if (!this.announcedSent.has(item.id) || untidy.has(item.id)) continue
      await this.options.outbox.remove(item.id)
      this.announcedSent.delete(item.id)
      pruned += 1
    }
    return pruned
  }

  /** At start: a draft naming an outbox item that no longer exists is editable again. */
  private async releaseDraft(draftId: string): Promise<void> {
    await this.quietly('repairing a draft', () =>
      this.options.drafts.change(draftId, ({ current, write }) =>
        current === undefined || current.outboxId === null
          ? undefined
          : write({ ...current, outboxId: null }),
      ),
    )
  }

  private async quietly(what: string, step: () => Promise<unknown>): Promise<void> {
    try {
      await step()
    } catch (error) {
      this.report(what, error)
    }
  }

  private report(what: string, error: unknown): void {
    this.options.report?.(what, error)
  }

  /**
   * Tells the window what changed in the outbox since it was last told (items whose record or
   * shown problem is not the one last announced, ids that left), and, with `draftsToo`, in the
   * drafts list. Nothing is sent when nothing changed.
   */
  private changed(draftsToo = false): void {
    const upserted: OutboxItem[] = []
    const removed: string[] = []
    const seen = new Set<string>()
    for (const record of this.options.outbox.unordered()) {
      seen.add(record.id)
      const problem = this.deferred.get(record.id)?.error
      const last = this.announced.get(record.id)
      if (last !== undefined && last.record === record && last.problem === problem) continue
      this.announced.set(record.id, { record, problem })
      const view = outboxView(record)
      upserted.push(problem === undefined ? view : { ...view, error: problem })
      if (record.state === 'sent') this.announcedSent.add(record.id)
    }
    for (const id of this.announced.keys()) {
      if (seen.has(id)) continue
      this.announced.delete(id)
      removed.push(id)
    }
    if (upserted.length > 0 || removed.length > 0) {
      this.outboxSeq += 1
      this.options.events.emit('outbox.changed', { seq: this.outboxSeq, upserted, removed })
    }
    const drafts = draftsToo ? this.options.drafts.takeChanges() : null
    if (drafts !== null) this.options.events.emit('drafts.changed', drafts)
  }
}

/** A chosen time as stored (UTC, normalised), or the reason it cannot be used. */
function checkLater(later: SendLater, now: number): SendLater {
  const at = Date.parse(later.at)
  const problem = laterProblem(at, now)
  if (problem === 'past')
    throw new PostlineFailure('invalid-input', 'That time has already passed.', {
      detail: 'laterInPast',
    })
  if (problem === 'tooFar')
    throw new PostlineFailure('invalid-input', 'That time is more than a year away.', {
      detail: 'laterTooFar',
    })
  return { at: new Date(at).toISOString(), zone: later.zone }
}

function reconnectError(email: string): PostlineError {
  return {
    code: 'needs-reconnect',
    message: `Reconnect ${email}; this message goes out as soon as you do.`,
    params: { detail: 'heldForReconnect', email },
  }
}

export type { DraftRecord }
