import { useId, useState } from 'react'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '../../shared/i18n/languages'
import { errorSentence, errorText } from '../error-text'
import { useLanguage, useT } from '../i18n/I18n'
import { Panel } from './Panel'
import type { SettingsState } from '../hooks/use-settings'
import { GoogleClientForm } from './GoogleClientForm'
import { GoogleClientHelp } from './GoogleClientHelp'
import { SendQuestionSettings } from './SendQuestionSettings'
import { SignatureSettings } from './SignatureSettings'
import { AccountNames } from './AccountNames'
import { SendAsSettings } from './SendAsSettings'
import { TemplatesSettings } from './TemplatesSettings'
import { PlainTextSettings } from './PlainTextSettings'

/** The value of the "same as the system" choice in the language list. */
const FOLLOW_SYSTEM = 'system'

/** A language's own name without its region ("Português"), for "Same as the system (…)". */
function shortName(language: Language): string {
  return LANGUAGE_NAMES[language].replace(/\s*\(.*\)$/, '')
}

/**
 * The window's language: the system's (named in its own language), or one of the languages each
 * in its own name. A choice applies at once, without a reload, and main remembers it.
 */
function LanguageChoice({ labelId }: { labelId: string }) {
  const t = useT()
  const { state, set } = useLanguage()
  const noteId = useId()
  const [problem, setProblem] = useState<PostlineError | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = state?.chosen
  const value = chosen && isLanguage(chosen) ? chosen : FOLLOW_SYSTEM

  async function choose(next: string): Promise<void> {
    setBusy(true)
    setProblem(null)
    const result = await set(isLanguage(next) ? next : null)
    setBusy(false)
    if (!result.ok) setProblem(result.error)
  }

  const shown = problem ? errorText(t, problem, 'settings') : null
  return (
    <div className="form-field">
      <select
        aria-labelledby={labelId}
        className="text-input language-select"
        value={value}
        disabled={state === null || busy}
        aria-describedby={noteId}
        onChange={(event) => void choose(event.target.value)}
      >
        <option value={FOLLOW_SYSTEM}>
          {t.t('common.followSystem', { language: shortName(state?.system ?? 'en') })}
        </option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <p id={noteId} className="form-note">
        {t.t('settings.languageNote')}
      </p>
      {shown && (
        <p className="form-outcome" role="alert" data-kind="error">
          {shown.title} {shown.detail}
        </p>
      )}
    </div>
  )
}

/** The language, signatures, and the Google client Postline signs in with. */
export function SettingsPanel({
  accounts,
  settings,
}: {
  accounts: readonly AccountView[]
  settings: SettingsState
}) {
  const t = useT()
  const languageId = useId()
  const signaturesId = useId()
  const clientId = useId()
  return (
    <Panel title={t.t('settings.title')}>
      <section className="settings-section" aria-labelledby={languageId}>
        <h3 id={languageId} className="panel-subtitle">
          {t.t('common.language')}
        </h3>
        <LanguageChoice labelId={languageId} />
      </section>
      <AccountNames accounts={accounts} onSave={settings.saveSenderName} />
      <SendAsSettings accounts={accounts} verbs={settings.sendAs} />
      <section className="settings-section" aria-labelledby={signaturesId}>
        <h3 id={signaturesId} className="panel-subtitle">
          {t.t('settings.signatures')}
        </h3>
        <p className="form-note">{t.t('settings.signaturesNote')}</p>
        <SignatureSettings accounts={accounts} />
      </section>
      <PlainTextSettings accounts={accounts} />
      <SendQuestionSettings />
      <TemplatesSettings />
      <section className="settings-section" aria-labelledby={clientId}>
        <h3 id={clientId} className="panel-subtitle">
          {t.t('settings.googleClient')}
        </h3>
        {settings.loadError ? (
          <p className="panel-note">
            {t.t('settings.loadError', {
              reason: errorSentence(t, settings.loadError),
            })}
          </p>
        ) : (
          <>
            <p className="form-note">{t.t('settings.googleNote')}</p>
            <GoogleClientHelp />
            <GoogleClientForm
              settings={settings.settings}
              onSave={settings.save}
              onClear={settings.clear}
            />
          </>
        )}
      </section>
    </Panel>
  )
}
