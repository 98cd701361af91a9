import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { PostlineFailure } from '../errors'
import type { DisplayLanguage } from '../../shared/i18n/languages'
import { mainTranslator } from '../i18n/translate'
import { pageLanguage, renderResultPage, type ResultPage } from './result-page'

/** The path of the redirect URI; any other path on the listener is answered 404. */
export const CALLBACK_PATH = '/oauth2/callback'

/** The one redirect the listener accepted; `respond` answers the browser that is still waiting. */
export interface AcceptedRedirect {
  readonly code: string
  readonly grantedScope: string | null
  respond(page: ResultPage): void
}

/** What the listener needs to know about the sign-in it serves. */
export interface LoopbackOptions {
  readonly expectedState: string
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  /**
   * The app's language: the pages speak the browser's language (Accept-Language) when Postline
   * speaks it, else this one (English when not given).
   */
  readonly language?: () => DisplayLanguage
}

/**
 * The loopback redirect listener of RFC 8252 §7.3: bound to 127.0.0.1 on an ephemeral port,
 * it accepts exactly one redirect that carries the expected `state`, answers every other
 * request with a page that says why, and is closed in every outcome.
 */
export class LoopbackListener {
  private readonly sockets = new Set<Socket>()
  private settled = false
  private resolveRedirect!: (redirect: AcceptedRedirect) => void
  private rejectRedirect!: (error: Error) => void
  private readonly redirect: Promise<AcceptedRedirect>
  private timer: NodeJS.Timeout | undefined
  private readonly onAbort = (): void =>
    this.fail(
      new PostlineFailure('cancelled', 'Sign-in was cancelled. Nothing was added.', {
        detail: 'signInCancelled',
      }),
    )

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: LoopbackOptions,
  ) {
    this.redirect = new Promise((resolve, reject) => {
      this.resolveRedirect = resolve
      this.rejectRedirect = reject
    })
    // The caller may never await (e.g. openExternal failed); the rejection is still handled.
    this.redirect.catch(() => {})
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      this.handle(request, response),
    )
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.timer = setTimeout(() => {
      const minutes = Math.round(options.timeoutMs / 60_000)
      const after = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'a while'
      this.fail(
        new PostlineFailure(
          'timeout',
          `Sign-in timed out: the browser did not come back to Postline after ${after}. Nothing was added; press Add to try again.`,
          { detail: 'signInTimedOut', minutes },
        ),
      )
    }, options.timeoutMs)
    if (options.signal?.aborted) this.onAbort()
    else options.signal?.addEventListener('abort', this.onAbort, { once: true })
  }

  /** Starts listening on 127.0.0.1 (not `localhost`, which may resolve to another interface). */
  static async open(options: LoopbackOptions): Promise<LoopbackListener> {
    const server = createServer()
    server.headersTimeout = 10_000
    server.requestTimeout = 10_000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    return new LoopbackListener(server, (server.address() as AddressInfo).port, options)
  }

  /** The redirect URI registered in the authorization request. */
  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${CALLBACK_PATH}`
  }

  /** Resolves with the one accepted redirect; rejects on refusal, timeout or cancel. */
  waitForRedirect(): Promise<AcceptedRedirect> {
    return this.redirect
  }

  /** Whether the listening socket is still open. */
  get listening(): boolean {
    return this.server.listening
  }

  /** Stops listening and drops every connection; safe to call more than once. */
  async close(): Promise<void> {
    this.fail(
      new PostlineFailure('cancelled', 'Sign-in was cancelled. Nothing was added.', {
        detail: 'signInCancelled',
      }),
    )
    if (!this.server.listening) return
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      for (const socket of this.sockets) socket.destroySoon()
      setTimeout(() => {
        for (const socket of this.sockets) socket.destroy()
      }, 2_000).unref()
    })
  }

  private fail(error: Error): void {
    if (this.settled) return
    this.settle()
    this.rejectRedirect(error)
  }

  private settle(): void {
    this.settled = true
    clearTimeout(this.timer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const send = (status: number, page: ResultPage): void =>
      answer(
        response,
        status,
        page,
        pageLanguage(request.headers['accept-language'], this.options.language?.() ?? 'en'),
      )
    // A page on another site can make the browser send requests here; so can DNS rebinding,
    // which the Host check stops (RFC 8252 §8.3 and §8.4).
    if (request.headers.host !== `127.0.0.1:${this.port}`) {
      return send(400, { name: 'badHost' })
    }
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET')
      return send(405, { name: 'methodNotAllowed' })
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${this.port}`)
    if (url.pathname !== CALLBACK_PATH) {
      return send(404, { name: 'notFound' })
    }
    if (this.settled) {
      return send(400, { name: 'alreadyFinished' })
    }
    const state = url.searchParams.get('state')
    if (state === null || !sameSecret(state, this.options.expectedState)) {
      // Not ours (an old tab, or a forged request): refuse it, keep waiting for the real one.
      return send(400, { name: 'notCurrent' })
    }
    const error = url.searchParams.get('error')
    if (error !== null) {
      const failure =
        error === 'access_denied'
          ? new PostlineFailure(
              'access-denied',
              'You chose not to give Postline access. Nothing was added.',
              { detail: 'accessDenied' },
            )
          : new PostlineFailure(
              'auth-failed',
              `Google refused the sign-in (${truncate(error)}). Nothing was added.`,
              { detail: 'signInRefused', googleReason: truncate(error) },
            )
      send(
        200,
        error === 'access_denied'
          ? { name: 'denied' }
          : { name: 'refused', params: { reason: truncate(error) } },
      )
      return this.fail(failure)
    }
    const code = url.searchParams.get('code')
    if (code === null || code === '') {
      send(400, { name: 'noCode' })
      return this.fail(
        new PostlineFailure(
          'auth-failed',
          'Google did not send a sign-in code. Nothing was added.',
          { detail: 'noSignInCode' },
        ),
      )
    }
    this.settle()
    let answered = false
    const respond = (page: ResultPage): void => {
      if (answered) return
      answered = true
      send(200, page)
    }
    // Never leave the browser hanging if the caller forgets to answer.
    setTimeout(() => respond({ name: 'returnToPostline' }), 30_000).unref()
    this.resolveRedirect({ code, grantedScope: url.searchParams.get('scope'), respond })
  }
}

function answer(
  response: ServerResponse,
  status: number,
  page: ResultPage,
  language: DisplayLanguage,
): void {
  if (response.headersSent) return
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The code is in this page's URL: never send it on as a Referer.
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    // The page's language follows Accept-Language.
    Vary: 'Accept-Language',
    Connection: 'close',
  })
  response.end(renderResultPage(page, mainTranslator(language)))
}

function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function truncate(text: string): string {
  return text.replace(/[^\w.-]/g, '').slice(0, 60)
}
