import { performance } from 'node:perf_hooks'
import type { PostlineCore } from '../../src/main/core'
import type { OutboxItem } from '../../src/shared/domain'

/**
 * The outbox items an `outbox.changed` payload carries, whatever its shape: today a change
 * (`{ seq, upserted: [...], removed: [...] }`); a whole list or one item works as well, since every
 * object with an `id` and a `state` found in it (one level down) is taken as an item.
 */
export function itemsIn(payload: unknown): OutboxItem[] {
  const isItem = (value: unknown): value is OutboxItem =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { state?: unknown }).state === 'string'
  if (Array.isArray(payload)) return payload.filter(isItem)
  if (isItem(payload)) return [payload]
  if (typeof payload !== 'object' || payload === null) return []
  const found: OutboxItem[] = []
  for (const value of Object.values(payload)) {
    if (Array.isArray(value)) found.push(...value.filter(isItem))
    else if (isItem(value)) found.push(value)
  }
  return found
}

/** Bytes of a payload as JSON (a stand-in for what IPC copies to the window). */
export function payloadBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload) ?? '')
}

/**
 * Watches `outbox.changed` and notes, per item, when it was first seen past its undo window
 * (any state but `scheduled`: `queued`, `sending`, ...) and when it was first seen `sent`, in
 * `performance.now()` time. The clock of a send after the Undo window starts at the first and
 * stops at the second. It also keeps the size of every outbox event.
 */
export class OutboxClock {
  readonly ready = new Map<string, { at: number; state: string }>()
  /** Per item, when each state was first seen. */
  readonly states = new Map<string, Map<string, number>>()
  readonly sent = new Map<string, number>()
  readonly failed = new Map<string, string>()
  readonly eventBytes: number[] = []
  private readonly waiters = new Map<string, { resolve: () => void; reject: (e: Error) => void }>()
  private off: () => void = () => {}

  constructor(core: PostlineCore) {
    this.follow(core)
  }

  /**
   * Watches another core from now on (a core started again on the same folder); what was seen
   * stays. Each event is serialized once, as IPC to the window would.
   */
  follow(core: PostlineCore): void {
    this.off()
    this.off = core.on('outbox.changed', (payload) => {
      const at = performance.now()
      this.eventBytes.push(payloadBytes(payload))
      for (const item of itemsIn(payload)) this.see(item, at)
    })
  }

  private see(item: OutboxItem, at: number): void {
    const seen = this.states.get(item.id) ?? new Map<string, number>()
    if (!seen.has(item.state)) seen.set(item.state, at)
    this.states.set(item.id, seen)
    if (item.state !== 'scheduled' && !this.ready.has(item.id))
      this.ready.set(item.id, { at, state: item.state })
    if (item.state === 'sent' && !this.sent.has(item.id)) {
      this.sent.set(item.id, at)
      this.waiters.get(item.id)?.resolve()
    } else if (item.state === 'failed' || item.state === 'held' || item.state === 'unknown') {
      const why = `message ${item.state}: ${item.error?.code} ${item.error?.message}`
      this.failed.set(item.id, why)
      this.waiters.get(item.id)?.reject(new Error(why))
    }
  }

  /** Resolves once the item was seen sent; rejects when it fails, waits, or after `timeoutMs`. */
  whenSent(id: string, timeoutMs = 120_000): Promise<void> {
    if (this.sent.has(id)) return Promise.resolve()
    const failed = this.failed.get(id)
    if (failed !== undefined) return Promise.reject(new Error(failed))
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id)
        reject(new Error(`message ${id} not sent in ${timeoutMs} ms`))
      }, timeoutMs)
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(id)
      }
      this.waiters.set(id, {
        resolve: () => (done(), resolve()),
        reject: (error) => (done(), reject(error)),
      })
    })
  }

  /** Queue (past the undo window) → sent, in ms; throws if either was not seen. */
  criticalPath(id: string): number {
    const ready = this.ready.get(id)
    const sent = this.sent.get(id)
    if (ready === undefined || sent === undefined) throw new Error(`no clock for message ${id}`)
    return sent - ready.at
  }

  close(): void {
    this.off()
  }
}
