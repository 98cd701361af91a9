import type { ErrorCode, PostlineError } from '../shared/errors'

/** A short headline and a sentence of advice for one error code. */
interface Wording {
  readonly title: string
  readonly advice: string
}

/** The words for every code that may cross IPC. */
const WORDING: Record<ErrorCode, Wording> = {
  'invalid-input': {
    title: 'Postline could not understand that request.',
    advice: 'Please try again. If it keeps happening, restart Postline.',
  },
  'needs-reconnect': {
    title: 'This account needs to be reconnected.',
    advice: 'Google no longer accepts Postline’s access. Reconnect to keep sending from it.',
  },
  'keychain-unavailable': {
    title: 'Postline can’t reach the system keychain.',
    advice: 'Unlock your keychain (or start your desktop’s keyring service) and try again.',
  },
  'access-denied': {
    title: 'Google didn’t give Postline access.',
    advice: 'Nothing was added. Press Add Google account and choose Allow to try again.',
  },
  'scope-not-granted': {
    title: 'Postline wasn’t allowed to send email.',
    advice: 'Try again and leave “Send email on your behalf” ticked on Google’s page.',
  },
  'account-mismatch': {
    title: 'That was a different Google account.',
    advice: 'Nothing was changed. Reconnect again and choose the account you are reconnecting.',
  },
  timeout: {
    title: 'Signing in took too long.',
    advice: 'Postline stopped waiting for your browser. Try again when you are ready.',
  },
  cancelled: { title: 'Cancelled.', advice: 'Nothing was changed.' },
  busy: {
    title: 'Another sign-in is still waiting.',
    advice: 'Finish it in your browser, or cancel it first.',
  },
  'not-found': {
    title: 'That account is no longer in Postline.',
    advice: 'It may have been signed out in another window.',
  },
  offline: {
    title: 'Postline can’t reach Google.',
    advice: 'Check your internet connection and try again.',
  },
  'rate-limited': {
    title: 'Google is busy right now.',
    advice: 'Google is receiving too many requests. Wait a minute and try again.',
  },
  'auth-failed': {
    title: 'Google didn’t accept the sign-in.',
    advice: 'Nothing was added. Please try again.',
  },
  'invalid-address': {
    title: 'An address isn’t valid.',
    advice: 'Check the To, Cc and Bcc fields for a mistyped address.',
  },
  'too-large': {
    title: 'The message is too large for Gmail.',
    advice: 'Gmail accepts up to 35 MB, attachments included. Remove an attachment and try again.',
  },
  internal: {
    title: 'Postline ran into a problem.',
    advice: 'Something went wrong inside Postline. Please try again.',
  },
}

/** What the error region shows: a headline, and the detail under it. */
export interface ErrorText {
  readonly title: string
  readonly detail: string
}

/**
 * The text for an error: main's own message where it has one (it names the account, the
 * missing permission, what was left unchanged), else the code's advice. Null for `cancelled`,
 * which the person chose.
 */
export function errorText(error: PostlineError): ErrorText | null {
  if (error.code === 'cancelled') return null
  const wording = WORDING[error.code] ?? WORDING.internal
  const message = error.message.trim()
  return {
    title: wording.title,
    detail: message !== '' && message !== wording.title ? message : wording.advice,
  }
}
