import type { OAuth2Client } from 'google-auth-library'
import type { AccountView } from '../../shared/domain'
import { GMAIL_SEND_SCOPE } from '../google-endpoints'
import { PostlineFailure } from '../errors'
import type { EventHub } from '../event-hub'
import type { ExchangedTokens, GoogleOAuth } from '../auth/google-oauth'
import { runSignIn } from '../auth/sign-in-flow'
import type { ResultPage } from '../auth/result-page'
import type { SecretStore } from './keychain'
import { TokenKeeper, type TokenKeeperOptions } from './token-keeper'
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
  /** See {@link TokenKeeperOptions.refreshAheadMs}. */
  readonly refreshAheadMs?: TokenKeeperOptions['refreshAheadMs']
}

/**
 * Adds, reconnects, switches and signs out accounts, and hands out access tokens.
 * Refresh tokens go from the token response straight to the keychain; access tokens stay in
 * one OAuth2Client per account, in memory.
 */
export class AccountService {
  private signIn: AbortController | null = null
  private readonly tokens: TokenKeeper

  constructor(private readonly options: AccountServiceOptions) {
    this.tokens = new TokenKeeper({
      secrets: options.secrets,
      oauth: options.oauth,
      onDeadGrant: (email) => this.markNeedsReconnect(email),
      ...(options.now ? { now: options.now } : {}),
      ...(options.refreshAheadMs !== undefined ? { refreshAheadMs: options.refreshAheadMs } : {}),
    })
  }

  /** Token counts for tests and benchmarks. */
  get stats(): TokenKeeper['stats'] {
    return this.tokens.stats
  }

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
    this.tokens.drop(account.email)
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
    return this.tokens.accessToken(account.email)
  }

  /** The account's client with a fresh access token in it, for a Gmail call. */
  async authorizedClient(email: string): Promise<OAuth2Client> {
    await this.accessToken(email)
    return this.tokens.client(this.require(email).email)
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

  /** Forgets the in-memory access token, so the next use refreshes. */
  forgetAccessToken(email: string): Promise<void> {
    return this.tokens.forgetAccessToken(email)
  }

  /** Cancels a running sign-in and background refreshes. */
  close(): void {
    this.signIn?.abort()
    this.tokens.close()
  }

  private require(email: string) {
    const account = this.options.registry.find(email)
    if (account === undefined)
      throw new PostlineFailure('not-found', `Postline has no account ${email}.`)
    return account
  }

  /** Google refused the grant (seen by a refresh or a send): the account asks to reconnect. */
  async markNeedsReconnect(email: string): Promise<void> {
    this.tokens.drop(email)
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
    this.tokens.adopt(identity.email, client)
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
