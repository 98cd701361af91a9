import type { EndpointUrls } from './google-facts'

/** A Google account the sandbox can sign in as. */
export interface SandboxIdentity {
  readonly email: string
  readonly name: string
  readonly sub: string
}

/** How to start a sandbox; every field has a default. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number
  clientId?: string
  clientSecret?: string
  identities?: SandboxIdentity[]
  /** Lifetime of new access tokens; Google's is 3599 seconds. */
  accessTokenLifetimeSeconds?: number
  /**
   * For tests only: also serve the POST routes that change the sandbox from outside
   * (`/_sandbox/revoke`, `/_sandbox/expire`, `/_sandbox/fail`, `/_sandbox/mailbox/clear`,
   * `/_sandbox/send-as?email=…&address=…` without its page's form token) and
   * the buttons for them on its pages. Off by default, and so in the sandbox the app starts: a
   * web page the person visits could otherwise post to them. The methods on {@link Sandbox}
   * work either way.
   */
  testControls?: boolean
}

/**
 * What happens to a request whose path matches a {@link Sandbox.failNext} prefix:
 * a canned answer, a slow answer (then the normal one), or a connection closed without an answer.
 */
export type SandboxFault =
  | {
      readonly kind: 'status'
      readonly status: number
      /** A string is sent as is; anything else as JSON. */
      readonly body?: unknown
      readonly headers?: Readonly<Record<string, string>>
    }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'drop' }

/** One request the sandbox received (control pages under `/_sandbox/` are not logged). */
export interface SandboxRequestRecord {
  readonly method: string
  readonly path: string
  /** The token endpoint's `grant_type`, when there was one. */
  readonly grantType?: string
  readonly at: string
}

/** One successful call to the revocation endpoint. */
export interface SandboxRevocation {
  readonly email: string
  readonly tokenKind: 'access' | 'refresh'
  readonly at: string
}

/** A grant that has not been revoked: who, and which scopes were really granted. */
export interface SandboxGrant {
  readonly email: string
  readonly scopes: string[]
}

/** How a message reached the sandbox's Gmail: `raw` in JSON, or one of the upload types. */
export type SandboxSendVia = 'json' | 'multipart' | 'media'

/** A message the sandbox's Gmail accepted. */
export interface SandboxMessage {
  /** Gmail's message id: 16 hex digits. */
  readonly id: string
  readonly threadId: string
  /** The address of the grant whose access token sent it. */
  readonly account: string
  /** The RFC 5322 bytes as decoded from the request. */
  readonly raw: Buffer
  readonly via: SandboxSendVia
  readonly receivedAt: string
}

/** A running sandbox, with the controls tests and people use to steer it. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string
  readonly endpoints: EndpointUrls
  readonly clientId: string
  readonly clientSecret: string
  readonly identities: readonly SandboxIdentity[]
  /** As if the person removed Postline's access in their Google account: every token stops working. */
  revokeGrant(email: string): void
  /**
   * The identity's live grants lose one scope (their tokens keep working for the rest), as when
   * a Workspace administrator stops the app from using it: Gmail then answers 403
   * `insufficientPermissions`. Answers how many grants lost it.
   */
  withdrawScope(email: string, scope: string): number
  /** Access tokens (of one identity, or all) expire now; refresh tokens keep working. */
  expireAccessTokens(email?: string): void
  /** Lifetime of access tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): void
  requests(): readonly SandboxRequestRecord[]
  revocations(): readonly SandboxRevocation[]
  liveGrants(): readonly SandboxGrant[]
  /** The messages Gmail accepted, oldest first. */
  mailbox(): readonly SandboxMessage[]
  clearMailbox(): void
  /**
   * Marks `address` as a verified send-as address of the identity (Gmail's "Send mail as"): its
   * Gmail then sends with it in From instead of replacing it with the identity's own address.
   */
  addSendAs(email: string, address: string): void
  /** The identity's verified send-as addresses. */
  sendAsAddresses(email: string): readonly string[]
  /** The next `times` (default 1) requests whose path starts with `pathPrefix` get `fault`. */
  failNext(pathPrefix: string, fault: SandboxFault, times?: number): void
  /** Stops listening and closes every open connection. */
  close(): Promise<void>
}
