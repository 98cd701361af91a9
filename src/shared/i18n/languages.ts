/**
 * The languages Postline speaks. Adding one is a translation job: copy `src/locales/en/` to
 * `src/locales/<tag>/`, translate the JSON files, and add a line here (and to the two catalog
 * lists, `window-catalogs.ts` and `main-catalogs.ts` beside this file).
 */
export const LANGUAGES = ['en', 'pt-BR', 'es'] as const

/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number]

/**
 * A test-only pseudo-locale: English with accented letters, 40% longer, in brackets, so clipped
 * text and untranslated strings show on a screenshot. Never offered in Settings.
 */
export const PSEUDO_LANGUAGE = 'en-XA'

/** A language the window can run in: one of {@link LANGUAGES}, or the pseudo-locale in tests. */
export type DisplayLanguage = Language | typeof PSEUDO_LANGUAGE

/** Each language's name, written in that language (what Settings lists). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
}

/** Whether `value` names one of {@link LANGUAGES} exactly. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/**
 * The language for one BCP 47 tag, or null when Postline does not speak it: any Portuguese
 * (pt, pt-PT, pt-BR) is Brazilian Portuguese, any Spanish (es, es-MX, es-419) is Spanish, any
 * English is English.
 */
export function languageOf(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().replace(/_/g, '-').split('-')[0]
  switch (primary) {
    case 'en':
      return 'en'
    case 'pt':
      return 'pt-BR'
    case 'es':
      return 'es'
    default:
      return null
  }
}

/**
 * The first of the person's preferred languages (most preferred first, as the system or the
 * browser lists them) that Postline speaks; English when none is.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const language = languageOf(tag)
    if (language) return language
  }
  return 'en'
}

/**
 * The languages of an HTTP `Accept-Language` header, most preferred first (RFC 9110 §12.5.4):
 * `pt-BR,pt;q=0.9,en;q=0.8` → `['pt-BR', 'pt', 'en']`. Tags with q=0 are refused, not preferred.
 */
export function acceptLanguageTags(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const weight = q === undefined ? 1 : Number(q.slice(2))
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index }
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag)
}
