import { addressProblemCode, sameAddress } from '../../shared/addresses'
import type { SendAsAddress } from '../../shared/domain'
import { PostlineFailure } from '../errors'
import { checkExternalUrl } from '../external-url'
import type { Logger } from '../log'

/** What the person typed for a new send-as address, before it is checked. */
export interface SendAsInput {
  readonly address: string
  readonly name: string
  /** Empty: no Reply-To. */
  readonly replyTo: string
  readonly signature: string
  /** The person's word that the address is set up as "Send mail as" in Gmail. */
  readonly confirmed: boolean
}

/** Gmail's "Send mail as" settings of an account (Settings ▸ Accounts and Import). */
export const GMAIL_SEND_AS_SETTINGS_URL = 'https://mail.google.com/mail/u/'
/** The sandbox's page where an address is marked as a verified send-as address. */
export const SANDBOX_SEND_AS_PAGE = '/_sandbox/send-as.html'

/**
 * Where the person sets up send-as addresses: Gmail's accounts settings, in that account
 * (`authuser` picks it among the accounts signed in to the browser); on the sandbox, its own page.
 */
export function sendAsSettingsUrl(
  backend: { readonly mode: 'sandbox' | 'google'; readonly gmailRootUrl: string },
  email: string,
): string {
  if (backend.mode === 'sandbox') {
    const url = new URL(SANDBOX_SEND_AS_PAGE, backend.gmailRootUrl)
    url.searchParams.set('email', email)
    return url.href
  }
  const url = new URL(GMAIL_SEND_AS_SETTINGS_URL)
  url.searchParams.set('authuser', email)
  url.hash = 'settings/accounts'
  return url.href
}

function badAddress(address: string, field: 'address' | 'replyTo'): PostlineFailure | null {
  const problem = addressProblemCode(address)
  if (problem === null) return null
  return new PostlineFailure(
    'invalid-address',
    field === 'address'
      ? 'That send-as address is not a valid email address.'
      : 'That Reply-To address is not a valid email address.',
    {
      detail: field === 'address' ? 'sendAsBadAddress' : 'sendAsBadReplyTo',
      entry: address.slice(0, 80),
      problem: problem.code,
      ...problem.params,
    },
  )
}

/**
 * Checks a new send-as address against the account's current list: a valid address, not the
 * account's own, not one already there, a valid Reply-To when given, and the person's
 * confirmation. Answers the address as it is kept.
 */
export function checkSendAs(
  account: { readonly email: string; readonly sendAs?: readonly SendAsAddress[] },
  input: SendAsInput,
  now: Date,
): SendAsAddress {
  const address = input.address.trim()
  const replyTo = input.replyTo.trim()
  const invalid =
    badAddress(address, 'address') ?? (replyTo === '' ? null : badAddress(replyTo, 'replyTo'))
  if (invalid !== null) throw invalid
  if (sameAddress(address, account.email)) {
    throw new PostlineFailure(
      'invalid-input',
      "That is the account's own address; it is always in From.",
      { detail: 'sendAsOwnAddress', email: account.email },
    )
  }
  if ((account.sendAs ?? []).some((known) => sameAddress(known.address, address))) {
    throw new PostlineFailure('invalid-input', 'That address is already in the list.', {
      detail: 'sendAsDuplicate',
      entry: address,
      email: account.email,
    })
  }
  if (!input.confirmed) {
    throw new PostlineFailure(
      'invalid-input',
      'Confirm that the address is set up as "Send mail as" in Gmail first.',
      { detail: 'sendAsNotConfirmed', entry: address },
    )
  }
  return {
    address,
    name: input.name.trim(),
    ...(replyTo === '' ? {} : { replyTo }),
    signature: input.signature,
    confirmedAt: now.toISOString(),
  }
}

/** The account's send-as address `address`, or a `not-found` failure naming it. */
export function requireSendAs(
  account: { readonly email: string; readonly sendAs?: readonly SendAsAddress[] },
  address: string,
): SendAsAddress {
  const found = (account.sendAs ?? []).find((known) => sameAddress(known.address, address))
  if (found === undefined) {
    throw new PostlineFailure(
      'not-found',
      'That address is not a send-as address of the account in Postline.',
      { detail: 'sendAsUnknown', entry: address.slice(0, 80), email: account.email },
    )
  }
  return found
}

/**
 * Opens the account's "Send mail as" settings in the browser (Gmail's, or the sandbox's page),
 * through the external-URL allow-list.
 */
export async function openSendAsSettings(
  options: {
    readonly mode: 'sandbox' | 'google'
    readonly gmailRootUrl: string
    readonly openExternal: (url: string) => Promise<void>
    readonly log: Logger
  },
  email: string,
): Promise<{ opened: true }> {
  const url = sendAsSettingsUrl(options, email)
  const checked = checkExternalUrl(url, {
    httpOrigins: options.mode === 'sandbox' ? [new URL(options.gmailRootUrl).origin] : [],
  })
  if (!checked.ok) {
    options.log.warn('Refused to open the send-as settings', {
      scheme: checked.scheme,
      reason: checked.reason,
    })
    throw new PostlineFailure('invalid-input', 'Postline could not open that link.', {
      detail: 'refusedUrl',
    })
  }
  try {
    await options.openExternal(checked.href) // eng-disable OPEN_EXTERNAL_JS_CHECK
  } catch {
    throw new PostlineFailure(
      'browser-unavailable',
      `Postline could not open your browser. Visit ${checked.href} to set up send-as addresses.`,
      { detail: 'browserForSendAs', url: checked.href },
    )
  }
  return { opened: true }
}
