import { INTERNAL_ERROR } from '../shared/errors'
import type { ErrorCode, PostlineError } from '../shared/errors'
import { GMAIL_LIMIT_TEXT } from '../shared/message-size'

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
    advice: `Gmail accepts up to ${GMAIL_LIMIT_TEXT}, attachments included. Remove an attachment and try again.`,
  },
  'disk-full': {
    title: 'The disk is full.',
    advice:
      'Nothing was changed. Free some space on the disk that holds Postline’s data, then try again.',
  },
  'read-only': {
    title: 'Postline can’t write to its data folder.',
    advice:
      'The folder is read-only or not yours. Nothing was changed; your saved work is still there.',
  },
  'disk-error': {
    title: 'The disk reported an error.',
    advice: 'Nothing was changed. Check the disk that holds Postline’s data, then try again.',
  },
  'attachment-changed': {
    title: 'An attached file changed after you attached it.',
    advice: 'Nothing was sent. Remove the file and attach it again, then send.',
  },
  'browser-unavailable': {
    title: 'Postline couldn’t open your browser.',
    advice: 'Check that a default web browser is set, then try again.',
  },
  'revoke-failed': {
    title: 'Google didn’t confirm the sign-out.',
    advice:
      'You can remove the account from this computer; Postline revokes its access as soon as Google answers.',
  },
  'insufficient-permission': {
    title: 'Postline isn’t allowed to send from this account.',
    advice: 'Reconnect and leave “Send email on your behalf” ticked on Google’s page.',
  },
  'gmail-refused': {
    title: 'Gmail refused this message.',
    advice: 'Nothing was sent. Gmail’s reason is above; change the message and send it again.',
  },
  unconfirmed: {
    title: 'Gmail didn’t confirm the send.',
    advice: 'It may have been sent. Check your Sent folder before you send it again.',
  },
  unsupported: {
    title: 'That isn’t available here.',
    advice: 'This window cannot do that.',
  },
  internal: {
    title: 'Postline ran into a problem.',
    advice: INTERNAL_ERROR.message,
  },
}

/** What the person was doing when the error came: the same code reads differently. */
export type ErrorContext = 'account' | 'draft' | 'attachment' | 'send' | 'outbox' | 'settings'

/** Where a code means something else than it does for accounts, the words for that. */
const IN_CONTEXT: Partial<Record<ErrorContext, Partial<Record<ErrorCode, Wording>>>> = {
  draft: {
    'not-found': {
      title: 'That draft no longer exists.',
      advice: 'It may have been sent or deleted. Your other drafts are in the Drafts list.',
    },
    busy: {
      title: 'This draft is on its way.',
      advice: 'It is in the Outbox now. Undo the send there to edit it again.',
    },
    'invalid-input': {
      title: 'Postline could not save this draft.',
      advice: 'The message may be too long to save. Shorten it and try again.',
    },
    internal: {
      title: 'Postline could not save this draft.',
      advice: 'Your text is still here. Postline tries again as you keep typing.',
    },
  },
  attachment: {
    'not-found': {
      title: 'That file could not be attached.',
      advice: 'It may have been moved or deleted. Choose it again.',
    },
    'too-large': {
      title: 'That is too much to attach.',
      advice: `Gmail accepts up to ${GMAIL_LIMIT_TEXT} per message, attachments included (after encoding).`,
    },
    'invalid-input': {
      title: 'Those files could not be attached.',
      advice: 'Attach files with the Attach button, or drop files (not folders) on the window.',
    },
  },
  send: {
    'not-found': {
      title: 'Postline could not send this message.',
      advice: 'Choose an account to send from in the From field.',
    },
    busy: {
      title: 'This message is already in the Outbox.',
      advice: 'Wait for it there, or undo it to edit it again.',
    },
    timeout: {
      title: 'Google took too long to answer.',
      advice: 'The message stays in the Outbox and Postline tries again.',
    },
    offline: {
      title: 'Postline can’t reach Google.',
      advice: 'The message waits in the Outbox and goes out when you are back online.',
    },
    'rate-limited': {
      title: 'Google is busy right now.',
      advice: 'The message waits in the Outbox and Postline tries again in a moment.',
    },
    'needs-reconnect': {
      title: 'This account needs to be reconnected.',
      advice: 'The message waits in the Outbox until you reconnect the account.',
    },
  },
  outbox: {
    'not-found': {
      title: 'That message is no longer in the Outbox.',
      advice: 'It may have been sent or discarded already.',
    },
    busy: {
      title: 'Too late: the message is on its way.',
      advice: 'It is being sent now. You can follow it in the Outbox.',
    },
  },
  settings: {
    'invalid-input': {
      title: 'That Google client doesn’t look right.',
      advice:
        'Paste the client ID (ending in .apps.googleusercontent.com) and the client secret of a “Desktop app” client.',
    },
    'keychain-unavailable': {
      title: 'Postline can’t reach the system keychain.',
      advice: 'The client secret is kept there. Unlock your keychain and try again.',
    },
    internal: {
      title: 'Postline could not change its Google settings.',
      advice: 'Nothing was changed. Please try again.',
    },
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
 * which the person chose. `context` picks the words for what the person was doing.
 */
export function errorText(error: PostlineError, context?: ErrorContext): ErrorText | null {
  if (error.code === 'cancelled') return null
  const wording =
    (context && IN_CONTEXT[context]?.[error.code]) ?? WORDING[error.code] ?? WORDING.internal
  const message = error.message.trim()
  return {
    title: wording.title,
    detail: message !== '' && message !== wording.title ? message : wording.advice,
  }
}
