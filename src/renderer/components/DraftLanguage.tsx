import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../shared/i18n/languages'
import { useT } from '../i18n/I18n'

/**
 * The language this message is written in, near the subject: the body editor carries it as
 * `lang`, so spelling is checked in it, and the draft remembers it. Each language is named in
 * itself (what Settings lists too).
 */
export function DraftLanguage({
  value,
  disabled,
  onChange,
}: {
  readonly value: Language
  readonly disabled: boolean
  onChange(language: Language): void
}) {
  const t = useT()
  return (
    <select
      className="from-select draft-language"
      aria-label={t.t('composer.draftLanguage')}
      title={t.t('composer.draftLanguage.hint')}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Language)}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  )
}
