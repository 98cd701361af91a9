// The window's words in every language.
// Generated shape, kept by hand: one import per language and area (see languages.ts).

import en_common from '../../locales/en/common.json'
import en_app from '../../locales/en/app.json'
import en_welcome from '../../locales/en/welcome.json'
import en_accounts from '../../locales/en/accounts.json'
import en_composer from '../../locales/en/composer.json'
import en_outbox from '../../locales/en/outbox.json'
import en_drafts from '../../locales/en/drafts.json'
import en_settings from '../../locales/en/settings.json'
import en_errors from '../../locales/en/errors.json'
import ptBR_common from '../../locales/pt-BR/common.json'
import ptBR_app from '../../locales/pt-BR/app.json'
import ptBR_welcome from '../../locales/pt-BR/welcome.json'
import ptBR_accounts from '../../locales/pt-BR/accounts.json'
import ptBR_composer from '../../locales/pt-BR/composer.json'
import ptBR_outbox from '../../locales/pt-BR/outbox.json'
import ptBR_drafts from '../../locales/pt-BR/drafts.json'
import ptBR_settings from '../../locales/pt-BR/settings.json'
import ptBR_errors from '../../locales/pt-BR/errors.json'
import es_common from '../../locales/es/common.json'
import es_app from '../../locales/es/app.json'
import es_welcome from '../../locales/es/welcome.json'
import es_accounts from '../../locales/es/accounts.json'
import es_composer from '../../locales/es/composer.json'
import es_outbox from '../../locales/es/outbox.json'
import es_drafts from '../../locales/es/drafts.json'
import es_settings from '../../locales/es/settings.json'
import es_errors from '../../locales/es/errors.json'
import type { Catalog } from './translator'
import type { Language } from './languages'

const en = {
  ...en_common,
  ...en_app,
  ...en_welcome,
  ...en_accounts,
  ...en_composer,
  ...en_outbox,
  ...en_drafts,
  ...en_settings,
  ...en_errors,
}

/** Every key the window may ask for: the English catalog is the reference. */
export type MessageKey = keyof typeof en

/** The window's catalogs, one per language. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = {
  en,
  'pt-BR': {
    ...ptBR_common,
    ...ptBR_app,
    ...ptBR_welcome,
    ...ptBR_accounts,
    ...ptBR_composer,
    ...ptBR_outbox,
    ...ptBR_drafts,
    ...ptBR_settings,
    ...ptBR_errors,
  },
  es: {
    ...es_common,
    ...es_app,
    ...es_welcome,
    ...es_accounts,
    ...es_composer,
    ...es_outbox,
    ...es_drafts,
    ...es_settings,
    ...es_errors,
  },
}

/** The catalog areas the window loads (the catalogs test checks each file exists in every language). */
export const AREAS = [
  'common',
  'app',
  'welcome',
  'accounts',
  'composer',
  'outbox',
  'drafts',
  'settings',
  'errors',
] as const
