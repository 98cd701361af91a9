/**
 * The one redaction layer of Postline's log: every line goes through {@link redact} just before
 * it reaches a file or the console (see log.ts). It replaces what looks like a credential, wherever
 * it sits in the line (prose, a URL's query, a JSON body, a header):
 *
 * - Google access tokens (`ya29.…`), refresh tokens (`1//…`, also URL-encoded `1%2F%2F…`),
 *   authorization codes (`4/…`, `4%2F…`), OAuth client secrets (`GOCSPX-…`), JWTs (ID tokens);
 * - `Bearer …` credentials, and the value of any credential-named query or JSON key
 *   (`access_token`, `code`, `state`, `code_verifier`, `client_secret`, …);
 * - any run of 32 or more base64url characters: PKCE verifiers (43–128), sign-in `state` (32),
 *   keys and hashes. UUIDs and Google client IDs (public) are kept, so the log can name a draft,
 *   an outbox entry or the OAuth client.
 *
 * Message bodies and attachment names cannot be recognised by their shape: the logger's API
 * (log.ts) takes a message and a record of named fields and withholds fields named like content.
 */

/** Placeholders (`[…]`) are left alone by every pattern, so redacting twice changes nothing. */
const PATTERNS: readonly (readonly [RegExp, string | ((match: string) => string)])[] = [
  [/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[jwt]'],
  [/\bya29\.[\w.~-]*[\w~-]/g, '[access-token]'],
  [/(?<![\w/%])1(?:\/\/|%2F%2F)[\w~%-]+/gi, '[refresh-token]'],
  [/(?<![\w/%])4(?:\/|%2F)[\w~%-]{10,}/gi, '[authorization-code]'],
  [/\bGOCSPX-[\w-]+/g, '[client-secret]'],
  // `key=value` in a URL, form body or header; `"key": "value"` in JSON (where `code` and `state`
  // are left to the shapes above and below: Postline's own fields use them for error codes).
  [
    /([?&#;\s]|^)((?:access_token|refresh_token|id_token|code|code_verifier|code_challenge|client_secret|state|assertion|password|token|login_hint)=)(?!\[)[^&#\s"']+/gi,
    '$1$2[redacted]',
  ],
  [
    /("(?:access_token|refresh_token|id_token|code_verifier|client_secret|assertion|password|token)"\s*:\s*")(?!\[)(?:[^"\\]|\\.)*"/gi,
    '$1[redacted]"',
  ],
  [
    /(?<![\w-])[\w-]{32,}(?![\w-])(?!\.apps\.googleusercontent\.com)/g,
    (match) => (UUID.test(match) || /^[-_]+$/.test(match) ? match : '[redacted]'),
  ],
]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `text` with every credential-shaped part replaced by a placeholder. */
export function redact(text: string): string {
  let result = text
  for (const [pattern, replacement] of PATTERNS) {
    result =
      typeof replacement === 'string'
        ? result.replace(pattern, replacement) // `$1`-style group references
        : result.replace(pattern, (match) => replacement(match))
  }
  return result
}
