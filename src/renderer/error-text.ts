import type { SetAsideFile } from '../shared/domain'
import type { ErrorCode, PostlineError } from '../shared/errors'
import type { MessageParams, Translator } from '../shared/i18n/translator'
import { CATALOGS, type MessageKey } from '../shared/i18n/window-catalogs'
import { GMAIL_MAX_MESSAGE_BYTES } from '../shared/message-size'

// Every error the window shows is worded here, in the person's language, from its code and
// params (src/locales/<language>/errors.json): `errors.<code>.title` and `.advice`, the same in
// the context the person was in (`errors.<context>.<code>.…`), and `errors.detail.<detail>` for
// what main named (`params.detail`: an account, a file, a size, a folder, Google's reason).
// Main's English `message` is for the log and is never shown.

type WindowTranslator = Translator<MessageKey>

/** What the person was doing when the error came: the same code reads differently. */
export type ErrorContext = 'account' | 'draft' | 'attachment' | 'send' | 'outbox' | 'settings'

/** What the error region shows: a headline, and the detail under it. */
export interface ErrorText {
  readonly title: string
  readonly detail: string
}

/** Whether the catalogs have a message for `key` (English is the reference). */
function known(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGS.en, key)
}

/** The message for a code's `part`, in the context's words where it has its own. */
function codeKey(code: ErrorCode, part: 'title' | 'advice', context?: ErrorContext): MessageKey {
  const inContext = context ? `errors.${context}.${code}.${part}` : ''
  if (inContext !== '' && known(inContext)) return inContext
  const general = `errors.${code}.${part}`
  return known(general) ? general : `errors.internal.${part}`
}

/** A limit for people: like a size, without a trailing zero ("35 MB", "35 MB" in Portuguese too). */
function limitText(t: WindowTranslator, bytes: number): string {
  return t.bytes(bytes).replace(/[.,]0(?=\s)/, '')
}

/**
 * The params as the messages read them: sizes in the person's locale, the limit without a
 * trailing zero (Gmail's when main named none), and any param a message names but an older or
 * damaged record lacks read as empty, so a sentence never fails to render.
 */
function messageParams(t: WindowTranslator, error: PostlineError): MessageParams {
  const params = error.params ?? {}
  const prepared: Record<string, string | number> = { ...params }
  if (typeof params.size === 'number') prepared.size = t.bytes(params.size, { roundUp: true })
  prepared.limit = limitText(
    t,
    typeof params.limit === 'number' && Number.isFinite(params.limit)
      ? params.limit
      : GMAIL_MAX_MESSAGE_BYTES,
  )
  return new Proxy(prepared, {
    has: () => true,
    get: (target, name) => (typeof name === 'string' && name in target ? target[name] : ''),
  })
}

/** The sentence main's `detail` names, in the person's language, or null when there is none. */
function detailText(
  t: WindowTranslator,
  error: PostlineError,
  params: MessageParams,
): string | null {
  const detail = error.params?.detail
  if (typeof detail !== 'string') return null
  const key = `errors.detail.${detail}`
  if (!known(key)) return null
  const text = t.t(key, params)
  if (error.params?.offer === 'session-only') return `${text} ${t.t('errors.sessionOffer')}`
  // Why an address cannot be used, in the composer's words for the address parser's code.
  const problem = error.params?.problem
  const why = typeof problem === 'string' ? `composer.address.${problem}` : ''
  return why !== '' && known(why) ? `${text} ${t.t(why, params)}` : text
}

/**
 * The text for an error: a headline from its code (in the words of what the person was doing,
 * `context`), and under it the sentence main's `detail` names, else the code's advice. Null for
 * `cancelled`, which the person chose.
 */
export function errorText(
  t: WindowTranslator,
  error: PostlineError,
  context?: ErrorContext,
): ErrorText | null {
  if (error.code === 'cancelled') return null
  const params = messageParams(t, error)
  const title = t.t(codeKey(error.code, 'title', context), params)
  const detail = detailText(t, error, params)
  return {
    title,
    detail:
      detail !== null && detail !== title
        ? detail
        : t.t(codeKey(error.code, 'advice', context), params),
  }
}

/**
 * One sentence for an error shown inside something else (an outbox row's reason, a draft's
 * note, the sign-in panel): what main's `detail` names, else the code's advice.
 */
export function errorSentence(t: WindowTranslator, error: PostlineError): string {
  const params = messageParams(t, error)
  return detailText(t, error, params) ?? t.t(codeKey(error.code, 'advice'), params)
}

/** Why a file was set aside ("it is not valid JSON"), from main's reason code. */
export function setAsideReason(
  t: WindowTranslator,
  file: Pick<SetAsideFile, 'reason' | 'moved'>,
): string {
  return t.t('errors.setAside.reason', { reason: file.reason, moved: file.moved ? 'yes' : 'no' })
}
