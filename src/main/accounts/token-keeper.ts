import { addressKey } from '../../shared/addresses'
import type { OAuth2Client } from 'google-auth-library'
import { PostlineFailure } from '../errors'
import { oauthFailure, type GoogleOAuth } from '../auth/google-oauth'
import type { SecretStore } from './keychain'

/** Renew 6 minutes ahead: one minute before google-auth-library would do it during a send. */
export const DEFAULT_REFRESH_AHEAD_MS = 6 * 60_000

/** Collaborators of the token keeper. */
export interface TokenKeeperOptions {
  readonly secrets: SecretStore
  readonly oauth: GoogleOAuth
  /** Called when Google refuses the grant (`invalid_grant`) or the keychain entry is gone. */
  readonly onDeadGrant: (email: string) => Promise<void>
  /** Called after Google answered a refresh with a new access token. */
  readonly onRefreshed?: () => void
  readonly now?: () => Date
  /**
   * How long before expiry an access token is renewed in the background, so no send waits on
   * a token request. Must exceed google-auth-library's own 5-minute eager threshold.
   */
  readonly refreshAheadMs?: number
}

/**
 * One OAuth2Client per account: the refresh token comes from the keychain once, the access
 * token stays in memory, refreshes are single-flight (the library's), and each token is renewed
 * in the background before the library would renew it during a send.
 */
export class TokenKeeper {
  private readonly clients = new Map<string, Promise<OAuth2Client>>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private closed = false
  /** Counts for tests and benchmarks: token requests a caller waited on, and ones made ahead. */
  readonly stats = { waitedOnRefresh: 0, refreshedAhead: 0 }

  constructor(private readonly options: TokenKeeperOptions) {}

  /** A fresh access token, refreshed when needed. */
  async accessToken(email: string): Promise<string> {
    const client = await this.client(email)
    const refreshing = !holdsFreshToken(client)
    if (refreshing) this.stats.waitedOnRefresh++
    try {
      const { token } = await client.getAccessToken()
      if (!token)
        throw new PostlineFailure('auth-failed', 'Google did not return an access token.', {
          detail: 'noAccessToken',
        })
      if (refreshing) this.options.onRefreshed?.()
      this.scheduleRefresh(email, client)
      return token
    } catch (error) {
      const failure = error instanceof PostlineFailure ? error : oauthFailure(error, 'refresh')
      if (failure.code === 'needs-reconnect') await this.options.onDeadGrant(email)
      throw failure
    }
  }

  /** The account's client, created from the keychain's refresh token on first use. */
  client(email: string): Promise<OAuth2Client> {
    let client = this.clients.get(addressKey(email))
    if (client === undefined) {
      client = this.load(email)
      this.clients.set(addressKey(email), client)
      client.catch(() => this.clients.delete(addressKey(email)))
    }
    return client
  }

  /** Takes over the client of a fresh sign-in, with its access token. */
  adopt(email: string, client: OAuth2Client): void {
    this.clients.set(addressKey(email), Promise.resolve(client))
    this.scheduleRefresh(email, client)
  }

  /** Drops the account's client and timer (signed out, or the grant is dead). */
  drop(email: string): void {
    this.clients.delete(addressKey(email))
    clearTimeout(this.timers.get(addressKey(email)))
    this.timers.delete(addressKey(email))
  }

  /** Forgets the in-memory access token, so the next use refreshes (after a 401, or in tests). */
  async forgetAccessToken(email: string): Promise<void> {
    const client = await this.clients.get(addressKey(email))?.catch(() => undefined)
    if (client !== undefined) {
      client.credentials = { refresh_token: client.credentials.refresh_token ?? null }
    }
  }

  close(): void {
    this.closed = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private async load(email: string): Promise<OAuth2Client> {
    const refreshToken = await this.options.secrets.get(email)
    if (refreshToken === null) {
      await this.options.onDeadGrant(email)
      throw new PostlineFailure(
        'needs-reconnect',
        `Postline's sign-in for ${email} is missing from your keychain. Reconnect the account.`,
        { detail: 'signInMissing', email },
      )
    }
    return this.options.oauth.createClient(refreshToken)
  }

  private scheduleRefresh(email: string, client: OAuth2Client): void {
    const expiry = client.credentials.expiry_date
    if (this.closed || typeof expiry !== 'number') return
    const ahead = this.options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS
    const now = (this.options.now?.() ?? new Date()).getTime()
    clearTimeout(this.timers.get(addressKey(email)))
    const timer = setTimeout(
      () => void this.refreshInBackground(email, client),
      Math.max(1_000, expiry - ahead - now),
    )
    timer.unref()
    this.timers.set(addressKey(email), timer)
  }

  private async refreshInBackground(email: string, client: OAuth2Client): Promise<void> {
    this.timers.delete(addressKey(email))
    const current = await this.clients.get(addressKey(email))?.catch(() => undefined)
    if (this.closed || current !== client) return
    try {
      // Through the client's single-flight refresh: a send starting now waits on this request.
      await client.refreshAccessToken()
      this.stats.refreshedAhead++
      this.options.onRefreshed?.()
      this.scheduleRefresh(email, client)
    } catch (error) {
      if (oauthFailure(error, 'refresh').code === 'needs-reconnect') {
        await this.options.onDeadGrant(email)
      }
      // Offline: the next send refreshes on demand.
    }
  }
}

/** Whether google-auth-library would use the token as it is, without a token request. */
function holdsFreshToken(client: OAuth2Client): boolean {
  const { access_token: token, expiry_date: expiry } = client.credentials
  return (
    !!token &&
    (typeof expiry !== 'number' || expiry - Date.now() > client.eagerRefreshThresholdMillis)
  )
}
