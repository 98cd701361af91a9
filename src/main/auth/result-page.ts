import type { ErrorCode } from '../../shared/errors'
import { acceptLanguageTags, languageOf, type DisplayLanguage } from '../../shared/i18n/languages'
import type { MainTranslator } from '../i18n/translate'

/** The pages the loopback listener can answer the browser with (their words: pages.json). */
export const RESULT_PAGES = [
  'signedIn',
  'returnToPostline',
  'notFinished',
  'badHost',
  'methodNotAllowed',
  'notFound',
  'alreadyFinished',
  'notCurrent',
  'denied',
  'refused',
  'noCode',
] as const

/** One of {@link RESULT_PAGES}. */
export type ResultPageName = (typeof RESULT_PAGES)[number]

/**
 * The small page the loopback listener answers the browser with: which page, and what its words
 * need (an address, Google's reason). It is worded when it is sent, in the browser's language.
 */
export interface ResultPage {
  readonly name: ResultPageName
  readonly params?: Readonly<Record<string, string>>
}

/** The page that says a sign-in ended with `code` after Google answered, without English in it. */
export function notFinishedPage(code: ErrorCode | null): ResultPage {
  const reasons: Partial<Record<ErrorCode, string>> = {
    cancelled: 'cancelled',
    'scope-not-granted': 'scope',
    'account-mismatch': 'otherAccount',
    'keychain-unavailable': 'keychain',
  }
  return { name: 'notFinished', params: { reason: (code && reasons[code]) ?? 'other' } }
}

/**
 * The language of a page for a browser that sent `acceptLanguage`: the first language it prefers
 * that Postline speaks, else the app's language.
 */
export function pageLanguage(
  acceptLanguage: string | undefined,
  appLanguage: DisplayLanguage,
): DisplayLanguage {
  for (const tag of acceptLanguageTags(acceptLanguage)) {
    const language = languageOf(tag)
    if (language) return language
  }
  return appLanguage
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/** A self-contained page (no scripts, no external resources) in light or dark, in `t`'s language. */
export function renderResultPage(page: ResultPage, t: MainTranslator): string {
  const title = t.t(`pages.${page.name}.title`, page.params)
  const body = t.t(`pages.${page.name}.body`, page.params)
  return `<!doctype html>
<html lang="${escapeHtml(t.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} · Postline</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 28rem; padding: 2rem; text-align: center; }
h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
p { line-height: 1.5; margin: 0; opacity: .85; }
.mark { font-size: .85rem; letter-spacing: .08em; text-transform: uppercase; opacity: .6; margin-bottom: 1rem; }
</style></head>
<body><main><div class="mark">Postline</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></main></body></html>`
}
