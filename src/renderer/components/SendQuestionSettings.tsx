import { useId, useState } from 'react'
import { useT } from '../i18n/I18n'
import { askAgain, turnedOff, type SendQuestionKind } from '../send-questions'

const OFF_TEXT = {
  subject: 'composer.ask.off.subject',
  attachment: 'composer.ask.off.attachment',
} as const

/** Settings: the questions Send asks first, and Ask again for those turned off. */
export function SendQuestionSettings() {
  const t = useT()
  const headingId = useId()
  const [off, setOff] = useState<SendQuestionKind[]>(() => turnedOff())
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-subtitle">
        {t.t('composer.ask.heading')}
      </h3>
      <p className="form-note">{t.t('composer.ask.allOn')}</p>
      {off.length > 0 && (
        <ul className="send-question-settings">
          {off.map((kind) => (
            <li key={kind}>
              <span>{t.t(OFF_TEXT[kind])}</span>{' '}
              <button
                type="button"
                className="button small"
                onClick={() => {
                  askAgain(kind)
                  setOff(turnedOff())
                }}
              >
                {t.t('composer.ask.turnOn')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
