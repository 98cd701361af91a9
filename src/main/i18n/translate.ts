import { translatorsFor, type Translator } from '../../shared/i18n/translator'
import { CATALOGS, type MessageKey } from '../../shared/i18n/main-catalogs'

/** Main's translator: menus, dialogs and the pages the browser shows during sign-in. */
export type MainTranslator = Translator<MessageKey>

/** The translator for a language, made once per language for the process's lifetime. */
export const mainTranslator = translatorsFor<MessageKey>(CATALOGS)
