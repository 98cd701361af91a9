/**
 * What the sandbox knows about Google, written down here from Google's own documentation rather
 * than borrowed from the app: if the app and the sandbox shared these values, a typo would pass
 * every sandbox test and fail only against Google. `test/unit/sandbox/google-facts.test.ts`
 * checks that the app's constants equal these, so either side drifting fails loudly.
 * docs/google-wire.md says what the sandbox imitates and why.
 */

/** Google's production endpoints, as the sandbox serves them on loopback (same paths). */
export const GOOGLE_ENDPOINT_URLS = {
  /**
   * OAuth 2.0 authorization endpoint for installed apps.
   * https://developers.google.com/identity/protocols/oauth2/native-app#step-2:-send-a-request-to-googles-oauth-2.0-server
   */
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  /**
   * Token endpoint: code exchange and refresh.
   * https://developers.google.com/identity/protocols/oauth2/native-app#exchange-authorization-code
   */
  tokenUrl: 'https://oauth2.googleapis.com/token',
  /**
   * Revocation endpoint (`token` as query parameter or form field).
   * https://developers.google.com/identity/protocols/oauth2/native-app#tokenrevoke
   */
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
  /**
   * OpenID Connect userinfo endpoint (`userinfo_endpoint` of Google's discovery document).
   * https://developers.google.com/identity/openid-connect/openid-connect#discovery
   * (the document itself: https://accounts.google.com/.well-known/openid-configuration)
   */
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  /**
   * Gmail API service endpoint.
   * https://developers.google.com/workspace/gmail/api/reference/rest#service-endpoint
   */
  gmailRootUrl: 'https://gmail.googleapis.com/',
} as const

/** The shape of {@link GOOGLE_ENDPOINT_URLS}: what a sandbox reports as its own endpoints. */
export type EndpointUrls = { readonly [K in keyof typeof GOOGLE_ENDPOINT_URLS]: string }

/** The path part of each endpoint: what the sandbox's routes listen on. */
export const AUTHORIZATION_PATH = new URL(GOOGLE_ENDPOINT_URLS.authorizationUrl).pathname
export const TOKEN_PATH = new URL(GOOGLE_ENDPOINT_URLS.tokenUrl).pathname
export const REVOCATION_PATH = new URL(GOOGLE_ENDPOINT_URLS.revocationUrl).pathname
export const USERINFO_PATH = new URL(GOOGLE_ENDPOINT_URLS.userinfoUrl).pathname

/**
 * `users.messages.send` with the message as base64url `raw` in a JSON body.
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send#http-request
 */
export const GMAIL_SEND_PATH = '/gmail/v1/users/:userId/messages/send'
/**
 * The same method's upload URI (`uploadType=multipart` or `media`).
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send#http-request
 * https://developers.google.com/workspace/gmail/api/guides/uploads
 */
export const GMAIL_UPLOAD_PATH = '/upload/gmail/v1/users/:userId/messages/send'

/**
 * The scope that lets a token send mail and nothing else.
 * https://developers.google.com/workspace/gmail/api/auth/scopes
 */
export const GMAIL_SEND_SCOPE = 'https://www.googleapis.com/auth/gmail.send'
/**
 * Every scope `users.messages.send` accepts (its "Authorization scopes" section).
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send#authorization-scopes
 */
export const GMAIL_SEND_SCOPES: readonly string[] = [
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.compose',
  GMAIL_SEND_SCOPE,
]
/**
 * The OpenID sign-in scopes and their long forms.
 * https://developers.google.com/identity/protocols/oauth2/scopes#openid-connect
 */
export const USERINFO_EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email'
export const USERINFO_PROFILE_SCOPE = 'https://www.googleapis.com/auth/userinfo.profile'

/**
 * Gmail's largest message, counted on the RFC 5322 bytes: 35 MB, which the discovery document
 * states as `maxSize: "35MB"` for the upload of `users.messages.send` (35 × 1024 × 1024 bytes).
 * https://developers.google.com/workspace/gmail/api/guides/uploads ("Maximum file size: 35 MB")
 * https://gmail.googleapis.com/$discovery/rest?version=v1 (`resources.users.resources.messages.methods.send.mediaUpload.maxSize`)
 */
export const GMAIL_MAX_MESSAGE_BYTES = 35 * 1024 * 1024

/**
 * Gmail sends only from the account's own address and its send-as addresses ("Send mail as",
 * verified; `users.settings.sendAs`, whose `verificationStatus` must be `accepted`). A message
 * whose From is any other address is not refused: people report that Gmail replaces that address
 * with the account's own and keeps the display name. Google does not document the replacement
 * (the display name kept is what those reports show, not a documented rule), so the sandbox's
 * rewrite is an imitation of reported behaviour.
 * https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.settings.sendAs
 * https://support.google.com/mail/answer/22370 ("Send emails from a different address or alias")
 */
export const GMAIL_FROM_REPLACED = {
  /** What replaces an address Gmail does not send as: the account's own. */
  address: 'account',
  /** The display name of the From header stays as written. */
  keepsName: true,
} as const

/**
 * Google's access tokens live one hour; the token answer announces `expires_in: 3599`.
 * https://developers.google.com/identity/protocols/oauth2/native-app#exchange-authorization-code
 */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599
