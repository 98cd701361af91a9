import type { EventName, EventPayloads } from '../shared/contract'

type Listener<E extends EventName> = (payload: EventPayloads[E]) => void

/** A typed publish/subscribe hub for the contract's events; a failing listener harms no other. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (set === undefined) this.listeners.set(event, (set = new Set()))
    set.add(listener as Listener<EventName>)
    return () => set.delete(listener as Listener<EventName>)
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        console.error(
          `postline: a listener of ${event} failed:`,
          error instanceof Error ? error.message : error,
        )
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
