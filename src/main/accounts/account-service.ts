import { addressKey, sameAddress } from '../../shared/addresses'
import type { OAuth2Client } from 'google-auth-library'
import type { AccountView } from '../../shared/domain'
import { GMAIL_SEND_SCOPE } from '../google-endpoints'
import { OAuthError, PostlineFailure } from '../errors'
import type { EventHub } from '../event-hub'
import { oauthFailure, type ExchangedTokens, type GoogleOAuth } from '../auth/google-oauth'
import { runSignIn } from '../auth/sign-in-flow'
import type { ResultPage } from '../auth/result-page'
import type { DisplayLanguage } from '../../shared/i18n/languages'
import type { SecretStore } from './keychain'
import { TokenKeeper, type TokenKeeperOptions } from './token-keeper'
import type { AccountRecord, AccountRegistry } from './registry'
import { PendingRevocations, type PendingRevocation } from './pending-revocations'
import type { SendAsInput } from './send-as'

const nowDate = (): Date => new Date()

/** Google's page where a person removes third-party access to their account. */
export const GOOGLE_ACCESS_PAGE_URL = 'https://myaccount.google.com/permissions'

/** How long closing waits for Google to revoke session-only grants. */
const CLOSE_REVOKE_TIMEOUT_MS = 5_000

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
  /**
   * Called before an account's grant is revoked (sign-out) and before it is removed from this
   * computer, so whatever uses the account (a send in flight) stops first. A throw stops the
   * sign-out with nothing removed.
   */
  readonly beforeSignOut?: (email: string) => Promise<void>
  /** The app's language, for the sign-in pages in the browser (see LoopbackOptions.language). */
  readonly language?: () => DisplayLanguage
}

/** Where a sign-in keeps its refresh token. */
type Storage = 'keychain' | 'session'

/**
 * Adds, reconnects, switches and signs out accounts, and hands out access tokens.
 * Refresh tokens go from the token response straight to the keychain (session-only accounts:
 * to memory); access tokens stay in one OAuth2Client per account, in memory.
 *
 * A refresh token Postline holds but has not recorded with an account (a sign-in between the
 * code exchange and the registry, an account removed from this computer while Google could not
 * revoke it) waits in a pending-revocation keychain entry, and is revoked at the next start and
 * after the next successful Google request.
 */
export class AccountService {
  private signIn: AbortController | null = null
  /** Whether the running sign-in has started storing the account (too late to cancel). */
  private committed = false
  private closed = false
  private readonly tokens: TokenKeeper
  private readonly pending: PendingRevocations
  /** Pending entries of sign-ins running now: never revoked from under them. */
  private readonly inFlight = new Set<string>()
  /** Refresh tokens of session-only accounts, by lower-cased address: memory only. */
  private readonly sessionTokens = new Map<string, string>()
  /** Session-only tokens to revoke that have no account any more (memory only). */
  private sessionRevocations: string[] = []
  private revoking: Promise<void> | null = null
  /** Whether a pending revocation may be waiting; the first pass finds out. */
  private mayHavePending = true
  /** Counts {@link markPending} calls, so a pass that ran meanwhile does not clear the flag. */
  private pendingMarks = 0

  constructor(private readonly options: AccountServiceOptions) {
    const sessionTokens = this.sessionTokens
    const secrets = options.secrets
    this.pending = new PendingRevocations(secrets)
    this.tokens = new TokenKeeper({
      // A session-only account's token comes from memory, every other one from the keychain.
      secrets: {
        get: async (email) => sessionTokens.get(addressKey(email)) ?? secrets.get(email),
        set: (account, secret) => secrets.set(account, secret),
        delete: (account) => secrets.delete(account),
      },
      oauth: options.oauth,
      onDeadGrant: (email) => this.markNeedsReconnect(email),
      onRefreshed: () => this.googleAnswered(),
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
    return this.runFlow(undefined, 'keychain')
  }

  /**
   * Adds an account for this run of Postline only, for a desktop without a usable keychain:
   * its refresh token stays in memory, nothing about it is written, and when Postline closes
   * its grant is revoked and the account is gone.
   */
  addForSession(): Promise<AccountView> {
    return this.runFlow(undefined, 'session')
  }

  reconnect(email: string): Promise<AccountView> {
    const account = this.require(email)
    return this.runFlow(account.email, account.sessionOnly === true ? 'session' : 'keychain')
  }

  /**
   * Stops a sign-in that waits for the browser or exchanges its code: nothing is added, and a
   * grant already obtained is revoked. Too late once the account is being stored.
   */
  cancelAdd(): { cancelled: boolean } {
    if (this.signIn === null || this.committed) return { cancelled: false }
    this.signIn.abort()
    return { cancelled: true }
  }

  /**
   * The name that goes into From for this account; empty goes back to Google's name (or the
   * bare address when Google shares none). Written before the window hears of it.
   */
  async setSenderName(email: string, name: string): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.registry.setSenderName(account.email, name === '' ? null : name)
    return this.changed()
  }

  /**
   * Adds a send-as address to the account (checked: a valid address, not its own, not there
   * yet, the person's confirmation that Gmail has it). Written before the window hears of it.
   */
  async addSendAs(email: string, input: SendAsInput): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.registry.addSendAs(account.email, input, (this.options.now ?? nowDate)())
    return this.changed()
  }

  /** Removes a send-as address; when it was the default, new messages start from the account's. */
  async removeSendAs(email: string, address: string): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.registry.removeSendAs(account.email, address)
    return this.changed()
  }

  /** The address new messages from the account start with (`null`: the account's own). */
  async setDefaultFrom(email: string, address: string | null): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.registry.setDefaultFrom(account.email, address)
    return this.changed()
  }

  async setActive(email: string): Promise<AccountView[]> {
    await this.options.registry.setActive(this.require(email).email)
    return this.changed()
  }

  /**
   * Revokes the grant at Google, deletes the keychain entry, forgets the account. If Google
   * cannot be reached or refuses, nothing is removed (`revoke-failed`): the person may then
   * remove the account from this computer only.
   */
  async signOut(email: string): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.beforeSignOut?.(account.email)
    const refreshToken =
      account.sessionOnly === true
        ? (this.sessionTokens.get(addressKey(account.email)) ?? null)
        : await this.options.secrets.get(account.email)
    if (refreshToken !== null) {
      try {
        await this.options.oauth.revoke(refreshToken)
      } catch (error) {
        throw revokeFailed(account.email, error)
      }
    }
    return this.forget(account)
  }

  /**
   * Removes the account and its keychain entry without Google's word: its refresh token waits
   * in a pending-revocation keychain entry (session-only: in memory) and is revoked as soon as
   * Google answers.
   */
  async removeFromComputer(email: string): Promise<AccountView[]> {
    const account = this.require(email)
    await this.options.beforeSignOut?.(account.email)
    if (account.sessionOnly === true) {
      const token = this.sessionTokens.get(addressKey(account.email))
      if (token !== undefined) {
        this.sessionRevocations.push(token)
        this.markPending()
      }
    } else {
      const refreshToken = await this.options.secrets.get(account.email)
      if (refreshToken !== null) {
        // Recorded before the account's own entry goes, so the token is never lost unrevoked.
        await this.pending.add(refreshToken, account.email)
        this.markPending()
      }
    }
    return this.forget(account)
  }

  /** Opens Google's page where the person can remove Postline's access themselves. */
  async openGoogleAccessPage(): Promise<{ opened: true }> {
    try {
      // A constant https URL, through the injected openExternal (main wires it to openInBrowser).
      await this.options.openExternal(GOOGLE_ACCESS_PAGE_URL) // eng-disable OPEN_EXTERNAL_JS_CHECK
    } catch {
      throw new PostlineFailure(
        'browser-unavailable',
        `Postline could not open your browser. Visit ${GOOGLE_ACCESS_PAGE_URL} to remove Postline’s access.`,
        { detail: 'browserForAccess', url: GOOGLE_ACCESS_PAGE_URL },
      )
    }
    return { opened: true }
  }

  /** A fresh access token for the account, refreshed single-flight when needed. */
  async accessToken(email: string): Promise<string> {
    const account = this.require(email)
    if (account.status === 'needs-reconnect') {
      throw new PostlineFailure('needs-reconnect', `Reconnect ${account.email} to use it again.`, {
        detail: 'reconnectToUse',
        email: account.email,
      })
    }
    return this.tokens.accessToken(account.email)
  }

  /** The account's client with a fresh access token in it, for a Gmail call. */
  async authorizedClient(email: string): Promise<OAuth2Client> {
    await this.accessToken(email)
    return this.tokens.client(this.require(email).email)
  }

  /**
   * At start: revokes what is pending, and checks every connected account once, so a dead
   * grant shows "Reconnect" at once.
   */
  async verifyAll(): Promise<void> {
    const connected = this.options.registry
      .list()
      .filter((account) => account.status === 'connected')
    await Promise.all([
      this.revokePending(),
      ...connected.map(async (account) => {
        try {
          await this.accessToken(account.email)
        } catch {
          // Offline or a locked keychain says nothing about the grant; the next use will tell.
        }
      }),
    ])
  }

  /**
   * Google answered a request (a send, a refresh, a sign-in): a good moment to revoke what is
   * pending. Returns at once; the revocations run in the background.
   */
  googleAnswered(): void {
    if (this.mayHavePending && !this.closed) void this.revokePending()
  }

  /**
   * Revokes every pending refresh token Google can be reached for, and removes each entry once
   * Google confirms (or says it is already revoked). A token whose grant belongs to an account
   * Postline has is not revoked (that would end the account's grant); its entry just goes.
   */
  revokePending(): Promise<void> {
    this.revoking ??= this.revokeAllPending().finally(() => {
      this.revoking = null
    })
    return this.revoking
  }

  /**
   * Forgets the in-memory access token, so the next use refreshes. Only tests use it (to make
   * the next use a real request to Google).
   */
  forgetAccessToken(email: string): Promise<void> {
    return this.tokens.forgetAccessToken(email)
  }

  /**
   * Cancels a running sign-in and background refreshes, then revokes the grants of session-only
   * accounts (waiting a few seconds at most) and forgets them.
   */
  async close(): Promise<void> {
    this.closed = true
    this.signIn?.abort()
    this.tokens.close()
    const session = this.options.registry.list().filter((account) => account.sessionOnly === true)
    const tokens = [
      ...session.flatMap((account) => this.sessionTokens.get(addressKey(account.email)) ?? []),
      ...this.sessionRevocations,
    ]
    this.sessionRevocations = []
    const revocations = Promise.all(
      tokens.map((token) => this.options.oauth.revoke(token).catch(() => {})),
    )
    await raceTimeout(revocations, CLOSE_REVOKE_TIMEOUT_MS)
    for (const account of session) {
      this.tokens.drop(account.email)
      this.sessionTokens.delete(addressKey(account.email))
      await this.options.registry.remove(account.email)
    }
    await raceTimeout(this.revoking ?? Promise.resolve(), CLOSE_REVOKE_TIMEOUT_MS)
  }

  private require(email: string) {
    const account = this.options.registry.find(email)
    if (account === undefined)
      throw new PostlineFailure('not-found', `Postline has no account ${email}.`, {
        detail: 'noSuchAccount',
        email,
      })
    return account
  }

  /** Google refused the grant (seen by a refresh or a send): the account asks to reconnect. */
  async markNeedsReconnect(email: string): Promise<void> {
    this.tokens.drop(email)
    if (await this.options.registry.setStatus(email, 'needs-reconnect')) this.changed()
  }

  /** Drops the account here: its client, its keychain entry (or session token), its record. */
  private async forget(account: AccountRecord): Promise<AccountView[]> {
    this.tokens.drop(account.email)
    if (account.sessionOnly === true) this.sessionTokens.delete(addressKey(account.email))
    else await this.options.secrets.delete(account.email)
    await this.options.registry.remove(account.email)
    return this.changed()
  }

  private async runFlow(
    reconnectEmail: string | undefined,
    storage: Storage,
  ): Promise<AccountView> {
    if (this.signIn !== null) {
      throw new PostlineFailure(
        'busy',
        'A sign-in is already waiting in your browser. Finish it there, or cancel it first.',
        { detail: 'signInWaiting' },
      )
    }
    const controller = new AbortController()
    this.signIn = controller
    this.committed = false
    const { events } = this.options
    try {
      const view = await runSignIn(
        {
          oauth: this.options.oauth,
          authorizationUrl: this.options.authorizationUrl,
          clientId: this.options.clientId,
          openExternal: this.options.openExternal,
          timeoutMs: this.options.signInTimeoutMs,
          signal: controller.signal,
          ...(this.options.language ? { language: this.options.language } : {}),
          ...(reconnectEmail !== undefined ? { loginHint: reconnectEmail } : {}),
          onWaiting: () =>
            events.emit('signIn.state', {
              phase: 'waiting-for-browser',
              reconnectEmail: reconnectEmail ?? null,
            }),
          onFinishing: () => events.emit('signIn.state', { phase: 'finishing' }),
        },
        (tokens) => this.completeSignIn(tokens, reconnectEmail, storage, controller.signal),
      )
      this.googleAnswered()
      return view
    } finally {
      this.signIn = null
      this.committed = false
      events.emit('signIn.state', { phase: 'idle' })
    }
  }

  private async completeSignIn(
    tokens: ExchangedTokens,
    reconnectEmail: string | undefined,
    storage: Storage,
    signal: AbortSignal,
  ): Promise<{ value: AccountView; page: ResultPage }> {
    const { registry, secrets, oauth } = this.options
    // Before anything else: a kill from here on leaves the grant to be revoked at the next start.
    let keychainProblem: unknown = null
    const pendingId =
      storage === 'keychain'
        ? await this.pending.add(tokens.refreshToken, null).catch((error: unknown) => {
            keychainProblem = error
            return null
          })
        : null
    if (pendingId !== null) this.inFlight.add(pendingId)
    let settled = pendingId === null
    try {
      // If Google cannot say whose grant this is, it is not revoked now (it may be a known
      // account's); its pending entry is settled at the next start.
      const identity = await oauth.identity(tokens.accessToken)
      const existing = registry.find(identity.email)
      const known = existing !== undefined
      const settle = async () => {
        settled = await this.settleGrant(tokens.refreshToken, known, pendingId)
      }
      if (pendingId !== null) {
        await this.pending.name(pendingId, identity.email).catch(() => {})
      }
      if (signal.aborted) {
        await settle()
        throw new PostlineFailure(
          'cancelled',
          'You cancelled the sign-in in Postline, so nothing was added.',
          { detail: 'signInCancelledHere' },
        )
      }
      if (!tokens.grantedScopes.includes(GMAIL_SEND_SCOPE)) {
        await settle()
        throw new PostlineFailure(
          'scope-not-granted',
          'Postline can only send mail if you allow “Send email on your behalf” on Google’s consent screen. Nothing was added; press Add and leave that box ticked.',
          { detail: 'scopeNotGranted' },
        )
      }
      if (reconnectEmail !== undefined && !sameAddress(identity.email, reconnectEmail)) {
        await settle()
        throw new PostlineFailure(
          'account-mismatch',
          `You signed in as ${identity.email}, but Postline was reconnecting ${reconnectEmail}. Nothing was changed; reconnect again and choose ${reconnectEmail}.`,
          { detail: 'accountMismatch', email: reconnectEmail, signedInAs: identity.email },
        )
      }
      const record = {
        email: identity.email,
        name: identity.name || existing?.name || '',
        addedAt: existing?.addedAt ?? (this.options.now?.() ?? new Date()).toISOString(),
        status: 'connected' as const,
      }
      if (storage === 'session') {
        if (existing !== undefined && existing.sessionOnly !== true) {
          // Its grant is the kept account's too: revoking it at close would end that one.
          throw new PostlineFailure(
            'keychain-unavailable',
            `Postline already keeps ${existing.email} with its sign-in in your system keychain. Unlock your keychain to use it; nothing was changed.`,
            { detail: 'keychainKeepsAccount', email: existing.email },
          )
        }
        this.committed = true
        this.sessionTokens.set(addressKey(identity.email), tokens.refreshToken)
        await registry.upsert({ ...record, sessionOnly: true })
      } else {
        if (keychainProblem !== null) {
          await settle()
          throw offerSession(keychainProblem, known || reconnectEmail !== undefined)
        }
        this.committed = true
        try {
          await secrets.set(identity.email, tokens.refreshToken)
        } catch (error) {
          await settle()
          throw offerSession(error, known || reconnectEmail !== undefined)
        }
        try {
          await registry.upsert(record)
        } catch (error) {
          if (!known) await secrets.delete(identity.email).catch(() => false)
          await settle()
          throw error
        }
        // A session-only account kept from now on: its token is the keychain's now.
        this.sessionTokens.delete(addressKey(identity.email))
        if (pendingId !== null) {
          settled = await this.pending.remove(pendingId).then(
            () => true,
            () => false,
          )
        }
      }
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
        page: { name: 'signedIn', params: { email: view.email } },
      }
    } finally {
      if (pendingId !== null) this.inFlight.delete(pendingId)
      // An entry left behind (Google unreachable, a keychain hiccup) is retried later.
      if (!settled) this.markPending()
    }
  }

  /**
   * A new grant that will not be used: revoked, unless it belongs to an account Postline already
   * has (revoking a token revokes the person's whole grant to this client, RFC 7009 §2.1 and
   * Google's behaviour). Its pending entry goes once Google confirms; if Google cannot be reached
   * the entry stays for the next try (a grant with no entry is retried at close).
   */
  private async settleGrant(
    token: string,
    known: boolean,
    pendingId: string | null,
  ): Promise<boolean> {
    if (!known) {
      try {
        await this.options.oauth.revoke(token)
      } catch {
        if (pendingId === null) this.sessionRevocations.push(token)
        this.markPending()
        return false
      }
    }
    if (pendingId === null) return true
    return this.pending.remove(pendingId).then(
      () => true,
      () => false,
    )
  }

  private markPending(): void {
    this.mayHavePending = true
    this.pendingMarks++
  }

  private async revokeAllPending(): Promise<void> {
    const marks = this.pendingMarks
    const session = this.sessionRevocations
    this.sessionRevocations = []
    for (const token of session) {
      await this.options.oauth.revoke(token).catch(() => this.sessionRevocations.push(token))
    }
    let entries
    try {
      entries = await this.pending.list()
    } catch {
      return // The keychain is locked or missing: the entries wait for the next try.
    }
    let left = this.sessionRevocations.length
    for (const entry of entries) {
      if (this.inFlight.has(entry.id)) continue
      try {
        await this.settlePending(entry)
      } catch {
        left++ // Offline, Google refused, or the keychain: the entry waits for the next try.
      }
    }
    if (this.pendingMarks === marks) this.mayHavePending = left > 0
  }

  private async settlePending(entry: PendingRevocation): Promise<void> {
    const { registry, secrets, oauth } = this.options
    const email = entry.email ?? (await this.grantOwner(entry.token))
    if (email === null) {
      await this.pending.remove(entry.id) // Google says the grant is already gone.
      return
    }
    if (registry.find(email) !== undefined) {
      // The grant of an account Postline has (a reconnect cut short, or the account's own
      // token): revoking it would end the account's access.
      await this.pending.remove(entry.id)
      return
    }
    await oauth.revoke(entry.token)
    // A sign-in cut short after its keychain write left an entry no account uses.
    const read = secrets.peek ?? secrets.get
    if ((await read.call(secrets, email).catch(() => null)) === entry.token) {
      await secrets.delete(email)
    }
    await this.pending.remove(entry.id)
  }

  /** Whose grant a refresh token is; null when Google says the grant is already gone. */
  private async grantOwner(refreshToken: string): Promise<string | null> {
    const client = this.options.oauth.createClient(refreshToken)
    let accessToken
    try {
      accessToken = (await client.getAccessToken()).token
    } catch (error) {
      if (oauthFailure(error, 'refresh').code === 'needs-reconnect') return null
      throw error
    }
    if (!accessToken)
      throw new PostlineFailure('auth-failed', 'Google returned no access token.', {
        detail: 'noAccessToken',
      })
    return (await this.options.oauth.identity(accessToken)).email
  }

  private changed(): AccountView[] {
    const views = this.options.registry.views()
    this.options.events.emit('accounts.changed', views)
    return views
  }
}

/** Keychain trouble while adding a new account: the same sentence, with the session-only offer. */
function offerSession(error: unknown, knownOrReconnect: boolean): unknown {
  if (!(error instanceof PostlineFailure) || error.code !== 'keychain-unavailable') return error
  if (knownOrReconnect) return error
  return new PostlineFailure(
    'keychain-unavailable',
    `${error.message} Nothing was added; you can also use the account for this session only.`,
    { ...error.params, offer: 'session-only' },
  )
}

/** Google could not be reached, or refused, to revoke a grant at sign-out. */
function revokeFailed(email: string, error: unknown): unknown {
  if (!(error instanceof OAuthError)) return error
  if (error.status === undefined) {
    return new PostlineFailure(
      'revoke-failed',
      `Postline could not reach Google to revoke its access to ${email}, so nothing was removed. Try again when you are online, or remove the account from this computer: Postline then revokes its access the next time it reaches Google.`,
      { detail: 'revokeOffline', email, reason: 'offline' },
    )
  }
  return new PostlineFailure(
    'revoke-failed',
    `Google refused to revoke Postline’s access to ${email} (${error.oauthError ?? `HTTP ${error.status}`}), so nothing was removed. Try again later, or remove the account from this computer: Postline then keeps trying to revoke its access. You can also remove Postline’s access on your Google Account’s permissions page.`,
    {
      detail: 'revokeRefused',
      email,
      reason: 'refused',
      googleReason: error.oauthError ?? `HTTP ${error.status}`,
    },
  )
}

async function raceTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms)
      timer.unref()
    }),
  ])
  clearTimeout(timer)
}
