import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { LanguageState } from '../../shared/domain'
import type { Result } from '../../shared/errors'
import { matchLanguage, type DisplayLanguage } from '../../shared/i18n/languages'
import { translatorsFor, type Translator } from '../../shared/i18n/translator'
import { callSafely } from '../call-safely'
import { CATALOGS, type MessageKey } from '../../shared/i18n/window-catalogs'

/** The window's translator: `t(key, params)` and the locale's formats. */
export type WindowTranslator = Translator<MessageKey>

/** What Settings needs to show and change the language. */
export interface LanguageControl {
  /** Null until main answers. */
  readonly state: LanguageState | null
  set(language: DisplayLanguage | null): Promise<Result<LanguageState>>
}

/** One translator per language for the window's lifetime (its compiled messages are cached). */
export const translatorFor = translatorsFor<MessageKey>(CATALOGS)

/** Before main answers: the browser's (Chromium's) languages, which follow the system's. */
function firstGuess(): DisplayLanguage {
  return matchLanguage(typeof navigator === 'undefined' ? [] : navigator.languages)
}

const TranslatorContext = createContext<WindowTranslator>(translatorFor('en'))
const LanguageContext = createContext<LanguageControl>({
  state: null,
  set: async () => ({ ok: false, error: { code: 'unsupported', message: 'No language control.' } }),
})

/**
 * Holds the window's language: main's answer (`language.get`), then every `language.changed`.
 * A change re-renders the whole window in the new language at once, without a reload; what the
 * person typed stays, because only words change.
 */
export function I18nProvider({ api, children }: { api: PostlineApi; children: ReactNode }) {
  const [state, setState] = useState<LanguageState | null>(null)

  useEffect(() => {
    let live = true
    const stop = api.on('language.changed', (next) => setState(next))
    void callSafely(() => api.language.get()).then((result) => {
      if (live && result.ok) setState((current) => current ?? result.value)
    })
    return () => {
      live = false
      stop()
    }
  }, [api])

  const active = state?.active ?? firstGuess()
  const translator = translatorFor(active)

  useEffect(() => {
    document.documentElement.lang = translator.locale === 'en' ? active : translator.locale
  }, [active, translator])

  const set = useCallback(
    async (language: DisplayLanguage | null) => {
      const result = await callSafely(() => api.language.set(language))
      if (result.ok) setState(result.value)
      return result
    },
    [api],
  )
  const control = useMemo(() => ({ state, set }), [state, set])

  return (
    <LanguageContext.Provider value={control}>
      <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>
    </LanguageContext.Provider>
  )
}

/** The window's translator in the current language. */
export function useT(): WindowTranslator {
  return useContext(TranslatorContext)
}

/** The language in use and the verb that changes it (Settings). */
export function useLanguage(): LanguageControl {
  return useContext(LanguageContext)
}
