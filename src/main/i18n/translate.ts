import type { DisplayLanguage } from '../../shared/i18n/languages'
import { createTranslator, type Translator } from '../../shared/i18n/translator'
import { CATALOGS, type MessageKey } from '../../shared/i18n/main-catalogs'

/** Main's translator: menus, dialogs and the pages the browser shows during sign-in. */
export type MainTranslator = Translator<MessageKey>

const translators = new Map<DisplayLanguage, MainTranslator>()

/** The translator for `language`, made once per language for the process's lifetime. */
export function mainTranslator(language: DisplayLanguage): MainTranslator {
  let translator = translators.get(language)
  if (!translator) {
    translator = createTranslator<MessageKey>(language, CATALOGS)
    translators.set(language, translator)
  }
  return translator
}
