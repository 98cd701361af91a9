import { LANGUAGES, type DisplayLanguage, type Language } from '../shared/i18n/languages'

/**
 * The spell-checker dictionaries for each language, best first: Electron (Chromium's Hunspell
 * dictionaries) names them `en-US`, `pt-BR`, `es`; the others are what to fall back on when a
 * build lacks the first.
 */
export const DICTIONARIES: Readonly<Record<Language, readonly string[]>> = {
  en: ['en-US', 'en-GB', 'en'],
  'pt-BR': ['pt-BR', 'pt-PT', 'pt'],
  es: ['es', 'es-419', 'es-MX', 'es-ES'],
}

/** The language a person writes in for a window language: the pseudo-locale writes English. */
export function writingLanguage(language: DisplayLanguage): Language {
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en'
}

/**
 * The spell checker's languages for a person: the window's language first, then the languages
 * of their drafts, each as the first of its dictionaries that Electron has (`available`, from
 * `session.availableSpellCheckerLanguages`; empty means unknown, so the first is taken). A
 * language without any dictionary is left out rather than making Electron throw.
 */
export function spellCheckerLanguages(
  windowLanguage: DisplayLanguage,
  draftLanguages: Iterable<Language>,
  available: readonly string[],
): string[] {
  const wanted = [writingLanguage(windowLanguage), ...draftLanguages]
  const chosen: string[] = []
  for (const language of wanted) {
    const dictionary = DICTIONARIES[language].find(
      (candidate) => available.length === 0 || available.includes(candidate),
    )
    if (dictionary !== undefined && !chosen.includes(dictionary)) chosen.push(dictionary)
  }
  return chosen
}
