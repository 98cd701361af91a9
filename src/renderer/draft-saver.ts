import type { Draft, DraftFields } from '../shared/domain'
import { INTERNAL_ERROR } from '../shared/errors'
import type { PostlineError, Result } from '../shared/errors'
import { callSafely } from './call-safely'

/** Where the open draft stands, for the "Saved" line. */
export type SaveStatus =
  | { readonly phase: 'idle' }
  /** Changed, and saved once the person pauses; shown like `saving`. */
  | { readonly phase: 'pending' }
  | { readonly phase: 'saving' }
  | { readonly phase: 'saved'; readonly at: Date }
  | { readonly phase: 'failed'; readonly error: PostlineError }

/** What the saver needs from the composer and from main. */
export interface DraftSaverOptions {
  /** `drafts.save`: creates a draft when `id` is undefined. */
  save(id: string | undefined, fields: DraftFields): Promise<Result<Draft>>
  /** The composer's fields right now; read when a save starts, so the latest always wins. */
  collect(): DraftFields
  onSaved(draft: Draft): void
  onStatus(status: SaveStatus): void
  /** Quiet time after the last change before saving. */
  readonly delayMs?: number
}

/** The longest a due autosave waits for the page to be idle. */
const IDLE_WAIT_MS = 1000

/** The page's idle callbacks, absent under Node. */
interface IdleGlobals {
  requestIdleCallback?(callback: () => void, options: { timeout: number }): number
  cancelIdleCallback?(handle: number): void
}

/**
 * Autosaves the open draft: the first change creates it at once, later changes are saved
 * after a quiet spell, and at most one `drafts.save` is in flight — a change made during a
 * save is collected and saved when that one answers.
 */
export class DraftSaver {
  private draftId: string | undefined
  private dirty = false
  private timer: ReturnType<typeof setTimeout> | undefined
  /** A save waiting for the page to be idle (see `whenIdle`). */
  private idle: number | undefined
  private inFlight: Promise<void> | null = null
  /** Bumped by `start`, so an answer for an earlier draft does not change the open one. */
  private generation = 0
  private lastError: PostlineError | null = null
  private phase: SaveStatus['phase'] = 'idle'

  constructor(private readonly options: DraftSaverOptions) {}

  /** The open draft's id, once main has created it. */
  get id(): string | undefined {
    return this.draftId
  }

  /** Whether the open message has a draft, or one is being created right now. */
  get started(): boolean {
    return this.draftId !== undefined || this.inFlight !== null
  }

  /** Works on another draft (or a new message, with no id): unsaved changes are dropped. */
  start(id: string | undefined): void {
    this.generation += 1
    this.draftId = id
    this.dirty = false
    this.lastError = null
    this.clearTimer()
    this.status({ phase: 'idle' })
  }

  /** Something changed: save soon (at once when the draft does not exist yet). */
  touch(): void {
    this.dirty = true
    this.clearTimer()
    if (this.phase !== 'pending') this.status({ phase: 'pending' })
    if (this.draftId === undefined && this.inFlight === null) {
      void this.saveNow()
      return
    }
    this.timer = setTimeout(() => this.whenIdle(), this.options.delayMs ?? 800)
  }

  /**
   * After the quiet spell, the save (which serializes the body: ~20 ms for 200 KB) waits for an
   * idle moment of the page so it never sits between a keystroke and its frame; at most
   * `IDLE_WAIT_MS` later it runs anyway. Without `requestIdleCallback` (Node) it runs at once.
   */
  private whenIdle(): void {
    this.timer = undefined
    const idle = (globalThis as IdleGlobals).requestIdleCallback
    if (idle === undefined) {
      void this.saveNow()
      return
    }
    this.idle = idle(
      () => {
        this.idle = undefined
        void this.saveNow()
      },
      { timeout: IDLE_WAIT_MS },
    )
  }

  /**
   * Saves now if anything is unsaved (creating the draft if it does not exist yet) and
   * answers the draft's id, or the error that kept it from being saved.
   */
  async flush(): Promise<Result<string>> {
    if (this.draftId === undefined) this.dirty = true
    this.clearTimer()
    await this.saveNow()
    // A save for the same generation may still run if a change came while waiting.
    while (this.inFlight) await this.inFlight
    if (this.dirty || this.draftId === undefined) {
      return {
        ok: false,
        error: this.lastError ?? INTERNAL_ERROR,
      }
    }
    return { ok: true, value: this.draftId }
  }

  /** Stops the timer; used when the window goes away. */
  dispose(): void {
    this.clearTimer()
    this.generation += 1
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.idle !== undefined) (globalThis as IdleGlobals).cancelIdleCallback?.(this.idle)
    this.idle = undefined
  }

  private async saveNow(): Promise<void> {
    this.clearTimer()
    while (this.inFlight) await this.inFlight
    if (!this.dirty) return
    const generation = this.generation
    this.dirty = false
    const run = this.saveOnce(generation)
    this.inFlight = run.finally(() => {
      this.inFlight = null
    })
    await this.inFlight
  }

  private async saveOnce(generation: number): Promise<void> {
    const fields = this.options.collect()
    this.status({ phase: 'saving' })
    let result = await this.callSave(this.draftId, fields)
    // The draft was deleted elsewhere (another window, a restart): keep the text as a new one.
    if (!result.ok && result.error.code === 'not-found' && this.draftId !== undefined) {
      if (generation !== this.generation) return
      result = await this.callSave(undefined, fields)
    }
    if (generation !== this.generation) return
    if (result.ok) {
      this.draftId = result.value.id
      this.lastError = null
      this.options.onSaved(result.value)
      this.status(
        this.dirty
          ? { phase: 'pending' }
          : { phase: 'saved', at: new Date(result.value.updatedAt) },
      )
    } else {
      this.dirty = true
      this.lastError = result.error
      this.status({ phase: 'failed', error: result.error })
    }
  }

  private status(status: SaveStatus): void {
    this.phase = status.phase
    this.options.onStatus(status)
  }

  private callSave(id: string | undefined, fields: DraftFields): Promise<Result<Draft>> {
    return callSafely(() => this.options.save(id, fields))
  }
}
