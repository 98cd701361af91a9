import type { Core } from '../core-types'
import { EVENT_NAMES, INVOKE_CHANNELS, ipcName } from '../../shared/contract'
import type { EventName } from '../../shared/contract'
import { INTERNAL_ERROR } from '../../shared/errors'
import type { PostlineError, Result } from '../../shared/errors'

/** The subset of Electron's `ipcMain` the wrapper uses; a test passes a fake with the same shape. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Where events go: the subset of the window's `webContents` the wrapper uses. */
export interface EventTargetLike {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

/** What {@link registerHandlers} wires together. */
export interface RegisterHandlersOptions<E> {
  readonly ipcMain: IpcMainLike<E>
  readonly core: Core
  /** Whether a request came from Postline's own window (see `trusted-sender.ts`). */
  readonly isTrustedSender: (event: E) => boolean
  /** The current window's `webContents`, or null while no window is open. */
  readonly eventTarget: () => EventTargetLike | null
}

/** The answer to a request from anywhere but Postline's window. */
export const UNTRUSTED_SENDER_ERROR: PostlineError = {
  code: 'invalid-input',
  message: 'Request refused: it did not come from the Postline window.',
}

/**
 * Registers one handler per invoke channel and forwards every core event to the window.
 * Each handler refuses untrusted senders before the core sees the request, hands the raw
 * argument to the core (which parses it with the contract's zod schema), and turns a throw into
 * the `internal` error. Returns the function that undoes all of it.
 */
export function registerHandlers<E>(options: RegisterHandlersOptions<E>): () => void {
  const { ipcMain, core, isTrustedSender, eventTarget } = options

  for (const channel of INVOKE_CHANNELS) {
    const handler = core.handlers[channel]
    ipcMain.handle(ipcName(channel), async (event, ...args): Promise<Result<unknown>> => {
      if (!safeIsTrusted(isTrustedSender, event))
        return { ok: false, error: UNTRUSTED_SENDER_ERROR }
      try {
        return await handler(args[0])
      } catch {
        return { ok: false, error: INTERNAL_ERROR }
      }
    })
  }

  const unsubscribers = EVENT_NAMES.map((name: EventName) =>
    core.on(name, (payload: unknown) => {
      const target = eventTarget()
      if (target && !target.isDestroyed()) target.send(ipcName(name), payload)
    }),
  )

  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(ipcName(channel))
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

/** A predicate that throws (e.g. on a destroyed frame) counts as a refusal. */
function safeIsTrusted<E>(isTrustedSender: (event: E) => boolean, event: E): boolean {
  try {
    return isTrustedSender(event) === true
  } catch {
    return false
  }
}
