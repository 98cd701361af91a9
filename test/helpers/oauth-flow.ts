import type { TestContext } from 'node:test'
import { buildAuthorizationUrl } from '../../src/main/auth/authorization-url'
import { createPkcePair } from '../../src/main/auth/pkce'
import { startSandbox } from '../../src/sandbox/index'
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index'

/** A loopback redirect; nothing listens there, the tests read the 302's Location instead. */
export const REDIRECT_URI = 'http://127.0.0.1:43117/oauth2/callback'
export const STATE = 'state-3f1c'

/** A sandbox that closes when the test ends. */
export async function sandboxFor(t: TestContext, options?: SandboxOptions): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  t.after(() => sandbox.close())
  return sandbox
}

/** An RFC 7636 verifier and its S256 challenge, made by Postline's own PKCE code. */
export function pkce(): { verifier: string; challenge: string } {
  const { verifier, challenge } = createPkcePair()
  return { verifier, challenge }
}

/**
 * Postline's authorization request, built by Postline's own builder; `overrides` then replace
 * parameters, and one set to undefined is left out (to see how the sandbox answers a bad request).
 */
export function authorizationUrl(
  sandbox: Sandbox,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): string {
  const url = new URL(
    buildAuthorizationUrl({
      authorizationUrl: sandbox.endpoints.authorizationUrl,
      clientId: sandbox.clientId,
      redirectUri: REDIRECT_URI,
      state: STATE,
      codeChallenge: challenge,
    }),
  )
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) url.searchParams.delete(key)
    else url.searchParams.set(key, value)
  }
  return url.toString()
}

/** One `<input>` of a page, its attributes unescaped; a bare attribute has the value `true`. */
export type InputAttributes = Record<string, string | true>

export function inputsOf(html: string): InputAttributes[] {
  return [...html.matchAll(/<input\b([^>]*)>/g)].map((match) => {
    const attributes: InputAttributes = {}
    for (const attribute of (match[1] ?? '').matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      attributes[attribute[1] as string] =
        attribute[2] === undefined ? true : unescapeHtml(attribute[2])
    }
    return attributes
  })
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** What a browser would submit by default: hidden fields, and ticked boxes that are enabled. */
function defaultFields(html: string): [string, string][] {
  const fields: [string, string][] = []
  for (const input of inputsOf(html)) {
    if (
      typeof input.name !== 'string' ||
      typeof input.value !== 'string' ||
      input.disabled === true
    )
      continue
    if (input.type === 'hidden' || input.checked === true) fields.push([input.name, input.value])
  }
  return fields
}

/** How the simulated person answers: which button, which account, which boxes unticked. */
export interface ConsentAnswer {
  readonly decision: 'allow' | 'deny'
  readonly identity?: string
  readonly untick?: readonly string[]
}

/** Submits the consent form with fetch as a browser would, without following the redirect. */
export async function submitConsent(
  sandbox: Pick<Sandbox, 'url'>,
  html: string,
  answer: ConsentAnswer,
): Promise<Response> {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1]
  if (action === undefined) throw new Error('no form on the consent page')
  const form = new URLSearchParams()
  for (const [name, value] of defaultFields(html)) {
    if (name === 'identity' && answer.identity !== undefined) continue
    if (name === 'scope' && answer.untick?.includes(value) === true) continue
    form.append(name, value)
  }
  if (answer.identity !== undefined) form.append('identity', answer.identity)
  form.append('decision', answer.decision)
  return fetch(new URL(unescapeHtml(action), sandbox.url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
}

/** Opens a consent page and answers it; returns the 302's target. */
export async function answerConsentAt(
  sandbox: Pick<Sandbox, 'url'>,
  url: string,
  answer: ConsentAnswer,
): Promise<URL> {
  const page = await fetch(url)
  const html = await page.text()
  if (page.status !== 200)
    throw new Error(`consent page answered ${page.status}: ${html.slice(0, 300)}`)
  const response = await submitConsent(sandbox, html, answer)
  const location = response.headers.get('location')
  if (response.status !== 302 || location === null)
    throw new Error(`consent answered ${response.status}`)
  return new URL(location)
}

/** Opens the consent page for a fresh request and answers it; returns the 302's target. */
export async function consent(
  sandbox: Sandbox,
  answer: ConsentAnswer,
  overrides: Record<string, string | undefined> = {},
): Promise<{ location: URL; verifier: string }> {
  const { verifier, challenge } = pkce()
  const location = await answerConsentAt(
    sandbox,
    authorizationUrl(sandbox, challenge, overrides),
    answer,
  )
  return { location, verifier }
}

/** An authorization code for an identity that allowed everything (or what `untick` leaves). */
export async function authorizationCode(
  sandbox: Sandbox,
  identity = 'ada@sandbox.test',
  untick: readonly string[] = [],
): Promise<{ code: string; verifier: string }> {
  const { location, verifier } = await consent(sandbox, { decision: 'allow', identity, untick })
  const code = location.searchParams.get('code')
  if (code === null) throw new Error(`no code in ${location.toString()}`)
  return { code, verifier }
}

/** POSTs a form to the token endpoint as google-auth-library does. */
export function postToken(
  sandbox: Sandbox,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(sandbox.endpoints.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  })
}

/** The code-exchange body Postline sends; `overrides` replace fields. */
export function exchangeCode(
  sandbox: Sandbox,
  code: string,
  verifier: string,
  overrides: Record<string, string> = {},
): Promise<Response> {
  return postToken(sandbox, {
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    code,
    code_verifier: verifier,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT_URI,
    ...overrides,
  })
}

/** The fields of a successful token response. */
export interface TokenBody {
  access_token: string
  expires_in: number
  refresh_token?: string
  scope: string
  token_type: string
  id_token?: string
}

/** Signs an identity in and exchanges the code: the tokens Postline would keep. */
export async function signIn(sandbox: Sandbox, identity = 'ada@sandbox.test'): Promise<TokenBody> {
  const { code, verifier } = await authorizationCode(sandbox, identity)
  const response = await exchangeCode(sandbox, code, verifier)
  if (response.status !== 200) throw new Error(`code exchange answered ${response.status}`)
  return (await response.json()) as TokenBody
}

export function refresh(sandbox: Sandbox, refreshToken: string): Promise<Response> {
  return postToken(sandbox, {
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    refresh_token: refreshToken,
    grant_type: 'refresh_token',
  })
}

export function userinfo(sandbox: Sandbox, accessToken: string): Promise<Response> {
  return fetch(sandbox.endpoints.userinfoUrl, {
    headers: { Authorization: `Bearer ${accessToken}` },
  })
}

/** The claims of a JWT, unverified. */
export function jwtClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1]
  if (payload === undefined) throw new Error(`not a JWT: ${jwt}`)
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}
