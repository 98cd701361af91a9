import { escapeHtml, page } from './html'
import { GMAIL_SEND_SCOPE, USERINFO_EMAIL_SCOPE, USERINFO_PROFILE_SCOPE } from './google-facts'
import type { SandboxIdentity } from './types'
import { WORDS, type SandboxLanguage, type SandboxWords } from './words'

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
function scopeRows(requested: readonly string[], words: SandboxWords): ScopeRow[] {
  const rows: ScopeRow[] = []
  const has = (scope: string): boolean => requested.includes(scope)
  const email = requested.filter((s) => s === 'email' || s === USERINFO_EMAIL_SCOPE)
  if (email.length > 0) {
    rows.push({
      scopes: [...(has('openid') ? ['openid'] : []), ...email],
      label: words.scopeEmail,
      required: true,
    })
  } else if (has('openid')) {
    rows.push({
      scopes: ['openid'],
      label: words.scopeOpenId,
      required: true,
    })
  }
  const profile = requested.filter((s) => s === 'profile' || s === USERINFO_PROFILE_SCOPE)
  if (profile.length > 0) {
    rows.push({
      scopes: profile,
      label: words.scopeProfile,
      required: true,
    })
  }
  for (const scope of requested) {
    if (isSignInScope(scope)) continue
    rows.push({
      scopes: [scope],
      label: scope === GMAIL_SEND_SCOPE ? words.scopeGmailSend : scope,
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
  /** The page's language (`hl`, else Accept-Language); the form sends it back as `hl`. */
  readonly language: SandboxLanguage
}

/**
 * The consent screen. Stable names for tests: radios `identity` (value: email), checkboxes
 * `scope` (value: the scope), buttons `decision` = `allow` / `deny`, hidden `request`.
 */
export function consentPage(model: ConsentPageModel): string {
  const words = WORDS[model.language]
  const identities = model.identities
    .map((identity, index) => {
      const id = `identity-${index}`
      const checked = identity.email === model.selectedEmail ? ' checked' : ''
      return `<label class="option" for="${id}"><input type="radio" id="${id}" name="identity" value="${escapeHtml(identity.email)}"${checked}><span>${escapeHtml(identity.name)}<small>${escapeHtml(identity.email)}</small></span></label>`
    })
    .join('\n')
  const scopes = scopeRows(model.requestedScopes, words)
    .map((row, index) => {
      const id = `scope-${index}`
      if (row.required) {
        const hidden = row.scopes
          .map((scope) => `<input type="hidden" name="scope" value="${escapeHtml(scope)}">`)
          .join('')
        return `<label class="option" for="${id}"><input type="checkbox" id="${id}" checked disabled><span>${escapeHtml(row.label)}<small>${escapeHtml(words.alwaysShared)}</small></span></label>${hidden}`
      }
      const value = escapeHtml(row.scopes[0] ?? '')
      return `<label class="option" for="${id}"><input type="checkbox" id="${id}" name="scope" value="${value}" checked><span>${escapeHtml(row.label)}<small>${value}</small></span></label>`
    })
    .join('\n')
  const returnTo = new URL(model.redirectUri).origin
  // The sentence around the origin is escaped; the origin goes in as code.
  const marker = '\u0000'
  const answerGoesTo = escapeHtml(words.answerGoesTo(marker)).replace(
    marker,
    `<code>${escapeHtml(returnTo)}</code>`,
  )
  return page(
    words.signInTitle,
    `<h1>${escapeHtml(words.signInHeading)}</h1>
<p class="muted">${escapeHtml(words.client)} <code>${escapeHtml(model.clientId)}</code></p>
<form method="post" action="${escapeHtml(model.formAction)}">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<input type="hidden" name="hl" value="${model.language}">
<fieldset>
<legend>${escapeHtml(words.chooseAccount)}</legend>
${identities}
</fieldset>
<fieldset>
<legend>${escapeHtml(words.appWantsTo)}</legend>
${scopes}
</fieldset>
<p class="muted">${answerGoesTo} ${escapeHtml(words.untickToRefuse)}</p>
<div class="actions">
<button type="submit" id="deny" name="decision" value="deny" class="secondary">${escapeHtml(words.deny)}</button>
<button type="submit" id="allow" name="decision" value="allow" class="primary">${escapeHtml(words.allow)}</button>
</div>
</form>`,
    model.language,
  )
}

/** Google's error page for a request it will not redirect: `Error 400: redirect_uri_mismatch`. */
export function errorPage(
  status: number,
  error: string,
  detail: string,
  language: SandboxLanguage = 'en',
): string {
  const words = WORDS[language]
  const heading =
    error === 'invalid_client' ? words.blockedAuthorization : words.blockedInvalidRequest
  return page(
    words.errorCode(status, error),
    `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(detail)}</p>
<p class="code" id="error-code">${escapeHtml(words.errorCode(status, error))}</p>`,
    language,
  )
}
