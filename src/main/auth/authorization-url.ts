import { SCOPES } from '../google-endpoints'

/** What goes into one authorization request. */
export interface AuthorizationRequest {
  readonly authorizationUrl: string
  readonly clientId: string
  readonly redirectUri: string
  readonly state: string
  readonly codeChallenge: string
  readonly loginHint?: string
}

/**
 * The URL the person's browser opens (Google's installed-app guide and RFC 8252):
 * `access_type=offline` and `prompt=consent` so Google returns a refresh token every time,
 * PKCE S256, `login_hint` when reconnecting a known address, and `include_granted_scopes=true`
 * (incremental authorization: an account added before `profile` was asked for gets it at its
 * next reconnect, and keeps what it granted earlier).
 */
export function buildAuthorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.authorizationUrl)
  const params: Record<string, string> = {
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: SCOPES.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
  }
  if (request.loginHint !== undefined) params.login_hint = request.loginHint
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}
