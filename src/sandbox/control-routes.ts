import type { ServerResponse } from 'node:http'
import { escapeHtml, page } from './html'
import { redirect, sendHtml, sendJson } from './routing'
import type { Route, RouteRequest } from './routing'
import type { Sandbox, SandboxFault } from './types'
import { WORDS, requestLanguage, type SandboxLanguage, type SandboxWords } from './words'

/** Thrown by the controls for an address the sandbox does not know. */
export class UnknownIdentityError extends Error {
  override readonly name = 'UnknownIdentityError'
  constructor(readonly email: string) {
    super(`The sandbox has no identity ${email}`)
  }
}

/** A form on the index page wants the page back; a script wants JSON. */
function answer(request: RouteRequest, response: ServerResponse, body: unknown): void {
  if ((request.headers.accept ?? '').includes('text/html')) redirect(response, '/', 303)
  else sendJson(response, 200, body)
}

function state(sandbox: Sandbox): unknown {
  return {
    url: sandbox.url,
    clientId: sandbox.clientId,
    endpoints: sandbox.endpoints,
    identities: sandbox.identities,
    sendAs: Object.fromEntries(
      sandbox.identities.map((identity) => [
        identity.email,
        sandbox.sendAsAddresses(identity.email),
      ]),
    ),
    liveGrants: sandbox.liveGrants(),
    revocations: sandbox.revocations(),
    messageCount: sandbox.mailbox().length,
    requestCount: sandbox.requests().length,
  }
}

function withIdentity(
  request: RouteRequest,
  response: ServerResponse,
  action: (email: string | undefined) => void,
  required: boolean,
): void {
  const email = request.url.searchParams.get('email') ?? undefined
  if (email === undefined && required) {
    sendJson(response, 400, {
      error: 'invalid_request',
      error_description: 'Missing parameter: email',
    })
    return
  }
  try {
    action(email)
  } catch (error) {
    if (!(error instanceof UnknownIdentityError)) throw error
    sendJson(response, 404, { error: 'not_found', error_description: error.message })
    return
  }
  answer(request, response, { ok: true })
}

/** `POST /_sandbox/fail` with `{ "pathPrefix": "/token", "fault": { "kind": "drop" }, "times": 1 }`. */
async function fail(
  sandbox: Sandbox,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  try {
    const body = JSON.parse((await request.body()).toString('utf8')) as {
      pathPrefix?: unknown
      fault?: unknown
      times?: unknown
    }
    if (
      typeof body.pathPrefix !== 'string' ||
      typeof body.fault !== 'object' ||
      body.fault === null
    ) {
      throw new TypeError('Expected { pathPrefix: string, fault: object, times?: number }')
    }
    sandbox.failNext(
      body.pathPrefix,
      body.fault as SandboxFault,
      typeof body.times === 'number' ? body.times : 1,
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendJson(response, 400, { error: 'invalid_request', error_description: message })
    return
  }
  sendJson(response, 200, { ok: true })
}

/** The revoke and expire buttons of one identity (only with test controls). */
function identityButtons(email: string, words: SandboxWords): string {
  const query = encodeURIComponent(email)
  return `<form class="inline" method="post" action="/_sandbox/revoke?email=${query}"><button type="submit" class="secondary">${escapeHtml(words.revokeAccess)}</button></form>
<form class="inline" method="post" action="/_sandbox/expire?email=${query}"><button type="submit" class="secondary">${escapeHtml(words.expireTokens)}</button></form>`
}

function indexPage(sandbox: Sandbox, testControls: boolean, language: SandboxLanguage): string {
  const words = WORDS[language]
  const grants = sandbox.liveGrants()
  const rows = sandbox.identities
    .map((identity) => {
      const live = grants.filter((grant) => grant.email === identity.email).length
      const buttons = testControls ? identityButtons(identity.email, words) : ''
      return `<tr><td>${escapeHtml(identity.name)}<br><small>${escapeHtml(identity.email)}</small></td><td>${live}</td>
<td>${buttons}</td></tr>`
    })
    .join('\n')
  const endpoints = Object.entries(sandbox.endpoints)
    .map(
      ([name, url]) =>
        `<tr><td>${escapeHtml(name)}</td><td><code>${escapeHtml(url)}</code></td></tr>`,
    )
    .join('\n')
  return page(
    'Postline Sandbox',
    `<h1>Postline Sandbox</h1>
<p class="muted">${escapeHtml(words.indexIntro)} ${escapeHtml(words.clientId)} <code>${escapeHtml(sandbox.clientId)}</code></p>
<table><tr><th>${escapeHtml(words.account)}</th><th>${escapeHtml(words.liveGrants)}</th><th></th></tr>
${rows}
</table>
<p><a href="/_sandbox/mailbox.html">${escapeHtml(words.mailboxLink)}</a> ${escapeHtml(words.mailboxCount(sandbox.mailbox().length))} · <a href="/_sandbox/send-as.html">${escapeHtml(words.sendAsLink)}</a> · <a href="/_sandbox/state">${escapeHtml(words.stateAsJson)}</a> · ${escapeHtml(words.revocations(sandbox.revocations().length))} · ${escapeHtml(words.requests(sandbox.requests().length))}</p>
<table><tr><th>${escapeHtml(words.endpoint)}</th><th>URL</th></tr>
${endpoints}
</table>`,
    language,
  )
}

/**
 * The index page and the read-only state view, for people; with `testControls`, also the POST
 * routes under `/_sandbox/` that revoke, expire and inject faults, for tests.
 */
export function controlRoutes(sandbox: Sandbox, testControls: boolean): Route[] {
  const views: Route[] = [
    {
      method: 'GET',
      path: '/',
      control: true,
      handle: (request, response) => {
        const language = requestLanguage(request.headers, request.url.searchParams.get('hl'))
        sendHtml(response, 200, indexPage(sandbox, testControls, language))
      },
    },
    {
      method: 'GET',
      path: '/favicon.ico',
      control: true,
      handle: (_request, response) => {
        response.writeHead(204)
        response.end()
      },
    },
    {
      method: 'GET',
      path: '/_sandbox/state',
      control: true,
      handle: (_request, response) => sendJson(response, 200, state(sandbox)),
    },
  ]
  if (!testControls) return views
  return [
    ...views,
    {
      method: 'POST',
      path: '/_sandbox/revoke',
      control: true,
      handle: (request, response) =>
        withIdentity(request, response, (email) => sandbox.revokeGrant(email as string), true),
    },
    {
      method: 'POST',
      path: '/_sandbox/withdraw-scope',
      control: true,
      handle: (request, response) => {
        const scope = request.url.searchParams.get('scope')
        if (scope === null || scope === '') {
          sendJson(response, 400, {
            error: 'invalid_request',
            error_description: 'Missing parameter: scope',
          })
          return
        }
        withIdentity(
          request,
          response,
          (email) => sandbox.withdrawScope(email as string, scope),
          true,
        )
      },
    },
    {
      method: 'POST',
      path: '/_sandbox/expire',
      control: true,
      handle: (request, response) =>
        withIdentity(request, response, (email) => sandbox.expireAccessTokens(email), false),
    },
    {
      method: 'POST',
      path: '/_sandbox/fail',
      control: true,
      handle: (request, response) => fail(sandbox, request, response),
    },
  ]
}
