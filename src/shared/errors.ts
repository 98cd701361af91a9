/** The closed set of error codes that may cross the IPC boundary. */
export const ERROR_CODES = [
  'invalid-input',
  'needs-reconnect',
  'keychain-unavailable',
  'access-denied',
  'scope-not-granted',
  'account-mismatch',
  'timeout',
  'cancelled',
  'busy',
  'not-found',
  'offline',
  'rate-limited',
  'auth-failed',
  'invalid-address',
  'too-large',
  /** The data folder's disk is full (ENOSPC, EDQUOT): nothing was changed, free space and retry. */
  'disk-full',
  /** The data folder cannot be written (EROFS, EACCES, EPERM): Postline runs read-only. */
  'read-only',
  /** The disk failed (EIO and other I/O errors) while reading or writing the data folder. */
  'disk-error',
  /** An attached file changed, vanished or became a link after it was attached. */
  'attachment-changed',
  /** The person's browser could not be opened for the sign-in. */
  'browser-unavailable',
  /** Google could not be reached or refused to revoke a grant; the account can be removed here. */
  'revoke-failed',
  /** Gmail answered 403 insufficient permissions: the gmail.send scope was not granted. */
  'insufficient-permission',
  /** Gmail refused the message for good; its own reason is in the message (params.reason). */
  'gmail-refused',
  /** Gmail's answer did not confirm the send: the message may have been sent. */
  'unconfirmed',
  /** What was asked is not available in this window or mode (for example settings in a test bridge). */
  'unsupported',
  'internal',
] as const

/** One of the codes in {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * The closed set of situations an error can name beyond its code, each worded by the window as
 * `errors.detail.<name>` in src/locales/<language>/errors.json with the error's params.
 */
export const ERROR_DETAILS = [
  // Signing in and accounts
  'noAccessToken',
  'noRefreshToken',
  'identityOffline',
  'identityRefused',
  'noVerifiedAddress',
  'googleOffline',
  'grantEnded',
  'codeRefused',
  'badClient',
  'googleRateLimited',
  'googleTrouble',
  'googleRefused',
  'signInCancelled',
  'signInCancelledHere',
  'signInTimedOut',
  'accessDenied',
  'signInRefused',
  'noSignInCode',
  'browserForSignIn',
  'browserForAccess',
  'browserForMessage',
  'reconnectToUse',
  'noSuchAccount',
  'signInWaiting',
  'scopeNotGranted',
  'accountMismatch',
  'keychainKeepsAccount',
  'keychain',
  'signInMissing',
  'revokeOffline',
  'revokeRefused',
  // Send-as addresses
  'sendAsBadAddress',
  'sendAsBadReplyTo',
  'sendAsOwnAddress',
  'sendAsDuplicate',
  'sendAsNotConfirmed',
  'sendAsUnknown',
  'browserForSendAs',
  // Settings and links
  'settingsHere',
  'badClientId',
  'badClientSecret',
  'refusedUrl',
  // Drafts and attachments
  'draftGone',
  'draftInOutbox',
  'notAttachable',
  'tooLargeToAttach',
  'attachmentGone',
  'draftUnreadable',
  'attachmentChanged',
  // Templates
  'templateNameEmpty',
  'templateNameLong',
  'templateNameTaken',
  'templateGone',
  // The disk
  'diskFull',
  'readOnly',
  'diskError',
  'messageUnreadable',
  // Sending and the outbox
  'noRecipient',
  'badRecipient',
  'headerText',
  'noFileName',
  'longFileName',
  'longName',
  'badMailbox',
  'tooLarge',
  'tooLargeEstimate',
  'noAccount',
  'undoTooLateSent',
  'undoTooLate',
  'mayHaveBeenSent',
  'notWaiting',
  'sendAgainOnlyUnknown',
  'beingSent',
  'accountSending',
  'messageGone',
  'notSentYet',
  'copyNotKept',
  'withdrawn',
  'withdrawnMaybeSent',
  'stoppedWhileSending',
  'heldForReconnect',
  'sentNotRecorded',
  'outcomeNotRecorded',
  'gmailRateLimited',
  'gmailTrouble',
  'gmailRejectsAccess',
  'sendNotAllowed',
  'gmailRefused',
  'gmailRefusedStatus',
  'gmailUnreachable',
  'connectionBroke',
  'gmailTimeout',
  'sendCancelledMaybe',
  'sendCancelled',
  'noSignIn',
  'unconfirmedId',
  // Send later
  'laterInPast',
  'laterTooFar',
] as const

/** One of {@link ERROR_DETAILS}. */
export type ErrorDetail = (typeof ERROR_DETAILS)[number]

/**
 * What was kept when a write failed (`params.kept` of the disk errors), as a code the window words:
 * `draft` the draft as last saved, `draftNotSent` the draft and nothing was sent, `outbox` the
 * outbox as it was, `outboxWaits` the message waits in the outbox, `language` the language did
 * not change, `nothing` no sentence.
 */
export const KEPT = [
  'draft',
  'draftNotSent',
  'outbox',
  'outboxWaits',
  'language',
  'nothing',
] as const

/** One of {@link KEPT}. */
export type Kept = (typeof KEPT)[number]

/**
 * What the window needs to word an error in the person's language, never English: `detail` (one
 * of {@link ERROR_DETAILS}), an account (`email`, `signedInAs`), a file name (`file`), sizes in
 * bytes (`size`, `limit`), `count`, a `folder`, an errno code (`errno`), Google's own reason
 * (`googleReason`, Google's words), an HTTP `status`, what was kept (`kept`, one of
 * {@link KEPT}) and the codes some details select on. Only plain strings and numbers, never a
 * secret.
 */
export type ErrorParams = Readonly<Record<string, string | number>> & {
  readonly detail?: ErrorDetail
  readonly kept?: Kept
}

/** The serialisable error shape that crosses IPC: no stack, no cause, no secrets. */
export interface PostlineError {
  readonly code: ErrorCode
  /**
   * The English sentence, for the log (and a developer's eye) only: the window never shows it,
   * it words the code and {@link params} in the person's language (src/renderer/error-text.ts).
   */
  readonly message: string
  /** What the window needs to word the error (see {@link ErrorParams}). */
  readonly params?: ErrorParams
}

/**
 * The one `internal` error, wherever it is made (main, the preload, the window): a failure nobody
 * foresaw has nothing the person can act on, so it says only that; the details go to main's log.
 */
export const INTERNAL_ERROR: PostlineError = {
  code: 'internal',
  message: 'Something went wrong inside Postline. Please try again.',
}

/** What every invoke channel answers: a value, or an error in the contract's shape. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PostlineError }

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
