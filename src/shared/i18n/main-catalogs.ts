// Main's own words (menus, dialogs, the pages the browser shows) in every language.
// Generated shape, kept by hand: one import per language and area (see languages.ts).

import en_common from '../../locales/en/common.json'
import en_menu from '../../locales/en/menu.json'
import en_dialogs from '../../locales/en/dialogs.json'
import en_pages from '../../locales/en/pages.json'
import en_errors from '../../locales/en/errors.json'
import ptBR_common from '../../locales/pt-BR/common.json'
import ptBR_menu from '../../locales/pt-BR/menu.json'
import ptBR_dialogs from '../../locales/pt-BR/dialogs.json'
import ptBR_pages from '../../locales/pt-BR/pages.json'
import ptBR_errors from '../../locales/pt-BR/errors.json'
import es_common from '../../locales/es/common.json'
import es_menu from '../../locales/es/menu.json'
import es_dialogs from '../../locales/es/dialogs.json'
import es_pages from '../../locales/es/pages.json'
import es_errors from '../../locales/es/errors.json'
import type { Catalog } from './translator'
import type { Language } from './languages'

const en = {
  ...en_common,
  ...en_menu,
  ...en_dialogs,
  ...en_pages,
  ...en_errors,
}

/** Every key the main process may ask for: the English catalog is the reference. */
export type MessageKey = keyof typeof en

/** The main process's catalogs, one per language. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = {
  en,
  'pt-BR': { ...ptBR_common, ...ptBR_menu, ...ptBR_dialogs, ...ptBR_pages, ...ptBR_errors },
  es: { ...es_common, ...es_menu, ...es_dialogs, ...es_pages, ...es_errors },
}

/** The catalog areas the main process loads (the catalogs test checks each file exists in every language). */
export const AREAS = ['common', 'menu', 'dialogs', 'pages', 'errors'] as const
