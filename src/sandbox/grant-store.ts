import { createHash, randomBytes } from 'node:crypto'
import type { SandboxGrant, SandboxIdentity } from './types'

/** Google's authorization codes are short-lived; a few minutes is enough for a person. */
const CODE_LIFETIME_MS = 5 * 60_000
/** How long a consent page may stay open before its answer is refused. */
const CONSENT_LIFETIME_MS = 30 * 60_000

/** An authorization request waiting for the person's answer on the consent page. */
export interface ConsentRequest {
  readonly id: string
  readonly clientId: string
  readonly redirectUri: string
  readonly state: string | undefined
  readonly codeChallenge: string
  readonly scopes: readonly string[]
  readonly loginHint: string | undefined
  /** `include_granted_scopes=true`: the new grant keeps what this person granted this client. */
  readonly includeGrantedScopes: boolean
  readonly expiresAt: number
}

/** The grant behind a token: who, for which client, with which scopes. */
export interface Grant {
  readonly identity: SandboxIdentity
  readonly clientId: string
  /** What was granted; a test may take one away ({@link GrantStore.withdrawScope}). */
  scopes: readonly string[]
  readonly refreshToken: string
  revoked: boolean
}

/** A freshly issued access token. */
export interface IssuedAccessToken {
  readonly grant: Grant
  readonly accessToken: string
  readonly expiresIn: number
}

/** Why a token or code was refused; `description` is Google's `error_description`. */
export interface Refusal {
  readonly ok: false
  readonly description: string
}

/** The answer to a token check: its grant, or why it is not usable. */
export type AccessTokenCheck =
  | { readonly ok: true; readonly grant: Grant }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' }

interface AuthorizationCode {
  readonly clientId: string
  readonly redirectUri: string
  readonly codeChallenge: string
  readonly identity: SandboxIdentity
  readonly scopes: readonly string[]
  readonly expiresAt: number
  /** Set when the code is redeemed; a second redemption revokes it (RFC 6749 §4.1.2). */
  grant?: Grant
}

interface AccessTokenEntry {
  readonly grant: Grant
  expiresAt: number
}

const BAD_REQUEST: Refusal = { ok: false, description: 'Bad Request' }
const EXPIRED_OR_REVOKED: Refusal = { ok: false, description: 'Token has been expired or revoked.' }

/** Random, URL-safe and visibly fake, so no one mistakes it for a Google credential. */
function secret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`
}

/** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
function verifierMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge
}

/** Consent requests, codes, grants and tokens, in memory only. */
export class GrantStore {
  private readonly consents = new Map<string, ConsentRequest>()
  private readonly codes = new Map<string, AuthorizationCode>()
  private readonly grants: Grant[] = []
  private readonly refreshTokens = new Map<string, Grant>()
  private readonly accessTokens = new Map<string, AccessTokenEntry>()

  constructor(
    private accessTokenLifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  setAccessTokenLifetime(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`Access token lifetime must be a non-negative number, got ${seconds}`)
    }
    this.accessTokenLifetimeSeconds = Math.floor(seconds)
  }

  openConsent(request: Omit<ConsentRequest, 'id' | 'expiresAt'>): ConsentRequest {
    const consent = {
      ...request,
      id: randomBytes(16).toString('hex'),
      expiresAt: this.now() + CONSENT_LIFETIME_MS,
    }
    this.consents.set(consent.id, consent)
    return consent
  }

  /** The pending consent with this id, if it is still open. */
  consent(id: string): ConsentRequest | undefined {
    const consent = this.consents.get(id)
    if (consent === undefined) return undefined
    if (this.now() >= consent.expiresAt) {
      this.consents.delete(id)
      return undefined
    }
    return consent
  }

  /** A consent is answered once. */
  closeConsent(id: string): void {
    this.consents.delete(id)
  }

  issueCode(code: Omit<AuthorizationCode, 'expiresAt' | 'grant'>): string {
    const value = secret('sbx-code-')
    this.codes.set(value, { ...code, expiresAt: this.now() + CODE_LIFETIME_MS })
    return value
  }

  /** The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6). */
  redeemCode(request: {
    code: string
    clientId: string
    redirectUri: string | undefined
    codeVerifier: string | undefined
  }): (IssuedAccessToken & { ok: true }) | Refusal {
    const entry = this.codes.get(request.code)
    if (entry === undefined) return BAD_REQUEST
    if (entry.grant !== undefined) {
      this.revokeGrant(entry.grant)
      return BAD_REQUEST
    }
    if (this.now() >= entry.expiresAt) {
      this.codes.delete(request.code)
      return BAD_REQUEST
    }
    if (request.codeVerifier === undefined)
      return { ok: false, description: 'Missing code verifier.' }
    if (
      entry.clientId !== request.clientId ||
      entry.redirectUri !== request.redirectUri ||
      !verifierMatches(request.codeVerifier, entry.codeChallenge)
    ) {
      return BAD_REQUEST
    }
    const grant: Grant = {
      identity: entry.identity,
      clientId: entry.clientId,
      scopes: entry.scopes,
      refreshToken: secret('sbx-rt-'),
      revoked: false,
    }
    entry.grant = grant
    this.grants.push(grant)
    this.refreshTokens.set(grant.refreshToken, grant)
    return { ok: true, ...this.issueAccessToken(grant) }
  }

  /** The refresh_token grant (RFC 6749 §6); Google does not rotate refresh tokens. */
  refresh(refreshToken: string, clientId: string): (IssuedAccessToken & { ok: true }) | Refusal {
    const grant = this.refreshTokens.get(refreshToken)
    if (grant === undefined || grant.revoked || grant.clientId !== clientId)
      return EXPIRED_OR_REVOKED
    return { ok: true, ...this.issueAccessToken(grant) }
  }

  checkAccessToken(token: string): AccessTokenCheck {
    const entry = this.accessTokens.get(token)
    if (entry === undefined) return { ok: false, reason: 'unknown' }
    if (entry.grant.revoked) return { ok: false, reason: 'revoked' }
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'expired' }
    return { ok: true, grant: entry.grant }
  }

  /**
   * The revocation endpoint: either kind of token ends its whole grant. An expired access token
   * is refused, as Google's "Token expired or revoked" answer suggests.
   */
  revokeToken(token: string): { grant: Grant; tokenKind: 'access' | 'refresh' } | undefined {
    const access = this.checkAccessToken(token)
    if (access.ok) {
      this.revokeGrant(access.grant)
      return { grant: access.grant, tokenKind: 'access' }
    }
    const grant = this.refreshTokens.get(token)
    if (grant === undefined || grant.revoked) return undefined
    this.revokeGrant(grant)
    return { grant, tokenKind: 'refresh' }
  }

  /** Every grant of this identity ends, and codes not yet redeemed stop working. */
  revokeIdentity(email: string): void {
    for (const grant of this.grants) if (grant.identity.email === email) this.revokeGrant(grant)
    for (const [code, entry] of this.codes) {
      if (entry.identity.email === email && entry.grant === undefined) this.codes.delete(code)
    }
  }

  /**
   * Live grants of this identity lose `scope`, and tokens issued from them with it: as when a
   * Workspace administrator stops an app from using a scope. Answers how many grants lost it.
   */
  withdrawScope(email: string, scope: string): number {
    let changed = 0
    for (const grant of this.grants) {
      if (grant.revoked || grant.identity.email !== email || !grant.scopes.includes(scope)) continue
      grant.scopes = grant.scopes.filter((granted) => granted !== scope)
      changed += 1
    }
    return changed
  }

  expireAccessTokens(email?: string): void {
    const now = this.now()
    for (const entry of this.accessTokens.values()) {
      if (email === undefined || entry.grant.identity.email === email) {
        entry.expiresAt = Math.min(entry.expiresAt, now)
      }
    }
  }

  /**
   * What this person has granted this client and not revoked (incremental authorization:
   * Google adds these to a request with `include_granted_scopes=true`).
   */
  grantedScopes(email: string, clientId: string): string[] {
    const scopes = new Set<string>()
    for (const grant of this.grants) {
      if (!grant.revoked && grant.identity.email === email && grant.clientId === clientId) {
        for (const scope of grant.scopes) scopes.add(scope)
      }
    }
    return [...scopes]
  }

  liveGrants(): SandboxGrant[] {
    return this.grants
      .filter((grant) => !grant.revoked)
      .map((grant) => ({ email: grant.identity.email, scopes: [...grant.scopes] }))
  }

  private issueAccessToken(grant: Grant): IssuedAccessToken {
    const accessToken = secret('sbx-at-')
    const expiresIn = this.accessTokenLifetimeSeconds
    this.accessTokens.set(accessToken, { grant, expiresAt: this.now() + expiresIn * 1000 })
    return { grant, accessToken, expiresIn }
  }

  private revokeGrant(grant: Grant): void {
    grant.revoked = true
  }
}
