import { escapeHtml, page } from './html'
import { GMAIL_SEND_SCOPE, USERINFO_EMAIL_SCOPE, USERINFO_PROFILE_SCOPE } from './google-facts'
import type { SandboxIdentity } from './types'

/**
 * Sign-in scopes cannot be refused on Google's granular consent screen; only the others
 * (here gmail.send) get a checkbox the person may untick.
 */
const SIGN_IN_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'email',
  'profile',
  USERINFO_EMAIL_SCOPE,
  USERINFO_PROFILE_SCOPE,
])

/** Whether a scope is always granted when the person allows the request. */
export function isSignInScope(scope: string): boolean {
  return SIGN_IN_SCOPES.has(scope)
}

/** Whether a grant's scopes let its access token read the address (OpenID `email`). */
export function hasEmailScope(scopes: readonly string[]): boolean {
  return scopes.includes('email') || scopes.includes(USERINFO_EMAIL_SCOPE)
}

/** Whether a grant's scopes let its access token read the name (OpenID `profile`). */
export function hasProfileScope(scopes: readonly string[]): boolean {
  return scopes.includes('profile') || scopes.includes(USERINFO_PROFILE_SCOPE)
}

interface ScopeRow {
  readonly scopes: readonly string[]
  readonly label: string
  readonly required: boolean
}

/** The wording follows Google's consent screen. */
function scopeRows(requested: readonly string[]): ScopeRow[] {
  const rows: ScopeRow[] = []
  const has = (scope: string): boolean => requested.includes(scope)
  const email = requested.filter((s) => s === 'email' || s === USERINFO_EMAIL_SCOPE)
  if (email.length > 0) {
    rows.push({
      scopes: [...(has('openid') ? ['openid'] : []), ...email],
      label: 'See your email address',
      required: true,
    })
  } else if (has('openid')) {
    rows.push({
      scopes: ['openid'],
      label: 'Associate you with your personal info on Google',
      required: true,
    })
  }
  const profile = requested.filter((s) => s === 'profile' || s === USERINFO_PROFILE_SCOPE)
  if (profile.length > 0) {
    rows.push({
      scopes: profile,
      label: 'See your personal info, including any personal info you’ve made publicly available',
      required: true,
    })
  }
  for (const scope of requested) {
    if (isSignInScope(scope)) continue
    rows.push({
      scopes: [scope],
      label: scope === GMAIL_SEND_SCOPE ? 'Send email on your behalf' : scope,
      required: false,
    })
  }
  return rows
}

/** What the consent page shows. */
export interface ConsentPageModel {
  readonly requestId: string
  readonly formAction: string
  readonly identities: readonly SandboxIdentity[]
  readonly selectedEmail: string
  readonly requestedScopes: readonly string[]
  readonly clientId: string
  readonly redirectUri: string
}

/**
 * The consent screen. Stable names for tests: radios `identity` (value: email), checkboxes
 * `scope` (value: the scope), buttons `decision` = `allow` / `deny`, hidden `request`.
 */
export function consentPage(model: ConsentPageModel): string {
  const identities = model.identities
    .map((identity, index) => {
      const id = `identity-${index}`
      const checked = identity.email === model.selectedEmail ? ' checked' : ''
      return `<label class="option" for="${id}"><input type="radio" id="${id}" name="identity" value="${escapeHtml(identity.email)}"${checked}><span>${escapeHtml(identity.name)}<small>${escapeHtml(identity.email)}</small></span></label>`
    })
    .join('\n')
  const scopes = scopeRows(model.requestedScopes)
    .map((row, index) => {
      const id = `scope-${index}`
      if (row.required) {
        const hidden = row.scopes
          .map((scope) => `<input type="hidden" name="scope" value="${escapeHtml(scope)}">`)
          .join('')
        return `<label class="option" for="${id}"><input type="checkbox" id="${id}" checked disabled><span>${escapeHtml(row.label)}<small>Always shared when you sign in</small></span></label>${hidden}`
      }
      const value = escapeHtml(row.scopes[0] ?? '')
      return `<label class="option" for="${id}"><input type="checkbox" id="${id}" name="scope" value="${value}" checked><span>${escapeHtml(row.label)}<small>${value}</small></span></label>`
    })
    .join('\n')
  const returnTo = new URL(model.redirectUri).origin
  return page(
    'Sign in – Postline Sandbox',
    `<h1>Sign in to continue to Postline</h1>
<p class="muted">Client <code>${escapeHtml(model.clientId)}</code></p>
<form method="post" action="${escapeHtml(model.formAction)}">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<fieldset>
<legend>Choose an account</legend>
${identities}
</fieldset>
<fieldset>
<legend>Postline wants to</legend>
${scopes}
</fieldset>
<p class="muted">Your answer is sent back to <code>${escapeHtml(returnTo)}</code>. Untick a permission to refuse it.</p>
<div class="actions">
<button type="submit" id="deny" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" id="allow" name="decision" value="allow" class="primary">Allow</button>
</div>
</form>`,
  )
}

/** Google's error page for a request it will not redirect: `Error 400: redirect_uri_mismatch`. */
export function errorPage(status: number, error: string, detail: string): string {
  const heading =
    error === 'invalid_client'
      ? 'Access blocked: Authorization Error'
      : 'Access blocked: This app’s request is invalid'
  return page(
    `Error ${status}: ${error}`,
    `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(detail)}</p>
<p class="code" id="error-code">Error ${status}: ${escapeHtml(error)}</p>`,
  )
}
