import type { OAuth2Client } from 'google-auth-library'
import type { AccountView } from '../../shared/domain'
import { GMAIL_SEND_SCOPE } from '../google-endpoints'
import { PostlineFailure } from '../errors'
import type { EventHub } from '../event-hub'
import { oauthFailure, type ExchangedTokens, type GoogleOAuth } from '../auth/google-oauth'
import { runSignIn } from '../auth/sign-in-flow'
import type { ResultPage } from '../auth/result-page'
import type { SecretStore } from './keychain'
import { sameAddress, type AccountRegistry } from './registry'

/** Collaborators of the account service. */
export interface AccountServiceOptions {
  readonly registry: AccountRegistry
  readonly secrets: SecretStore
  readonly oauth: GoogleOAuth
  readonly events: EventHub
  readonly authorizationUrl: string
  readonly clientId: string
  readonly openExternal: (url: string) => Promise<void>
  readonly signInTimeoutMs: number
  readonly now?: () => Date
  /**
   * How long before expiry an access token is renewed in the background, so no send waits on
   * a token request. Must exceed google-auth-library's own 5-minute eager threshold.
   */
  readonly refreshAheadMs?: number
}

/** Renew 6 minutes ahead: one minute before google-auth-library would do it during a send. */
export const DEFAULT_REFRESH_AHEAD_MS = 6 * 60_000

/**
 * Adds, reconnects, switches and signs out accounts, and hands out access tokens.
 * Refresh tokens go from the token response straight to the keychain; access tokens stay in
 * one OAuth2Client per account, in memory.
 */
export class AccountService {
  private signIn: AbortController | null = null
  private readonly clients = new Map<string, Promise<OAuth2Client>>()
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>()
  private closed = false
  /** Counts for tests and benchmarks: token requests a caller waited on, and ones made ahead. */
  readonly stats = { waitedOnRefresh: 0, refreshedAhead: 0 }

  constructor(private readonly options: AccountServiceOptions) {}

  list(): AccountView[] {
    return this.options.registry.views()
  }

  add(): Promise<AccountView> {
    return this.runFlow(undefined)
  }

  reconnect(email: string): Promise<AccountView> {
    return this.runFlow(this.require(email).email)
  }

  /** Stops a sign-in that waits for the browser; the listener closes and nothing is added. */
  cancelAdd(): { cancelled: boolean } {
    if (this.signIn === null) return { cancelled: false }
    this.signIn.abort()
    return { cancelled: true }
  }

  async setActive(email: string): Promise<AccountView[]> {
    await this.options.registry.setActive(this.require(email).email)
    return this.changed()
  }

  /**
   * Revokes the grant at Google, deletes the keychain entry, forgets the account. If Google
   * cannot be reached nothing is removed, so the grant is never left alive without a way back.
   */
  async signOut(email: string): Promise<AccountView[]> {
    const account = this.require(email)
    const refreshToken = await this.options.secrets.get(account.email)
    if (refreshToken !== null) {
      try {
        await this.options.oauth.revoke(refreshToken)
      } catch (error) {
        if (error instanceof PostlineFailure && error.code === 'offline') {
          throw new PostlineFailure(
            'offline',
            `Postline could not reach Google to revoke its access to ${account.email}, so nothing was removed. Try again when you are online.`,
          )
        }
        throw error
      }
    }
    this.clients.delete(key(account.email))
    clearTimeout(this.refreshTimers.get(key(account.email)))
    await this.options.secrets.delete(account.email)
    await this.options.registry.remove(account.email)
    return this.changed()
  }

  /** A fresh access token for the account, refreshed single-flight when needed. */
  async accessToken(email: string): Promise<string> {
    const account = this.require(email)
    if (account.status === 'needs-reconnect') {
      throw new PostlineFailure('needs-reconnect', `Reconnect ${account.email} to use it again.`)
    }
    const client = await this.client(account.email)
    if (!holdsFreshToken(client)) this.stats.waitedOnRefresh++
    try {
      const { token } = await client.getAccessToken()
      if (!token) throw new PostlineFailure('auth-failed', 'Google did not return an access token.')
      this.scheduleRefresh(account.email, client)
      return token
    } catch (error) {
      const failure = error instanceof PostlineFailure ? error : oauthFailure(error, 'refresh')
      if (failure.code === 'needs-reconnect') await this.markNeedsReconnect(account.email)
      throw failure
    }
  }

  /** The account's client with a fresh access token in it, for a Gmail call. */
  async authorizedClient(email: string): Promise<OAuth2Client> {
    await this.accessToken(email)
    return this.client(this.require(email).email)
  }

  /** Checks every connected account once (at start): a dead grant shows "Reconnect" at once. */
  async verifyAll(): Promise<void> {
    const connected = this.options.registry
      .list()
      .filter((account) => account.status === 'connected')
    await Promise.all(
      connected.map(async (account) => {
        try {
          await this.accessToken(account.email)
        } catch {
          // Offline or a locked keychain says nothing about the grant; the next use will tell.
        }
      }),
    )
  }

  /** Forgets the in-memory access token, so the next use refreshes (after a 401, or in tests). */
  async forgetAccessToken(email: string): Promise<void> {
    const client = await this.clients.get(key(email))?.catch(() => undefined)
    if (client !== undefined)
      client.credentials = { refresh_token: client.credentials.refresh_token ?? null }
  }

  /** Cancels a running sign-in and background refreshes. */
  close(): void {
    this.closed = true
    this.signIn?.abort()
    for (const timer of this.refreshTimers.values()) clearTimeout(timer)
    this.refreshTimers.clear()
  }

  /** Renews the access token in the background ahead of its expiry. */
  private scheduleRefresh(email: string, client: OAuth2Client): void {
    const expiry = client.credentials.expiry_date
    if (this.closed || typeof expiry !== 'number') return
    const ahead = this.options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS
    const delay = Math.max(1_000, expiry - ahead - (this.options.now?.() ?? new Date()).getTime())
    clearTimeout(this.refreshTimers.get(key(email)))
    const timer = setTimeout(() => void this.refreshInBackground(email, client), delay)
    timer.unref()
    this.refreshTimers.set(key(email), timer)
  }

  private async refreshInBackground(email: string, client: OAuth2Client): Promise<void> {
    this.refreshTimers.delete(key(email))
    if (this.closed || (await this.clients.get(key(email))?.catch(() => undefined)) !== client)
      return
    try {
      // Through the client's single-flight refresh: a send starting now waits on this one request.
      await client.refreshAccessToken()
      this.stats.refreshedAhead++
      this.scheduleRefresh(email, client)
    } catch (error) {
      const failure = oauthFailure(error, 'refresh')
      if (failure.code === 'needs-reconnect') await this.markNeedsReconnect(email)
      // Offline: the next send refreshes on demand.
    }
  }

  private require(email: string) {
    const account = this.options.registry.find(email)
    if (account === undefined)
      throw new PostlineFailure('not-found', `Postline has no account ${email}.`)
    return account
  }

  private client(email: string): Promise<OAuth2Client> {
    let client = this.clients.get(key(email))
    if (client === undefined) {
      client = this.loadClient(email)
      this.clients.set(key(email), client)
      client.catch(() => this.clients.delete(key(email)))
    }
    return client
  }

  private async loadClient(email: string): Promise<OAuth2Client> {
    const refreshToken = await this.options.secrets.get(email)
    if (refreshToken === null) {
      await this.markNeedsReconnect(email)
      throw new PostlineFailure(
        'needs-reconnect',
        `Postline's sign-in for ${email} is missing from your keychain. Reconnect the account.`,
      )
    }
    return this.options.oauth.createClient(refreshToken)
  }

  /** Google refused the grant (seen by a refresh or a send): the account asks to reconnect. */
  async markNeedsReconnect(email: string): Promise<void> {
    this.clients.delete(key(email))
    if (await this.options.registry.setStatus(email, 'needs-reconnect')) this.changed()
  }

  private async runFlow(reconnectEmail: string | undefined): Promise<AccountView> {
    if (this.signIn !== null) {
      throw new PostlineFailure(
        'busy',
        'A sign-in is already waiting in your browser. Finish it there, or cancel it first.',
      )
    }
    const controller = new AbortController()
    this.signIn = controller
    const { events } = this.options
    try {
      return await runSignIn(
        {
          oauth: this.options.oauth,
          authorizationUrl: this.options.authorizationUrl,
          clientId: this.options.clientId,
          openExternal: this.options.openExternal,
          timeoutMs: this.options.signInTimeoutMs,
          signal: controller.signal,
          ...(reconnectEmail !== undefined ? { loginHint: reconnectEmail } : {}),
          onWaiting: () =>
            events.emit('signIn.state', {
              phase: 'waiting-for-browser',
              reconnectEmail: reconnectEmail ?? null,
            }),
          onFinishing: () => events.emit('signIn.state', { phase: 'finishing' }),
        },
        (tokens) => this.completeSignIn(tokens, reconnectEmail),
      )
    } finally {
      this.signIn = null
      events.emit('signIn.state', { phase: 'idle' })
    }
  }

  private async completeSignIn(
    tokens: ExchangedTokens,
    reconnectEmail: string | undefined,
  ): Promise<{ value: AccountView; page: ResultPage }> {
    const { registry, secrets, oauth } = this.options
    // If Google cannot say whose grant this is, it is not revoked: it may be a known account's.
    const identity = await oauth.identity(tokens.accessToken)
    const known = registry.find(identity.email) !== undefined
    if (!tokens.grantedScopes.includes(GMAIL_SEND_SCOPE)) {
      await this.revokeUnless(known, tokens)
      throw new PostlineFailure(
        'scope-not-granted',
        'Postline can only send mail if you allow “Send email on your behalf” on Google’s consent screen. Nothing was added; press Add and leave that box ticked.',
      )
    }
    if (reconnectEmail !== undefined && !sameAddress(identity.email, reconnectEmail)) {
      await this.revokeUnless(known, tokens)
      throw new PostlineFailure(
        'account-mismatch',
        `You signed in as ${identity.email}, but Postline was reconnecting ${reconnectEmail}. Nothing was changed; reconnect again and choose ${reconnectEmail}.`,
      )
    }
    await this.orRevoke(tokens, known, () => secrets.set(identity.email, tokens.refreshToken))
    const existing = registry.find(identity.email)
    await registry.upsert({
      email: identity.email,
      name: identity.name || existing?.name || '',
      addedAt: existing?.addedAt ?? (this.options.now?.() ?? new Date()).toISOString(),
      status: 'connected',
    })
    const client = oauth.createClient(tokens.refreshToken)
    client.setCredentials({
      refresh_token: tokens.refreshToken,
      access_token: tokens.accessToken,
      expiry_date: tokens.expiryDate,
    })
    this.clients.set(key(identity.email), Promise.resolve(client))
    this.scheduleRefresh(identity.email, client)
    const view = this.changed().find((account) => sameAddress(account.email, identity.email))!
    return {
      value: view,
      page: {
        title: `Signed in as ${view.email}`,
        body: 'You can close this tab and return to Postline.',
      },
    }
  }

  /** Runs a step; if it fails, the new grant is revoked so no orphaned grant stays behind. */
  private async orRevoke<T>(
    tokens: ExchangedTokens,
    known: boolean,
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      return await step()
    } catch (error) {
      await this.revokeUnless(known, tokens)
      throw error
    }
  }

  /**
   * Revoking a token revokes the person's whole grant to this client (RFC 7009 §2.1 and
   * Google's revocation behaviour), so a known account's grant is left alone.
   */
  private async revokeUnless(known: boolean, tokens: ExchangedTokens): Promise<void> {
    if (known) return
    await this.options.oauth.revoke(tokens.refreshToken).catch(() => {})
  }

  private changed(): AccountView[] {
    const views = this.options.registry.views()
    this.options.events.emit('accounts.changed', views)
    return views
  }
}

/** Whether google-auth-library would use the token as it is, without a token request. */
function holdsFreshToken(client: OAuth2Client): boolean {
  const { access_token: token, expiry_date: expiry } = client.credentials
  return !!token && (typeof expiry !== 'number' || expiry - Date.now() > client.eagerRefreshThresholdMillis)
}

function key(email: string): string {
  return email.toLowerCase()
}
