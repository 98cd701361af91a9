import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'

/** The HTTP methods the sandbox routes on. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What a route handler sees of a request. */
export interface RouteRequest {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  /** Values of `:name` segments in the route's path. */
  readonly params: Readonly<Record<string, string>>
  /** The whole body, read once and kept; rejects with {@link BodyTooLargeError} past the route's limit. */
  body(): Promise<Buffer>
  /** The body as it arrives, for routes that stream large bodies; such a route never calls `body()`. */
  readonly bodyStream: Readable
  /** Adds detail to this request's entry in the request log. */
  note(detail: { grantType?: string }): void
}

/** One entry of the route table. */
export interface Route {
  readonly method: HttpMethod | readonly HttpMethod[]
  /** Exact path; a segment `:name` matches any one segment. */
  readonly path: string
  /** Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Control routes (pages and `/_sandbox/`): not logged and never given a fault. */
  readonly control?: boolean
  handle(request: RouteRequest, response: ServerResponse): void | Promise<void>
}

/** A request body above the route's limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`)
  }
}

/** A body the route cannot parse. */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError'
}

/** The result of looking a request up in the route table. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' }

/** A small route table; later parts of the sandbox (Gmail) add their own routes to it. */
export class Router {
  constructor(private readonly routes: readonly Route[]) {}

  match(method: string, path: string): RouteMatch {
    const allow: string[] = []
    for (const route of this.routes) {
      const params = matchPath(route.path, path)
      if (params === undefined) continue
      const methods: readonly string[] =
        typeof route.method === 'string' ? [route.method] : route.method
      if (methods.includes(method)) return { kind: 'found', route, params }
      allow.push(...methods)
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' }
  }
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string
    const actual = got[i] as string
    if (segment.startsWith(':') && actual !== '') {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual)
      } catch {
        return undefined
      }
    } else if (segment !== actual) {
      return undefined
    }
  }
  return params
}

/** Reads a whole body, refusing more than `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > limit) throw new BodyTooLargeError(limit)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Parameters of a form-encoded body, or of a JSON object body (some OAuth clients send JSON to
 * the token endpoint, and Google accepts it).
 */
export async function readParams(request: RouteRequest): Promise<URLSearchParams> {
  const body = (await request.body()).toString('utf8')
  const type = (request.headers['content-type'] ?? '').toLowerCase()
  if (!type.includes('json')) return new URLSearchParams(body)
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new MalformedBodyError('Request body is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MalformedBodyError('Request body is not a JSON object')
  }
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.append(key, String(value))
    }
  }
  return params
}

/** Headers Google puts on token and userinfo answers so nothing caches a credential. */
export const NO_STORE = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  response.end(text)
}

/** Pages: no scripts, no external resources, no framing. */
export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  })
  response.end(html)
}

export function redirect(response: ServerResponse, location: string, status = 302): void {
  response.writeHead(status, {
    Location: location,
    'Content-Length': 0,
    'Cache-Control': 'no-store',
  })
  response.end()
}

/**
 * Adds query parameters to a URL that may already have some, encoding spaces as `%20` (not `+`)
 * so both URLSearchParams and plain decodeURIComponent read them back.
 */
export function withQuery(
  base: string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(base)
  const added = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
  if (added.length === 0) return url.toString()
  const existing = url.search.length > 1 ? `${url.search.slice(1)}&` : ''
  url.search = `?${existing}${added.join('&')}`
  return url.toString()
}
