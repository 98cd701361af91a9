import { useEffect, useState } from 'react'
import type { ListChange } from '../../shared/contract'
import type { PostlineError, Result } from '../../shared/errors'
import { callSafely } from '../call-safely'

/** A list main owns, as the window last heard it; `value` is null until the first answer. */
export interface Mirror<T> {
  readonly value: T | null
  readonly loadError: PostlineError | null
}

/** The order a mirrored list is kept in: negative when `a` comes first. */
export type Order<T> = (a: T, b: T) => number

/**
 * A list main owns, kept from its changes: the whole list is asked for once (and again when a
 * change was missed), then each `ListChange` is applied to it. Changes heard while the list is
 * being asked for are applied on top of the answer once it comes: each line ends as the last
 * change about it says, and a change is always sent after what it describes, so the result is
 * never older than the answer. A `seq` that is not the next one means a change was missed: the
 * whole list is asked for again. Plain logic, apart from React, so it is tested alone.
 */
export class ListMirror<T extends { readonly id: string }> {
  private items: readonly T[] | null = null
  private loadError: PostlineError | null = null
  private lastSeq: number | null = null
  private loading = false
  /** A change was missed while the list was being asked for: ask again once it comes. */
  private again = false
  private buffered: ListChange<T>[] = []
  private live = true

  constructor(
    private readonly load: () => Promise<Result<readonly T[]>>,
    private readonly order: Order<T>,
    private readonly publish: (mirror: Mirror<readonly T[]>) => void,
  ) {}

  /** Asks for the whole list (at start, and after a missed change). */
  reload(): void {
    if (this.loading || !this.live) return
    this.loading = true
    void callSafely(this.load).then((result) => {
      if (!this.live) return
      this.loading = false
      const buffered = this.buffered
      this.buffered = []
      if (!result.ok) {
        this.items = null
        this.loadError = result.error
      } else {
        let items: readonly T[] = [...result.value].sort(this.order)
        for (const change of buffered) items = this.applied(items, change)
        this.items = items
        this.loadError = null
      }
      this.publish({ value: this.items, loadError: this.loadError })
      if (this.again) {
        this.again = false
        this.reload()
      }
    })
  }

  /** One change from main. */
  hear(change: ListChange<T>): void {
    if (!this.live) return
    const gap = this.lastSeq !== null && change.seq !== this.lastSeq + 1
    this.lastSeq = change.seq
    if (this.loading || this.items === null || gap) {
      this.buffered.push(change)
      if (gap && this.loading) this.again = true
      else if (gap || this.items === null) this.reload()
      return
    }
    this.items = this.applied(this.items, change)
    this.publish({ value: this.items, loadError: null })
  }

  stop(): void {
    this.live = false
  }

  /** A new array with the change applied: changed lines move to where the order puts them. */
  private applied(items: readonly T[], change: ListChange<T>): readonly T[] {
    if (change.upserted.length === 0 && change.removed.length === 0) return items
    const leaving = new Set(change.removed)
    for (const item of change.upserted) leaving.add(item.id)
    const next = items.filter((item) => !leaving.has(item.id))
    for (const item of change.upserted) {
      // The first index whose line comes after this one.
      let low = 0
      let high = next.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if (this.order(next[middle]!, item) <= 0) low = middle + 1
        else high = middle
      }
      next.splice(low, 0, item)
    }
    return next
  }
}

/**
 * Mirrors state main sends whole (the accounts): one `load()` at start, then every event
 * `subscribe` delivers. An event that arrives before the first answer wins, since it is newer.
 */
export function useMirror<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  load: () => Promise<Result<T>>,
): Mirror<T> {
  const [state, setState] = useState<Mirror<T>>({ value: null, loadError: null })

  useEffect(() => {
    let live = true
    let heardEvent = false
    const unsubscribe = subscribe((value) => {
      heardEvent = true
      setState({ value, loadError: null })
    })
    void callSafely(load).then((result) => {
      if (!live || heardEvent) return
      setState(
        result.ok
          ? { value: result.value, loadError: null }
          : { value: null, loadError: result.error },
      )
    })
    return () => {
      live = false
      unsubscribe()
    }
    // Subscribing once per bridge: callers pass functions that only close over `api`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return state
}

/**
 * Mirrors a list main sends as changes (drafts, outbox): one `load()` at start, then every change
 * `subscribe` delivers (see {@link ListMirror}), kept in `order`. No polling.
 */
export function useListMirror<T extends { readonly id: string }>(
  subscribe: (listener: (change: ListChange<T>) => void) => () => void,
  load: () => Promise<Result<readonly T[]>>,
  order: Order<T>,
): Mirror<readonly T[]> {
  const [state, setState] = useState<Mirror<readonly T[]>>({ value: null, loadError: null })

  useEffect(() => {
    const mirror = new ListMirror(load, order, setState)
    const unsubscribe = subscribe((change) => mirror.hear(change))
    mirror.reload()
    return () => {
      mirror.stop()
      unsubscribe()
    }
    // Subscribing once per bridge: callers pass functions that only close over `api`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return state
}

/** Newest first by an ISO time, then by id, so the order never depends on arrival. */
export function newestFirst<T extends { readonly id: string }>(
  time: (item: T) => string,
): Order<T> {
  return (a, b) => {
    const ta = time(a)
    const tb = time(b)
    if (ta !== tb) return ta < tb ? 1 : -1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  }
}
