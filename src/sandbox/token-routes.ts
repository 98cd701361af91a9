import { createHmac } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { hasEmailScope, hasProfileScope } from './consent-page'
import type { SandboxContext } from './context'
import { REVOCATION_PATH, TOKEN_PATH, USERINFO_PATH } from './google-facts'
import type { IssuedAccessToken } from './grant-store'
import { MalformedBodyError, NO_STORE, readParams, sendJson } from './routing'
import type { Route, RouteRequest } from './routing'

/** Google's token-endpoint error shape (RFC 6749 §5.2). */
function oauthError(
  response: ServerResponse,
  status: number,
  error: string,
  description: string,
): void {
  sendJson(response, status, { error, error_description: description }, NO_STORE)
}

type ClientCheck =
  { ok: true; clientId: string } | { ok: false; status: number; error: string; description: string }

/** Client authentication by HTTP Basic or by body parameters (RFC 6749 §2.3.1). */
function authenticateClient(
  request: RouteRequest,
  params: URLSearchParams,
  context: SandboxContext,
): ClientCheck {
  let clientId = params.get('client_id')
  let clientSecret = params.get('client_secret')
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  if (basic !== null) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon === -1 ? undefined : colon))
      clientSecret = colon === -1 ? null : decodeURIComponent(decoded.slice(colon + 1))
    } catch {
      return { ok: false, status: 401, error: 'invalid_client', description: 'Unauthorized' }
    }
  }
  if (clientId === null || clientId === '') {
    return {
      ok: false,
      status: 400,
      error: 'invalid_request',
      description: 'Could not determine client ID from request.',
    }
  }
  if (clientId !== context.clientId) {
    return {
      ok: false,
      status: 401,
      error: 'invalid_client',
      description: 'The OAuth client was not found.',
    }
  }
  if (clientSecret === null || clientSecret === '') {
    return {
      ok: false,
      status: 400,
      error: 'invalid_request',
      description: 'client_secret is missing.',
    }
  }
  if (clientSecret !== context.clientSecret) {
    return { ok: false, status: 401, error: 'invalid_client', description: 'Unauthorized' }
  }
  return { ok: true, clientId }
}

/**
 * An OpenID ID token. Signed with HS256 and the client secret (OpenID Connect Core §10.1), so it
 * is a well-formed JWT that no one can mistake for one of Google's (RS256, iss accounts.google.com).
 */
function idToken(context: SandboxContext, issued: IssuedAccessToken): string {
  const { identity, scopes } = issued.grant
  const iat = Math.floor(Date.now() / 1000)
  const claims: Record<string, unknown> = {
    iss: context.origin(),
    azp: context.clientId,
    aud: context.clientId,
    sub: identity.sub,
    iat,
    exp: iat + 3600,
  }
  if (hasEmailScope(scopes)) Object.assign(claims, { email: identity.email, email_verified: true })
  if (hasProfileScope(scopes)) Object.assign(claims, nameClaims(identity.name))
  const encode = (part: unknown): string => Buffer.from(JSON.stringify(part)).toString('base64url')
  const signingInput = `${encode({ alg: 'HS256', kid: 'postline-sandbox', typ: 'JWT' })}.${encode(claims)}`
  const signature = createHmac('sha256', context.clientSecret)
    .update(signingInput)
    .digest('base64url')
  return `${signingInput}.${signature}`
}

function nameClaims(name: string): Record<string, string> {
  const [given = name, ...family] = name.split(' ')
  return family.length > 0
    ? { name, given_name: given, family_name: family.join(' ') }
    : { name, given_name: given }
}

/** Google's success body; the refresh token only on a code exchange (Google does not rotate it). */
function tokenBody(
  context: SandboxContext,
  issued: IssuedAccessToken,
  refreshToken?: string,
): Record<string, unknown> {
  return {
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: issued.grant.scopes.join(' '),
    token_type: 'Bearer',
    ...(issued.grant.scopes.includes('openid') ? { id_token: idToken(context, issued) } : {}),
  }
}

async function token(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  let params: URLSearchParams
  try {
    params = await readParams(request)
  } catch (error) {
    if (!(error instanceof MalformedBodyError)) throw error
    oauthError(response, 400, 'invalid_request', error.message)
    return
  }
  const grantType = params.get('grant_type')
  if (grantType !== null) request.note({ grantType })
  const client = authenticateClient(request, params, context)
  if (!client.ok) {
    oauthError(response, client.status, client.error, client.description)
    return
  }
  if (grantType === 'authorization_code') {
    const code = params.get('code')
    if (code === null) {
      oauthError(response, 400, 'invalid_request', 'Missing required parameter: code')
      return
    }
    const result = context.store.redeemCode({
      code,
      clientId: client.clientId,
      redirectUri: params.get('redirect_uri') ?? undefined,
      codeVerifier: params.get('code_verifier') ?? undefined,
    })
    if (!result.ok) oauthError(response, 400, 'invalid_grant', result.description)
    else sendJson(response, 200, tokenBody(context, result, result.grant.refreshToken), NO_STORE)
    return
  }
  if (grantType === 'refresh_token') {
    const refreshToken = params.get('refresh_token')
    if (refreshToken === null) {
      oauthError(response, 400, 'invalid_request', 'Missing required parameter: refresh_token')
      return
    }
    const result = context.store.refresh(refreshToken, client.clientId)
    if (!result.ok) oauthError(response, 400, 'invalid_grant', result.description)
    else sendJson(response, 200, tokenBody(context, result), NO_STORE)
    return
  }
  oauthError(response, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`)
}

/** google-auth-library sends `POST /revoke?token=…` with no body; a form body works too. */
async function revoke(
  context: SandboxContext,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  let tokenValue = request.url.searchParams.get('token')
  if (tokenValue === null) {
    try {
      tokenValue = (await readParams(request)).get('token')
    } catch (error) {
      if (!(error instanceof MalformedBodyError)) throw error
    }
  }
  if (tokenValue === null || tokenValue === '') {
    oauthError(response, 400, 'invalid_request', 'Bad Request')
    return
  }
  const revoked = context.store.revokeToken(tokenValue)
  if (revoked === undefined) {
    oauthError(response, 400, 'invalid_token', 'Token expired or revoked')
    return
  }
  context.activity.revocation(revoked.grant.identity.email, revoked.tokenKind)
  sendJson(response, 200, {})
}

/** OpenID userinfo: claims follow the granted scopes, as Google's do. */
function userinfo(context: SandboxContext, request: RouteRequest, response: ServerResponse): void {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  const check = bearer === null ? undefined : context.store.checkAccessToken(bearer[1] as string)
  if (check === undefined || !check.ok || !hasEmailScope(check.grant.scopes)) {
    sendJson(
      response,
      401,
      { error: 'invalid_request', error_description: 'Invalid Credentials' },
      { ...NO_STORE, 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    )
    return
  }
  const { identity, scopes } = check.grant
  sendJson(
    response,
    200,
    {
      sub: identity.sub,
      ...(hasProfileScope(scopes) ? nameClaims(identity.name) : {}),
      email: identity.email,
      email_verified: true,
    },
    NO_STORE,
  )
}

/** Token, revocation and userinfo endpoints. */
export function tokenRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'POST',
      path: TOKEN_PATH,
      handle: (request, response) => token(context, request, response),
    },
    {
      method: 'POST',
      path: REVOCATION_PATH,
      handle: (request, response) => revoke(context, request, response),
    },
    {
      method: ['GET', 'POST'],
      path: USERINFO_PATH,
      handle: (request, response) => userinfo(context, request, response),
    },
  ]
}
