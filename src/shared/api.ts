import type { Result } from './errors'
import type {
  EventName,
  EventPayloads,
  InvokeChannel,
  InvokeInput,
  InvokeResults,
} from './contract'

/** Sends one request to main; answers in the contract's result shape. */
export type Invoke = <C extends InvokeChannel>(
  channel: C,
  input: InvokeInput<C>,
) => Promise<Result<InvokeResults[C]>>

/** Subscribes to one event from main; returns the unsubscribe function. */
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
) => () => void

/** The verbs the renderer sees as `window.postline`. */
export interface PostlineApi {
  readonly accounts: {
    list(): Promise<Result<InvokeResults['accounts.list']>>
    add(): Promise<Result<InvokeResults['accounts.add']>>
    cancelAdd(): Promise<Result<InvokeResults['accounts.cancelAdd']>>
    setActive(email: string): Promise<Result<InvokeResults['accounts.setActive']>>
    signOut(email: string): Promise<Result<InvokeResults['accounts.signOut']>>
    reconnect(email: string): Promise<Result<InvokeResults['accounts.reconnect']>>
  }
  on: Subscribe
}

/**
 * Builds the verbs from a transport. The preload passes `ipcRenderer`-backed functions;
 * the e2e test bridge passes functions that reach the same core over Playwright.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): PostlineApi {
  return {
    accounts: {
      list: () => invoke('accounts.list', undefined),
      add: () => invoke('accounts.add', undefined),
      cancelAdd: () => invoke('accounts.cancelAdd', undefined),
      setActive: (email) => invoke('accounts.setActive', { email }),
      signOut: (email) => invoke('accounts.signOut', { email }),
      reconnect: (email) => invoke('accounts.reconnect', { email }),
    },
    on: subscribe,
  }
}
