import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '../i18n/I18n'
import type { SendQuestionKind } from '../send-questions'

const WORDS = {
  subject: {
    title: 'composer.noSubject.title',
    text: 'composer.noSubject.text',
    sendAnyway: 'composer.noSubject.sendAnyway',
    fix: 'composer.noSubject.addSubject',
  },
  attachment: {
    title: 'composer.noAttachment.title',
    text: 'composer.noAttachment.text',
    sendAnyway: 'composer.noAttachment.sendAnyway',
    fix: 'composer.noAttachment.attach',
  },
} as const

/**
 * What Send asks first, once per Send: "Send without a subject?", "Send without attachment?".
 * A modal dialog, so the focus moves into it (on the fix: Add a subject, Attach files) and Escape
 * goes back to the message without sending; "Don't ask again" is remembered per kind (Settings
 * turns it back on).
 */
export function SendQuestion({
  kind,
  onAnswer,
}: {
  kind: SendQuestionKind | null
  onAnswer(answer: 'send' | 'fix' | 'cancel', dontAskAgain: boolean): void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const textId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (kind !== null) {
      if (!dialog.open) dialog.showModal()
      // Opened: the focus goes to the fix (Add a subject, Attach files).
      dialog.querySelector<HTMLButtonElement>('.send-question-fix')?.focus()
    }
    if (kind === null && dialog.open) dialog.close()
  }, [kind])

  return (
    <dialog
      ref={ref}
      className="dialog send-question"
      data-kind={kind ?? undefined}
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault()
        onAnswer('cancel', false)
      }}
      // Ctrl+Enter here answers nothing: it must not reach the composer's own Send shortcut.
      onKeyDown={(event) => event.stopPropagation()}
    >
      {kind !== null && (
        // Keyed by kind: each question starts with "Don't ask again" unticked.
        <Question key={kind} kind={kind} titleId={titleId} textId={textId} onAnswer={onAnswer} />
      )}
    </dialog>
  )
}

function Question({
  kind,
  titleId,
  textId,
  onAnswer,
}: {
  kind: SendQuestionKind
  titleId: string
  textId: string
  onAnswer(answer: 'send' | 'fix', dontAskAgain: boolean): void
}) {
  const t = useT()
  const words = WORDS[kind]
  const [dontAsk, setDontAsk] = useState(false)
  return (
    <>
      <h2 id={titleId} className="dialog-title">
        {t.t(words.title)}
      </h2>
      <div id={textId} className="dialog-text">
        <p>{t.t(words.text)}</p>
      </div>
      <label className="dialog-check">
        <input
          type="checkbox"
          checked={dontAsk}
          onChange={(event) => setDontAsk(event.target.checked)}
        />
        {t.t('composer.ask.dontAskAgain')}
      </label>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => onAnswer('send', dontAsk)}>
          {t.t(words.sendAnyway)}
        </button>
        <button
          type="button"
          className="button primary send-question-fix"
          onClick={() => onAnswer('fix', dontAsk)}
        >
          {t.t(words.fix)}
        </button>
      </div>
    </>
  )
}
