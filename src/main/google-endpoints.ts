/** The Google endpoints Postline talks to; the sandbox serves the same paths on loopback. */
export interface GoogleEndpoints {
  readonly authorizationUrl: string
  readonly tokenUrl: string
  readonly revocationUrl: string
  readonly userinfoUrl: string
  readonly gmailRootUrl: string
}

/** Google's production endpoints (google-auth-library's defaults, plus OpenID userinfo and Gmail). */
export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  gmailRootUrl: 'https://gmail.googleapis.com/',
}

/**
 * The scopes Postline asks for: who the person is (address and, with `profile`, the name Google
 * shares for From), and sending mail (least privilege). `profile` is not a sensitive scope.
 */
export const GMAIL_SEND_SCOPE = 'https://www.googleapis.com/auth/gmail.send'
/** All requested scopes, in the order they appear in the authorization URL. */
export const SCOPES = ['openid', 'email', 'profile', GMAIL_SEND_SCOPE] as const
