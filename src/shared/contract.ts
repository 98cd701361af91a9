import { z } from 'zod'
import type { InvokeChannel } from './channels'
import type { AccountView, SignInState } from './domain'

export { EVENT_NAMES, INVOKE_CHANNELS, ipcName } from './channels'
export type { EventName, InvokeChannel } from './channels'

const noInput = z.undefined()
const email = z.string().trim().min(3).max(320).email()
const byEmail = z.object({ email }).strict()

/**
 * The invoke channels: one line each, with the schema main parses the request with
 * and the type it answers. A new channel is one entry here plus its handler.
 */
export const invokeSchemas = {
  'accounts.list': noInput,
  'accounts.add': noInput,
  'accounts.cancelAdd': noInput,
  'accounts.setActive': byEmail,
  'accounts.signOut': byEmail,
  'accounts.reconnect': byEmail,
} as const satisfies Record<InvokeChannel, z.ZodType>

/** What each invoke channel answers when it succeeds. */
export interface InvokeResults {
  'accounts.list': AccountView[]
  'accounts.add': AccountView
  'accounts.cancelAdd': { cancelled: boolean }
  'accounts.setActive': AccountView[]
  'accounts.signOut': AccountView[]
  'accounts.reconnect': AccountView
}

/** The events main sends to the renderer. */
export interface EventPayloads {
  'accounts.changed': AccountView[]
  'signIn.state': SignInState
}

/** The parsed request of a channel. */
export type InvokeInput<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>
