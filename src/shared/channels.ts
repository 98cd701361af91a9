/**
 * The names on the wire, with no zod: the preload imports only this, so its bundle stays tiny.
 * Every name here has a schema (invoke channels) or a payload type (events) in contract.ts.
 */
export const INVOKE_CHANNELS = [
  'accounts.list',
  'accounts.add',
  'accounts.cancelAdd',
  'accounts.setActive',
  'accounts.signOut',
  'accounts.reconnect',
  'accounts.removeFromComputer',
  'accounts.openGoogleAccessPage',
  'accounts.addForSession',
  'accounts.setSenderName',
  'accounts.addSendAs',
  'accounts.removeSendAs',
  'accounts.setDefaultFrom',
  'accounts.openSendAsSettings',
  'drafts.save',
  'drafts.list',
  'drafts.get',
  'drafts.delete',
  'drafts.restore',
  'drafts.search',
  'attachments.pick',
  'attachments.addDropped',
  'attachments.remove',
  'mail.send',
  'mail.undo',
  'mail.sendLater',
  'outbox.list',
  'outbox.retry',
  'outbox.sendNow',
  'outbox.sendAgain',
  'outbox.discard',
  'outbox.openInGmail',
  'outbox.copyAsNew',
  'templates.list',
  'templates.get',
  'templates.save',
  'templates.rename',
  'templates.delete',
  'templates.attach',
  'settings.get',
  'settings.saveGoogleClient',
  'settings.clearGoogleClient',
  'app.status',
  'language.get',
  'language.set',
  'plainText.defaults',
  'plainText.setDefault',
] as const

/** The events main sends to the renderer. */
export const EVENT_NAMES = [
  'accounts.changed',
  'signIn.state',
  'drafts.changed',
  'outbox.changed',
  'send.progress',
  'language.changed',
  'menu.action',
] as const

/** The name of an invoke channel. */
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]
/** The name of an event. */
export type EventName = (typeof EVENT_NAMES)[number]

/** The IPC channel name used on the wire for an invoke channel or an event. */
export function ipcName(name: InvokeChannel | EventName): string {
  return `postline:${name}`
}
