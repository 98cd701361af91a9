import type { DisplayLanguage, Language } from './i18n/languages'
import type { PostlineError } from './errors'

/** Whether an account can be used, or needs the person to sign in again. */
export type AccountStatus = 'connected' | 'needs-reconnect'

/**
 * Another address an account sends as (Gmail's "Send mail as"), added by hand: Postline cannot
 * read Gmail's list without a restricted scope. `confirmedAt` records the person's word that the
 * address is set up (and verified) in Gmail; without it Gmail would put the account's own address
 * in From.
 */
export interface SendAsAddress {
  readonly address: string
  /** The name in From; empty: the account's own name. */
  readonly name: string
  /** Reply-To for messages from this address; absent: none. */
  readonly replyTo?: string
  /** Its own signature (plain text lines, like an account's); empty: none. */
  readonly signature: string
  readonly confirmedAt: string
}

/** What the renderer may know about an account: never a token. */
export interface AccountView {
  readonly email: string
  /** The name Google shares (only with the `profile` scope); empty when it shared none. */
  readonly name: string
  /** The name the person typed for From, when they did; it wins over `name`. */
  readonly senderName?: string
  /** Its send-as addresses; absent or empty: none. */
  readonly sendAs?: readonly SendAsAddress[]
  /** The send-as address new messages from this account start with; absent: its own. */
  readonly defaultFrom?: string
  readonly addedAt: string
  readonly status: AccountStatus
  readonly active: boolean
  /** Set for an account kept in memory for this run only: gone, and its grant revoked, at close. */
  readonly sessionOnly?: true
}

/** Where the sign-in flow stands, for the window's "Continue in your browser" state. */
export type SignInState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'waiting-for-browser'; readonly reconnectEmail: string | null }
  | { readonly phase: 'finishing' }

/** An attachment as the window sees it: never the file's path, which stays in main. */
export interface AttachmentView {
  readonly id: string
  readonly name: string
  readonly size: number
  readonly mimeType: string
}

/**
 * A draft as the window edits it. Recipients are the text the person typed, one entry per
 * address (`"Name, Jr." <a@b.c>` or `a@b.c`); main parses and validates them before queueing.
 */
export interface DraftFields {
  /** The sending account's address, or null for the active account. */
  readonly from: string | null
  /**
   * The send-as address of that account the message goes from; absent or null: the account's
   * own address. The message still goes through the account's sign-in.
   */
  readonly fromAddress?: string | null
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  readonly subject: string
  /** The body as HTML from the editor; main sanitises nothing away that the person can see. */
  readonly html: string
  /** The plain-text alternative; generated from the HTML when empty. */
  readonly text: string
  /**
   * The language the message is written in (spelling is checked in it). Left out, a new draft
   * takes the window's language and a saved one keeps its own.
   */
  readonly lang?: Language
  /** Rich text (HTML) or plain text (sent as format=flowed text only). Left out: rich. */
  readonly format?: MessageFormat
}

/** How a message is written and sent: rich text (HTML and its text), or plain text only. */
export type MessageFormat = 'rich' | 'plain'

/** A saved draft. */
export interface Draft extends DraftFields {
  /** Always set: drafts saved before languages existed read as the window's language. */
  readonly lang: Language
  /** Always set: drafts saved before the plain-text composer read as rich text. */
  readonly format: MessageFormat
  readonly id: string
  readonly attachments: readonly AttachmentView[]
  readonly updatedAt: string
  /** Set while the draft's message sits in the outbox; such drafts are not listed as drafts. */
  readonly outboxId: string | null
  /** Why the draft came back from the outbox (for example its account was signed out). */
  readonly note: PostlineError | null
}

/** One line of the drafts list. */
export interface DraftSummary {
  readonly id: string
  readonly subject: string
  readonly to: readonly string[]
  /** The account it goes from; null follows the active account. */
  readonly from: string | null
  /** The start of the body's own text (no signature), whitespace collapsed; see `SNIPPET_LENGTH`. */
  readonly snippet: string
  readonly updatedAt: string
  /** Why the draft came back from the outbox, if it did (until it is next saved). */
  readonly note: PostlineError | null
}

/** How many characters of a draft's body its list line keeps. */
export const SNIPPET_LENGTH = 140

/** Marks the signature block in a body's HTML (the editor's, the stored draft's). */
export const SIGNATURE_ATTRIBUTE = 'data-postline-signature'

/**
 * Where a message stands. `scheduled`: waiting out the undo delay, or for the time the person
 * chose (`later`); `overdue`: its chosen time passed while Postline was not running (or the clock
 * jumped past it), so it waits for the person's Send now or Edit; `queued`: waiting to be sent
 * (or to retry); `sending`: on the wire; `sent`; `failed`: Google refused it for good;
 * `unknown`: the connection broke after the message left, so it may have been sent;
 * `held`: its account needs reconnecting.
 */
export type OutboxState =
  'scheduled' | 'overdue' | 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'held'

/** When the person chose to send a message: the instant in UTC and the IANA zone it was chosen in. */
export interface SendLater {
  /** ISO 8601 in UTC; this instant rules, whatever the clock's zone does afterwards. */
  readonly at: string
  /** The zone the person was in when choosing (`Europe/Lisbon`), to word the time as chosen. */
  readonly zone: string
}

/** A message in the outbox, as the window sees it. */
export interface OutboxItem {
  readonly id: string
  readonly draftId: string
  /** The account that sends it. */
  readonly from: string
  /** The send-as address in From, when not the account's own. */
  readonly fromAddress?: string
  readonly to: readonly string[]
  readonly subject: string
  /** Size of the whole encoded message in bytes. */
  readonly size: number
  readonly state: OutboxState
  readonly createdAt: string
  /** When it may be sent (end of the undo delay, the chosen time, or the next retry). */
  readonly sendAfter: string | null
  /** Set when the person chose a time to send it (Send later). */
  readonly later?: SendLater
  readonly attempts: number
  readonly sentAt: string | null
  /**
   * What went wrong, for `failed`, `unknown`, `held` and retries: a code and the params the
   * window words it from (Google's own reason among them); `message` is English, for the log.
   */
  readonly error: PostlineError | null
}

/** Upload progress of one message. */
export interface SendProgress {
  readonly outboxId: string
  readonly sentBytes: number
  readonly totalBytes: number
}

/** The Google client the app uses, as the window may see it (the secret never crosses). */
export interface GoogleClientSettings {
  readonly mode: 'sandbox' | 'google'
  readonly clientId: string | null
  readonly hasSecret: boolean
  /** Where the client came from. */
  readonly source: 'environment' | 'settings' | 'none'
}

/**
 * Why a file was set aside, as a code the window words: not JSON, not the expected fields, a name
 * that does not match its content, unreadable (with `errno` when known), a file where a folder
 * belongs.
 */
export type SetAsideReason = 'notJson' | 'wrongFields' | 'wrongName' | 'unreadable' | 'notAFolder'

/** A damaged file Postline set aside at start (renamed next to the original), and why. */
export interface SetAsideFile {
  /** What it held: a draft, an outbox item, the account list, the settings. */
  readonly kind: 'draft' | 'outbox' | 'accounts' | 'settings' | 'template'
  /** Where it is now (where it was, when it could not be moved). */
  readonly path: string
  readonly reason: SetAsideReason
  /** The errno code, when it could not be read. */
  readonly errno?: string
  /** False when it could not be moved (a read-only folder): it stays where it was, unloaded. */
  readonly moved: boolean
}

/** What the window shows in its banner: a read-only data folder, damaged files set aside. */
export interface AppStatus {
  /** Set when the data folder cannot be written: Postline shows what it has and changes nothing. */
  readonly readOnly: { readonly folder: string; readonly code: string } | null
  readonly setAside: readonly SetAsideFile[]
}

/** The window's language: what the person chose (null: follow the system), and what is in use. */
export interface LanguageState {
  readonly chosen: DisplayLanguage | null
  /** The system's preferred languages, matched to one Postline speaks. */
  readonly system: Language
  /** `chosen ?? system`. */
  readonly active: DisplayLanguage
}

/** The longest name a template may have (characters). */
export const MAX_TEMPLATE_NAME_LENGTH = 100

/** What a template fills in: subject, recipients and body (the signature is the From account's). */
export interface TemplateFields {
  readonly subject: string
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  /** The body's own HTML, without the signature block. */
  readonly html: string
}

/** One line of the templates list: everything but the body. */
export interface TemplateSummary {
  readonly id: string
  readonly name: string
  readonly subject: string
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  /** Copies kept with the template (the files it had when saved). */
  readonly attachments: readonly AttachmentView[]
  readonly updatedAt: string
}

/** A whole template, as the composer inserts it. */
export interface Template extends TemplateSummary {
  readonly html: string
}
