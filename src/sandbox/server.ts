import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { authorizationRoutes } from './authorization-routes'
import { ActivityLog } from './context'
import type { SandboxContext } from './context'
import { controlRoutes, UnknownIdentityError } from './control-routes'
import { applyFault, FaultQueue, Sleeper } from './faults'
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  AUTHORIZATION_PATH,
  REVOCATION_PATH,
  TOKEN_PATH,
  USERINFO_PATH,
} from './google-facts'
import type { EndpointUrls } from './google-facts'
import { GrantStore } from './grant-store'
import { gmailRoutes } from './gmail-routes'
import { Mailbox } from './mailbox'
import { mailboxRoutes } from './mailbox-page'
import { SendAsBook, sendAsRoutes } from './send-as'
import { BodyTooLargeError, readBody, Router, sendJson } from './routing'
import type { RouteRequest } from './routing'
import { tokenRoutes } from './token-routes'
import type {
  Sandbox,
  SandboxFault,
  SandboxGrant,
  SandboxIdentity,
  SandboxMessage,
  SandboxOptions,
  SandboxRequestRecord,
  SandboxRevocation,
} from './types'

/** Shaped like a Google desktop client ID, but visibly the sandbox's. */
export const DEFAULT_SANDBOX_CLIENT_ID = 'postline-sandbox.apps.googleusercontent.com'
export const DEFAULT_SANDBOX_CLIENT_SECRET = 'sandbox-secret'
/** Three people; one with a non-ASCII name, to catch encoding slips in headers and the UI. */
export const DEFAULT_SANDBOX_IDENTITIES: readonly SandboxIdentity[] = [
  { email: 'ada@sandbox.test', name: 'Ada Lovelace', sub: '100000000000000000001' },
  { email: 'grace@sandbox.test', name: 'Grace Hopper', sub: '100000000000000000002' },
  { email: 'zoe@sandbox.test', name: 'Zoë Ångström', sub: '100000000000000000003' },
]
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

class SandboxServer implements Sandbox {
  readonly clientId: string
  readonly clientSecret: string
  readonly identities: readonly SandboxIdentity[]
  private readonly store: GrantStore
  private readonly activity = new ActivityLog()
  private readonly messages = new Mailbox()
  private readonly sendAsBook = new SendAsBook()
  private readonly faults = new FaultQueue()
  private readonly sleeper = new Sleeper()
  private readonly router: Router
  private readonly server: Server
  private origin = ''
  /** `127.0.0.1:PORT`: the only Host header the sandbox answers. */
  private host = ''
  private closing: Promise<void> | undefined

  constructor(options: SandboxOptions) {
    this.clientId = options.clientId ?? DEFAULT_SANDBOX_CLIENT_ID
    this.clientSecret = options.clientSecret ?? DEFAULT_SANDBOX_CLIENT_SECRET
    this.identities = Object.freeze([...(options.identities ?? DEFAULT_SANDBOX_IDENTITIES)])
    if (this.identities.length === 0)
      throw new RangeError('The sandbox needs at least one identity')
    if (
      new Set(this.identities.map((identity) => identity.email)).size !== this.identities.length
    ) {
      throw new RangeError('Sandbox identities must have distinct emails')
    }
    this.store = new GrantStore(ACCESS_TOKEN_LIFETIME_SECONDS)
    if (options.accessTokenLifetimeSeconds !== undefined) {
      this.store.setAccessTokenLifetime(options.accessTokenLifetimeSeconds)
    }
    const context: SandboxContext = {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      identities: this.identities,
      store: this.store,
      activity: this.activity,
      mailbox: this.messages,
      sendAs: this.sendAsBook,
      origin: () => this.origin,
    }
    this.router = new Router([
      ...authorizationRoutes(context),
      ...tokenRoutes(context),
      ...gmailRoutes(context),
      ...controlRoutes(this, options.testControls === true),
      ...mailboxRoutes(this.messages, options.testControls === true),
      ...sendAsRoutes(this.identities, this.sendAsBook, options.testControls === true),
    ])
    this.server = createServer((request, response) => void this.handle(request, response))
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`
    this.origin = `http://${this.host}`
  }

  get url(): string {
    return this.origin
  }

  get endpoints(): EndpointUrls {
    return {
      authorizationUrl: `${this.origin}${AUTHORIZATION_PATH}`,
      tokenUrl: `${this.origin}${TOKEN_PATH}`,
      revocationUrl: `${this.origin}${REVOCATION_PATH}`,
      userinfoUrl: `${this.origin}${USERINFO_PATH}`,
      gmailRootUrl: `${this.origin}/`,
    }
  }

  revokeGrant(email: string): void {
    this.requireIdentity(email)
    this.store.revokeIdentity(email)
  }

  withdrawScope(email: string, scope: string): number {
    this.requireIdentity(email)
    return this.store.withdrawScope(email, scope)
  }

  expireAccessTokens(email?: string): void {
    if (email !== undefined) this.requireIdentity(email)
    this.store.expireAccessTokens(email)
  }

  setAccessTokenLifetime(seconds: number): void {
    this.store.setAccessTokenLifetime(seconds)
  }

  requests(): readonly SandboxRequestRecord[] {
    return this.activity.requests()
  }

  revocations(): readonly SandboxRevocation[] {
    return this.activity.revocations()
  }

  liveGrants(): readonly SandboxGrant[] {
    return this.store.liveGrants()
  }

  mailbox(): readonly SandboxMessage[] {
    return this.messages.list()
  }

  clearMailbox(): void {
    this.messages.clear()
  }

  addSendAs(email: string, address: string): void {
    this.requireIdentity(email)
    this.sendAsBook.add(email, address)
  }

  sendAsAddresses(email: string): readonly string[] {
    return this.sendAsBook.list(email)
  }

  failNext(pathPrefix: string, fault: SandboxFault, times = 1): void {
    this.faults.add(pathPrefix, fault, times)
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      this.sleeper.wakeAll()
      this.server.close((error) => (error === undefined ? resolve() : reject(error)))
      this.server.closeAllConnections()
    })
    return this.closing
  }

  private requireIdentity(email: string): void {
    if (!this.identities.some((identity) => identity.email === email))
      throw new UnknownIdentityError(email)
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await this.dispatch(request, response)
    } catch (error) {
      if (response.headersSent || response.destroyed) {
        response.destroy()
      } else if (error instanceof BodyTooLargeError) {
        sendJson(
          response,
          413,
          { error: 'request_too_large', error_description: error.message },
          { Connection: 'close' },
        )
      } else {
        const message = error instanceof Error ? error.message : String(error)
        sendJson(response, 500, { error: 'internal_error', error_description: message })
      }
    }
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site can point its own name at 127.0.0.1 (DNS rebinding) and then read
    // and post to the sandbox as same-origin; its requests still carry that name as Host.
    if (request.headers.host !== this.host) {
      sendJson(
        response,
        421,
        {
          error: 'misdirected_request',
          error_description: `The sandbox answers only requests for ${this.host}`,
        },
        { Connection: 'close' },
      )
      return
    }
    const method = request.method ?? 'GET'
    const target = request.url ?? '/'
    // Prefixing the origin keeps a path such as `//host/x` from being read as another host.
    const url = new URL(target.startsWith('/') ? `${this.origin}${target}` : target)
    const match = this.router.match(method, url.pathname)
    const control = match.kind === 'found' && match.route.control === true
    const record = control ? undefined : this.activity.request(method, url.pathname)
    const fault = control ? undefined : this.faults.take(url.pathname)
    if (fault !== undefined && !(await applyFault(fault, request, response, this.sleeper))) return
    if (match.kind === 'not-found') {
      sendJson(response, 404, {
        error: 'not_found',
        error_description: `No sandbox endpoint at ${url.pathname}`,
      })
      return
    }
    if (match.kind === 'method-not-allowed') {
      sendJson(
        response,
        405,
        { error: 'method_not_allowed' },
        { Allow: [...new Set(match.allow)].join(', ') },
      )
      return
    }
    let body: Promise<Buffer> | undefined
    const routeRequest: RouteRequest = {
      method,
      url,
      headers: request.headers,
      params: match.params,
      body: () => (body ??= readBody(request, match.route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)),
      bodyStream: request,
      note: (detail) => {
        if (record !== undefined && detail.grantType !== undefined)
          record.grantType = detail.grantType
      },
    }
    await match.route.handle(routeRequest, response)
  }
}

/** Starts a sandbox on 127.0.0.1 and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new SandboxServer(options)
  await sandbox.listen(options.port ?? 0)
  return sandbox
}
