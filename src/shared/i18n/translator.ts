import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import { formatBytes } from '../message-size'
import { PSEUDO_LANGUAGE, type DisplayLanguage, type Language } from './languages'

/** One language's messages: key → ICU MessageFormat pattern. */
export type Catalog = Readonly<Record<string, string>>

/** What a message may be given: numbers and dates are formatted in the message's locale. */
export type MessageParams = Readonly<Record<string, string | number | Date | boolean>>

/** Words and formats in one language. */
export interface Translator<K extends string = string> {
  readonly language: DisplayLanguage
  /** The BCP 47 locale `Intl` formats with (English for the pseudo-locale). */
  readonly locale: string
  /** The message `key` with `params` filled in. */
  t(key: K, params?: MessageParams): string
  /** A size for people in this locale ("4,2 MB" in Portuguese). */
  bytes(bytes: number, options?: { roundUp?: boolean }): string
  /** A date and/or time in this locale. */
  dateTime(value: Date | number, options: Intl.DateTimeFormatOptions): string
  /** "a, b and c" in this locale ("a, b, c" for `unit`). */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction' | 'unit'): string
  /** "in 5 minutes", "2 hours ago", "tomorrow" in this locale. */
  relative(value: number, unit: Intl.RelativeTimeFormatUnit): string
}

/** What {@link createTranslator} is told when a message cannot be formatted. */
export type TranslationProblem = (problem: {
  readonly key: string
  readonly language: DisplayLanguage
  readonly reason: 'missing' | 'format'
}) => void

/** A pattern with no ICU syntax at all: its text is the message (`''` is one apostrophe). */
const PLAIN_PATTERN = /^[^{}<>#]*$/
/** A pattern whose only syntax is `{name}` arguments, with no apostrophe to quote them. */
const SIMPLE_PATTERN = /^(?:[^{}<>#']|\{[A-Za-z_][A-Za-z0-9_]*\})*$/
const SIMPLE_ARGUMENT = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g

/**
 * The message for a pattern that needs no parsing, or null when it needs intl-messageformat:
 * text alone, or `{name}` arguments all given as strings (a number or a date is formatted by
 * the locale, so it goes through intl-messageformat). Most of the window's words are such
 * patterns, and a page's first IntlMessageFormat loads ICU's number data (about 20 ms in a fresh
 * page), so the window starts without it. Equal to intl-messageformat's output for every such
 * catalog message (test/unit/shared/i18n.test.ts).
 */
export function quickFormat(pattern: string, params?: MessageParams): string | null {
  if (PLAIN_PATTERN.test(pattern)) return pattern.replace(/''/g, "'")
  if (!SIMPLE_PATTERN.test(pattern)) return null
  let missing = false
  const text = pattern.replace(SIMPLE_ARGUMENT, (_, name: string) => {
    const value = params?.[name]
    if (typeof value === 'string') return value
    missing = true
    return ''
  })
  return missing ? null : text
}

/**
 * A translator for `language` over `catalogs`. A key missing from the language falls back to
 * English, and a key missing from English shows as the key itself (the catalogs test makes both
 * impossible in the repo); a message that cannot be formatted falls back the same way, and each
 * problem is reported to `onProblem`, never thrown into a render.
 */
export function createTranslator<K extends string>(
  language: DisplayLanguage,
  catalogs: Readonly<Record<Language, Catalog>>,
  onProblem: TranslationProblem = () => {},
): Translator<K> {
  const pseudo = language === PSEUDO_LANGUAGE
  const locale = pseudo ? 'en' : language
  const own = pseudo ? catalogs.en : catalogs[language as Language]
  const compiled = new Map<string, IntlMessageFormat>()
  const formatterFor = (key: string, pattern: string, source: 'own' | 'en') => {
    const cacheKey = `${source}\u0000${key}`
    let formatter = compiled.get(cacheKey)
    if (!formatter) {
      const message: string | MessageFormatElement[] =
        pseudo && source === 'own' ? pseudoMessage(pattern) : pattern
      formatter = new IntlMessageFormat(message, source === 'en' ? 'en' : locale)
      compiled.set(cacheKey, formatter)
    }
    return formatter
  }
  const format = (key: string, source: 'own' | 'en', params?: MessageParams): string | null => {
    const pattern = (source === 'own' ? own : catalogs.en)[key]
    if (pattern === undefined) return null
    const quick = pseudo && source === 'own' ? null : quickFormat(pattern, params)
    if (quick !== null) return quick
    try {
      return String(formatterFor(key, pattern, source).format(params as never))
    } catch {
      onProblem({ key, language, reason: 'format' })
      return null
    }
  }
  // Made at the first size shown: a page's first Intl.NumberFormat loads ICU's number data
  // (15-45 ms in a fresh Chromium page), which the window's start does not need.
  let numbers: Intl.NumberFormat | undefined
  let integers: Intl.NumberFormat | undefined
  const numberFormat = (fraction: boolean): Intl.NumberFormat =>
    fraction
      ? (numbers ??= new Intl.NumberFormat(locale, {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }))
      : (integers ??= new Intl.NumberFormat(locale))
  const dateFormats = new Map<string, Intl.DateTimeFormat>()
  return {
    language,
    locale,
    t(key, params) {
      if (own[key] === undefined) onProblem({ key, language, reason: 'missing' })
      else {
        const text = format(key, 'own', params)
        if (text !== null) return text
      }
      return format(key, 'en', params) ?? key
    },
    bytes(bytes, options) {
      return formatBytes(bytes, {
        ...options,
        number: (value, fraction) => numberFormat(fraction).format(value),
        byteWord: (count) => this.t('common.bytes' as K, { count }),
      })
    },
    dateTime(value, options) {
      const cacheKey = JSON.stringify(options)
      let formatter = dateFormats.get(cacheKey)
      if (!formatter) {
        formatter = new Intl.DateTimeFormat(locale, options)
        dateFormats.set(cacheKey, formatter)
      }
      return formatter.format(value)
    },
    list(items, type = 'conjunction') {
      return new Intl.ListFormat(locale, { style: 'long', type }).format(items)
    },
    relative(value, unit) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(value, unit)
    },
  }
}

/**
 * One translator per language for the process's (or the window's) lifetime, so each compiled
 * message is kept: main's menus and pages and the window each hold one of these.
 */
export function translatorsFor<K extends string>(
  catalogs: Readonly<Record<Language, Catalog>>,
): (language: DisplayLanguage) => Translator<K> {
  const made = new Map<DisplayLanguage, Translator<K>>()
  return (language) => {
    let translator = made.get(language)
    if (!translator) {
      translator = createTranslator<K>(language, catalogs)
      made.set(language, translator)
    }
    return translator
  }
}

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'aeiouyAEIOUYcCnNsSzZ'].map((letter, index) => [letter, [...'åéîõüýÅÉÎÕÜÝçÇñÑšŠžŽ'][index]]),
)

/** English made visibly foreign and 40% longer, in the message's literal text only. */
function pseudoText(text: string): string {
  const accented = [...text].map((c) => ACCENTED[c] ?? c).join('')
  return accented
}

function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: pseudoText(element.value) }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([name, option]) => [
          name,
          { ...option, value: pseudoElements(option.value) },
        ]),
      )
      return { ...element, options }
    }
    if (element.type === TYPE.tag) return { ...element, children: pseudoElements(element.children) }
    return element
  })
}

/**
 * The pseudo-locale's form of an English pattern: letters accented, wrapped in ⟦ ⟧ and padded to
 * 140% of the text's length with "·", so a clipped end or an untranslated string is visible.
 */
export function pseudoMessage(pattern: string): MessageFormatElement[] {
  const elements = pseudoElements(parse(pattern))
  const length = pattern.length
  const padding = '·'.repeat(Math.max(1, Math.ceil(length * 0.4) - 2))
  return [
    { type: TYPE.literal, value: '⟦' },
    ...elements,
    { type: TYPE.literal, value: `${padding}⟧` },
  ]
}
