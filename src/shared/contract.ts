import { z } from 'zod'
import type { AccountView, SignInState } from './domain'

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
} as const

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

/** The name of an invoke channel. */
export type InvokeChannel = keyof typeof invokeSchemas
/** The name of an event. */
export type EventName = keyof EventPayloads
/** The parsed request of a channel. */
export type InvokeInput<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>

/** Every invoke channel, for loops that register or fuzz them. */
export const INVOKE_CHANNELS = Object.keys(invokeSchemas) as InvokeChannel[]
/** Every event name, for loops that forward them. */
export const EVENT_NAMES: readonly EventName[] = ['accounts.changed', 'signIn.state']

/** The IPC channel name used on the wire for an invoke channel or an event. */
export function ipcName(name: InvokeChannel | EventName): string {
  return `postline:${name}`
}
