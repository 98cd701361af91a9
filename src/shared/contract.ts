import { z } from 'zod'
import type { InvokeChannel } from './channels'
import type {
  AccountView,
  AppStatus,
  Draft,
  DraftSummary,
  GoogleClientSettings,
  LanguageState,
  OutboxItem,
  SendProgress,
  SignInState,
  Template,
  TemplateSummary,
} from './domain'
import { CONTROL, LINE_BREAK, MAX_DISPLAY_NAME_LENGTH } from './addresses'
import { ERROR_CODES, type PostlineError } from './errors'
import { LANGUAGES, PSEUDO_LANGUAGE } from './i18n/languages'
import { isTimeZone } from './send-later'
import type { ShortcutAction } from './shortcuts'

export { EVENT_NAMES, INVOKE_CHANNELS, ipcName } from './channels'
export type { EventName, InvokeChannel } from './channels'

const noInput = z.undefined()
const email = z.string().trim().min(3).max(320).email()
const byEmail = z.object({ email }).strict()
const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
const byId = z.object({ id }).strict()
/** One typed recipient; the address itself is parsed and validated in main. */
const recipient = z.string().max(1_000)
const recipients = z.array(recipient).max(500).readonly()

/**
 * An error as main keeps it on disk (a draft's note, an outbox item's last failure): a code of
 * the closed set, the English sentence for the log, and the params the window words it from. A
 * code this version does not know (written by a newer one) reads as `internal`, never as damage.
 */
export const postlineErrorSchema: z.ZodType<PostlineError> = z.object({
  code: z.enum(ERROR_CODES).catch('internal'),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
}) as z.ZodType<PostlineError>

/** One line of text (a name), trimmed, at most `max` characters. */
function oneLine(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((text) => !LINE_BREAK.test(text) && !CONTROL.test(text), {
      message: 'A name is one line of text',
    })
}

/** Limits keep a hostile or broken window from making main hold huge strings. */
export const draftFieldsSchema = z
  .object({
    from: z.string().max(320).nullable(),
    fromAddress: z.string().max(320).nullable().optional(),
    to: recipients,
    cc: recipients,
    bcc: recipients,
    subject: z.string().max(2_000),
    html: z.string().max(5_000_000),
    text: z.string().max(5_000_000),
    lang: z.enum(LANGUAGES).optional(),
    format: z.enum(['rich', 'plain']).optional(),
  })
  .strict()

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
  /** Removes the account here after a failed sign-out; its grant is revoked once Google answers. */
  'accounts.removeFromComputer': byEmail,
  /** Opens Google's page for removing third-party access, in the person's browser. */
  'accounts.openGoogleAccessPage': noInput,
  /** Adds an account whose sign-in stays in memory for this run only (no keychain). */
  'accounts.addForSession': noInput,
  /** The name that goes into From for this account (empty: Google's name, or none). */
  'accounts.setSenderName': z
    .object({
      email,
      name: z
        .string()
        .trim()
        .max(MAX_DISPLAY_NAME_LENGTH)
        .refine((name) => !LINE_BREAK.test(name) && !CONTROL.test(name), {
          message: 'A name is one line of text',
        }),
    })
    .strict(),
  /**
   * Adds a send-as address to an account. The address is checked in main (so a bad one gets its
   * own error); `confirmed` is the person's word that Gmail has it as "Send mail as".
   */
  'accounts.addSendAs': z
    .object({
      email,
      address: z.string().max(320),
      name: oneLine(MAX_DISPLAY_NAME_LENGTH),
      replyTo: z.string().max(320),
      signature: z.string().max(4_000),
      confirmed: z.boolean(),
    })
    .strict(),
  'accounts.removeSendAs': z.object({ email, address: z.string().max(320) }).strict(),
  /** The address new messages from the account start with (null: the account's own). */
  'accounts.setDefaultFrom': z.object({ email, address: z.string().max(320).nullable() }).strict(),
  /** Opens the account's "Send mail as" settings in Gmail (the sandbox's page on the sandbox). */
  'accounts.openSendAsSettings': byEmail,
  /** Creates a draft (no id) or replaces the fields of one (its attachments are kept). */
  'drafts.save': z.object({ id: id.optional(), fields: draftFieldsSchema }).strict(),
  'drafts.list': noInput,
  'drafts.get': byId,
  'drafts.delete': byId,
  'drafts.restore': byId,
  /** The ids of drafts whose whole text holds every word of `query`, newest first. */
  'drafts.search': z.object({ query: z.string().max(500) }).strict(),
  /** Opens main's file dialog; only files chosen there are attached. */
  'attachments.pick': z.object({ draftId: id }).strict(),
  /** Paths come from the preload's `webUtils.getPathForFile` on dropped files, never from the page. */
  'attachments.addDropped': z
    .object({ draftId: id, paths: z.array(z.string().min(1).max(4_096)).min(1).max(100) })
    .strict(),
  'attachments.remove': z.object({ draftId: id, attachmentId: id }).strict(),
  'mail.send': z.object({ draftId: id }).strict(),
  'mail.undo': z.object({ outboxId: id }).strict(),
  /** Queues a draft to go at `at` (an instant in UTC), chosen in the IANA zone `zone`. */
  'mail.sendLater': z
    .object({
      draftId: id,
      at: z.string().datetime({ offset: true }),
      zone: z.string().max(100).refine(isTimeZone, { message: 'Not a time zone' }),
    })
    .strict(),
  'outbox.list': noInput,
  'outbox.retry': byId,
  /** A message waiting for its next try (queued, not on the wire) goes now. */
  'outbox.sendNow': byId,
  'outbox.sendAgain': byId,
  'outbox.discard': byId,
  /** Opens a sent message in Gmail in the browser, in its account (the sandbox's mailbox page). */
  'outbox.openInGmail': byId,
  /** A new draft with a sent message's fields and attachments. */
  'outbox.copyAsNew': byId,
  'templates.list': noInput,
  'templates.get': byId,
  /**
   * Saves the message as a new template under `name` (checked in main: not empty, not too long,
   * not taken). With `draftId`, the draft's attachments are copied into the template.
   */
  'templates.save': z
    .object({
      name: z.string().max(1_000),
      fields: z
        .object({
          subject: z.string().max(2_000),
          to: recipients,
          cc: recipients,
          bcc: recipients,
          html: z.string().max(5_000_000),
        })
        .strict(),
      draftId: id.optional(),
    })
    .strict(),
  'templates.rename': z.object({ id, name: z.string().max(1_000) }).strict(),
  'templates.delete': byId,
  /** Attaches copies of a template's files to a draft. */
  'templates.attach': z.object({ id, draftId: id }).strict(),
  'settings.get': noInput,
  'settings.saveGoogleClient': z
    .object({
      clientId: z.string().trim().min(10).max(300),
      clientSecret: z.string().trim().min(1).max(300),
    })
    .strict(),
  'settings.clearGoogleClient': noInput,
  /** Whether the data folder can be written, and what was set aside at start. */
  'app.status': noInput,
  /** The window's language: the person's choice, else the system's. */
  'language.get': noInput,
  /** Chooses the language (null: follow the system's); applies at once and is remembered. */
  'language.set': z
    .object({ language: z.enum([...LANGUAGES, PSEUDO_LANGUAGE]).nullable() })
    .strict(),
  /** The sending addresses whose new messages start in plain text. */
  'plainText.defaults': noInput,
  /** Whether new messages from a sending address (an account's or a send-as one) start plain. */
  'plainText.setDefault': z
    .object({ address: z.string().trim().min(3).max(320), plain: z.boolean() })
    .strict(),
} as const satisfies Record<InvokeChannel, z.ZodType>

/** What each invoke channel answers when it succeeds. */
export interface InvokeResults {
  'accounts.list': AccountView[]
  'accounts.add': AccountView
  'accounts.cancelAdd': { cancelled: boolean }
  'accounts.setActive': AccountView[]
  'accounts.signOut': AccountView[]
  'accounts.reconnect': AccountView
  'accounts.removeFromComputer': AccountView[]
  'accounts.openGoogleAccessPage': { opened: true }
  'accounts.addForSession': AccountView
  'accounts.setSenderName': AccountView[]
  'accounts.addSendAs': AccountView[]
  'accounts.removeSendAs': AccountView[]
  'accounts.setDefaultFrom': AccountView[]
  'accounts.openSendAsSettings': { opened: true }
  'drafts.save': Draft
  'drafts.list': DraftSummary[]
  'drafts.get': Draft
  'drafts.delete': DraftSummary[]
  /** Undo of a delete or discard: the draft as it was. */
  'drafts.restore': Draft
  'drafts.search': string[]
  /** The draft with the chosen files attached (unchanged if the dialog was cancelled). */
  'attachments.pick': Draft
  'attachments.addDropped': Draft
  'attachments.remove': Draft
  'mail.send': OutboxItem
  /** The draft, back for editing, when the undo came in time. */
  'mail.undo': Draft
  /** The scheduled item. */
  'mail.sendLater': OutboxItem
  'outbox.list': OutboxItem[]
  'outbox.retry': OutboxItem
  'outbox.sendNow': OutboxItem
  'outbox.sendAgain': OutboxItem
  'outbox.discard': OutboxItem[]
  'outbox.openInGmail': { opened: true }
  /** The new draft, and the names of attached files that are gone (not attached again). */
  'outbox.copyAsNew': { draft: Draft; missing: readonly string[] }
  'templates.list': TemplateSummary[]
  'templates.get': Template
  'templates.save': TemplateSummary
  'templates.rename': TemplateSummary[]
  'templates.delete': TemplateSummary[]
  /** The draft with the template's files attached, and the names of files that were gone. */
  'templates.attach': { draft: Draft; missing: readonly string[] }
  'settings.get': GoogleClientSettings
  /** Takes effect at the next start; the secret goes to the keychain. */
  'settings.saveGoogleClient': GoogleClientSettings
  'settings.clearGoogleClient': GoogleClientSettings
  'app.status': AppStatus
  'language.get': LanguageState
  'language.set': LanguageState
  /** The addresses in their compared form (`addressKey`), sorted. */
  'plainText.defaults': readonly string[]
  'plainText.setDefault': readonly string[]
}

/**
 * What changed in a list main owns, never the whole list: the lines added or changed, the ids
 * that left. `seq` counts the events of one name from 1, one by one; a window that sees a gap (it
 * missed one) asks for the whole list again with the list channel.
 */
export interface ListChange<T> {
  readonly seq: number
  readonly upserted: readonly T[]
  readonly removed: readonly string[]
}

/** A composer action chosen in main's menus; the window checks `action` against SHORTCUT_ACTIONS. */
export interface MenuAction {
  readonly action: ShortcutAction
}

/** The events main sends to the renderer. */
export interface EventPayloads {
  'accounts.changed': AccountView[]
  'signIn.state': SignInState
  'drafts.changed': ListChange<DraftSummary>
  'outbox.changed': ListChange<OutboxItem>
  'send.progress': SendProgress
  'language.changed': LanguageState
  /** A click in main's menus (Message ▸ …, Help ▸ Keyboard shortcuts): the window runs the action. */
  'menu.action': MenuAction
}

/** The parsed request of a channel. */
export type InvokeInput<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>
