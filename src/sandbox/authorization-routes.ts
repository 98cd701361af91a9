import type { ServerResponse } from 'node:http'
import { consentPage, errorPage, isSignInScope } from './consent-page'
import type { SandboxContext } from './context'
import { AUTHORIZATION_PATH } from './google-facts'
import { readParams, redirect, sendHtml, withQuery } from './routing'
import type { Route, RouteRequest } from './routing'
import { WORDS, requestLanguage, type SandboxWords } from './words'

/** Where the consent form posts the person's answer. */
export const CONSENT_DECISION_PATH = `${AUTHORIZATION_PATH}/decision`

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * Desktop clients may only use a loopback `http` redirect (RFC 8252 §7.3, Google's loopback
 * flow); the port is free, a fragment is never allowed (RFC 6749 §3.1.2).
 */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return false
  }
  return (
    url.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.username === '' &&
    url.password === '' &&
    !uri.includes('#')
  )
}

/** A refusal shown as a page, because the redirect target cannot be trusted (RFC 6749 §4.1.2.1). */
class PageError {
  constructor(
    readonly status: number,
    readonly error: string,
    /** Google's explanation, in the page's language. */
    readonly detail: (words: SandboxWords) => string,
  ) {}
}

function splitScopes(scope: string | null): string[] {
  return [...new Set((scope ?? '').split(/\s+/).filter(Boolean))]
}

interface ValidRequest {
  readonly clientId: string
  readonly redirectUri: string
  readonly state: string | undefined
  readonly scopes: string[]
  readonly codeChallenge: string
  readonly loginHint: string | undefined
  readonly prompt: readonly string[]
  readonly includeGrantedScopes: boolean
}

/** Checks an authorization request the way Google does; a bad one gets an error page, no redirect. */
function validate(query: URLSearchParams, context: SandboxContext): ValidRequest {
  const clientId = query.get('client_id')
  if (clientId === null || clientId !== context.clientId) {
    throw new PageError(401, 'invalid_client', (w) => w.clientNotFound)
  }
  const redirectUri = query.get('redirect_uri')
  if (redirectUri === null || !isLoopbackRedirect(redirectUri)) {
    throw new PageError(400, 'redirect_uri_mismatch', (w) => w.redirectNotLoopback)
  }
  const responseType = query.get('response_type')
  if (responseType !== 'code') {
    throw new PageError(400, 'unsupported_response_type', (w) =>
      w.invalidResponseType(responseType ?? w.missing),
    )
  }
  const scopes = splitScopes(query.get('scope'))
  if (scopes.length === 0)
    throw new PageError(400, 'invalid_request', (w) => w.missingParameter('scope'))
  if (!scopes.includes('openid')) {
    throw new PageError(400, 'invalid_scope', (w) => w.openIdRequired)
  }
  const codeChallenge = query.get('code_challenge')
  if (codeChallenge === null) {
    throw new PageError(400, 'invalid_request', (w) => w.pkceRequired)
  }
  if (query.get('code_challenge_method') !== 'S256') {
    throw new PageError(400, 'invalid_request', (w) => w.s256Required)
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    throw new PageError(400, 'invalid_request', (w) => w.challengeShape)
  }
  const accessType = query.get('access_type')
  if (accessType !== null && accessType !== 'online' && accessType !== 'offline') {
    throw new PageError(400, 'invalid_request', (w) => w.invalidAccessType(accessType))
  }
  return {
    clientId,
    redirectUri,
    state: query.get('state') ?? undefined,
    scopes,
    codeChallenge,
    loginHint: query.get('login_hint') ?? undefined,
    prompt: splitScopes(query.get('prompt')),
    includeGrantedScopes: query.get('include_granted_scopes') === 'true',
  }
}

function showAuthorization(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): void {
  const language = requestLanguage(request.headers, request.url.searchParams.get('hl'))
  let valid: ValidRequest
  try {
    valid = validate(request.url.searchParams, context)
  } catch (error) {
    if (!(error instanceof PageError)) throw error
    sendHtml(
      response,
      error.status,
      errorPage(error.status, error.error, error.detail(WORDS[language]), language),
    )
    return
  }
  // The sandbox has no signed-in session to reuse, so a silent request cannot succeed.
  if (valid.prompt.includes('none')) {
    redirect(
      response,
      withQuery(valid.redirectUri, { error: 'interaction_required', state: valid.state }),
    )
    return
  }
  // access_type is accepted (every sandbox grant gets a refresh token); include_granted_scopes
  // adds what the person granted earlier once they allow (incremental authorization).
  const consent = context.store.openConsent({
    clientId: valid.clientId,
    redirectUri: valid.redirectUri,
    state: valid.state,
    codeChallenge: valid.codeChallenge,
    scopes: valid.scopes,
    loginHint: valid.loginHint,
    includeGrantedScopes: valid.includeGrantedScopes,
  })
  const hint = valid.loginHint?.toLowerCase()
  const hinted = context.identities.find((identity) => identity.email.toLowerCase() === hint)
  sendHtml(
    response,
    200,
    consentPage({
      requestId: consent.id,
      formAction: CONSENT_DECISION_PATH,
      identities: context.identities,
      selectedEmail: (hinted ?? context.identities[0])?.email ?? '',
      requestedScopes: valid.scopes,
      clientId: valid.clientId,
      redirectUri: valid.redirectUri,
      language,
    }),
  )
}

async function answerConsent(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  const form = await readParams(request)
  const language = requestLanguage(request.headers, form.get('hl'))
  const refuse = (detail: (words: SandboxWords) => string): void =>
    sendHtml(response, 400, errorPage(400, 'invalid_request', detail(WORDS[language]), language))
  const consent = context.store.consent(form.get('request') ?? '')
  if (consent === undefined) {
    refuse((w) => w.consentExpired)
    return
  }
  const decision = form.get('decision')
  if (decision === 'deny') {
    context.store.closeConsent(consent.id)
    redirect(
      response,
      withQuery(consent.redirectUri, { error: 'access_denied', state: consent.state }),
    )
    return
  }
  if (decision !== 'allow') {
    refuse((w) => w.chooseAllowOrDeny)
    return
  }
  const identity = context.identities.find((candidate) => candidate.email === form.get('identity'))
  if (identity === undefined) {
    refuse((w) => w.chooseSandboxAccount)
    return
  }
  context.store.closeConsent(consent.id)
  const ticked = new Set(form.getAll('scope'))
  const chosen = consent.scopes.filter((scope) => isSignInScope(scope) || ticked.has(scope))
  const earlier = consent.includeGrantedScopes
    ? context.store.grantedScopes(identity.email, consent.clientId)
    : []
  const granted = [...new Set([...chosen, ...earlier])]
  const code = context.store.issueCode({
    clientId: consent.clientId,
    redirectUri: consent.redirectUri,
    codeChallenge: consent.codeChallenge,
    identity,
    scopes: granted,
  })
  redirect(
    response,
    withQuery(consent.redirectUri, { code, scope: granted.join(' '), state: consent.state }),
  )
}

/** The authorization endpoint: validation, the consent page, and the person's answer. */
export function authorizationRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      path: AUTHORIZATION_PATH,
      handle: (request, response) => showAuthorization(context, request, response),
    },
    {
      method: 'POST',
      path: CONSENT_DECISION_PATH,
      handle: (request, response) => answerConsent(context, request, response),
    },
  ]
}
