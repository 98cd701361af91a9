import { OAuth2Client } from 'google-auth-library'
import type { GoogleEndpoints } from '../google-endpoints'
import { OAuthError, PostlineFailure } from '../errors'

/** What a code exchange yields; the refresh token goes straight to the keychain. */
export interface ExchangedTokens {
  readonly refreshToken: string
  readonly accessToken: string
  readonly expiryDate: number | null
  readonly grantedScopes: readonly string[]
}

/** The person behind an access token, from the OpenID userinfo endpoint. */
export interface GoogleIdentity {
  readonly email: string
  readonly name: string
}

/** The OAuth client settings shared by every call. */
export interface GoogleOAuthOptions {
  readonly clientId: string
  readonly clientSecret: string
  readonly endpoints: GoogleEndpoints
  /** Upper bound for one HTTP call to Google. */
  readonly requestTimeoutMs?: number
}

/**
 * Code exchange, refresh and revocation through google-auth-library's OAuth2Client with the
 * configured endpoints (Google's or the sandbox's), with its errors turned into Postline's.
 */
export class GoogleOAuth {
  private readonly timeoutMs: number

  constructor(private readonly options: GoogleOAuthOptions) {
    this.timeoutMs = options.requestTimeoutMs ?? 30_000
  }

  /** A client for one account; it keeps the access token in memory and refreshes single-flight. */
  createClient(refreshToken?: string): OAuth2Client {
    const client = new OAuth2Client({
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      endpoints: {
        oauth2AuthBaseUrl: this.options.endpoints.authorizationUrl,
        oauth2TokenUrl: this.options.endpoints.tokenUrl,
        oauth2RevokeUrl: this.options.endpoints.revocationUrl,
      },
      transporterOptions: { timeout: this.timeoutMs },
      // A 401 on a token we believe fresh (revoked elsewhere, clock skew) gets one refresh.
      forceRefreshOnFailure: true,
    })
    if (refreshToken !== undefined) client.setCredentials({ refresh_token: refreshToken })
    return client
  }

  /** Exchanges an authorization code with its PKCE verifier (RFC 7636 §4.5). */
  async exchangeCode(
    code: string,
    codeVerifier: string,
    redirectUri: string,
  ): Promise<ExchangedTokens> {
    const client = this.createClient()
    let tokens
    try {
      ;({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri }))
    } catch (error) {
      throw oauthFailure(error, 'exchange')
    }
    if (!tokens.access_token) {
      throw new PostlineFailure(
        'auth-failed',
        'Google did not return an access token. Nothing was added.',
        { detail: 'noAccessToken' },
      )
    }
    if (!tokens.refresh_token) {
      // Only a consent returns a refresh token; we always ask with prompt=consent.
      throw new PostlineFailure(
        'auth-failed',
        'Google did not return a refresh token, so Postline could not stay signed in. Nothing was added; please try again.',
        { detail: 'noRefreshToken' },
      )
    }
    return {
      refreshToken: tokens.refresh_token,
      accessToken: tokens.access_token,
      expiryDate: tokens.expiry_date ?? null,
      grantedScopes: (tokens.scope ?? '').split(/\s+/).filter(Boolean),
    }
  }

  /** Revokes a grant at Google; a token Google no longer knows counts as revoked. */
  async revoke(token: string): Promise<void> {
    try {
      await this.createClient().revokeToken(token)
    } catch (error) {
      const failure = oauthFailure(error, 'revoke')
      if (failure.oauthError === 'invalid_token' || failure.oauthError === 'invalid_grant') return
      throw failure
    }
  }

  /** Asks the OpenID userinfo endpoint who the access token belongs to. */
  async identity(accessToken: string): Promise<GoogleIdentity> {
    let response: Response
    try {
      response = await fetch(this.options.endpoints.userinfoUrl, {
        headers: { Authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch {
      throw new PostlineFailure(
        'offline',
        'Postline could not reach Google to read your address. Check your connection and try again.',
        { detail: 'identityOffline' },
      )
    }
    if (!response.ok) {
      throw new OAuthError(
        'auth-failed',
        `Google did not tell Postline your address (HTTP ${response.status}). Nothing was added.`,
        response.status,
        undefined,
        { detail: 'identityRefused', status: response.status },
      )
    }
    const body = (await response.json()) as {
      email?: unknown
      name?: unknown
      email_verified?: unknown
    }
    if (typeof body.email !== 'string' || body.email === '' || body.email_verified === false) {
      throw new PostlineFailure(
        'auth-failed',
        'Google did not share a verified address for this account. Nothing was added.',
        { detail: 'noVerifiedAddress' },
      )
    }
    return { email: body.email, name: typeof body.name === 'string' ? body.name : '' }
  }
}

/** Which OAuth call failed, for the message. */
export type OAuthCall = 'exchange' | 'refresh' | 'revoke'

/** Maps a gaxios error from an OAuth call to Postline's error, keeping Google's error code. */
export function oauthFailure(error: unknown, call: OAuthCall): OAuthError {
  const gaxios = error as { response?: { status?: number; data?: unknown }; code?: unknown }
  const status = gaxios.response?.status
  const data = gaxios.response?.data as { error?: unknown; error_description?: unknown } | undefined
  const oauthError = typeof data?.error === 'string' ? data.error : undefined
  if (status === undefined) {
    return new OAuthError(
      'offline',
      'Postline could not reach Google. Check your connection and try again.',
      undefined,
      undefined,
      { detail: 'googleOffline' },
    )
  }
  if (oauthError === 'invalid_grant') {
    const message =
      call === 'refresh'
        ? 'Google no longer accepts Postline’s access to this account (it was revoked or has expired). Reconnect the account.'
        : 'Google did not accept the sign-in code (it may have expired or been used already). Nothing was added; please try again.'
    return new OAuthError(
      call === 'refresh' ? 'needs-reconnect' : 'auth-failed',
      message,
      status,
      oauthError,
      { detail: call === 'refresh' ? 'grantEnded' : 'codeRefused' },
    )
  }
  if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client') {
    return new OAuthError(
      'auth-failed',
      'Google rejected Postline’s OAuth client ID or secret. Check the client settings.',
      status,
      oauthError,
      { detail: 'badClient' },
    )
  }
  if (status === 429) {
    return new OAuthError(
      'rate-limited',
      'Google is limiting requests right now. Try again in a minute.',
      status,
      oauthError,
      { detail: 'googleRateLimited' },
    )
  }
  if (status >= 500) {
    return new OAuthError(
      'offline',
      `Google’s sign-in service is having trouble (HTTP ${status}). Try again shortly.`,
      status,
      oauthError,
      { detail: 'googleTrouble', status },
    )
  }
  return new OAuthError(
    'auth-failed',
    `Google refused the request (${oauthError ?? `HTTP ${status}`}).`,
    status,
    oauthError,
    { detail: 'googleRefused', googleReason: oauthError ?? `HTTP ${status}` },
  )
}
