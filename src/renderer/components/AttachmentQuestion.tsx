import { useEffect, useId, useRef } from 'react'
import { useT } from '../i18n/I18n'

/**
 * "Send without attachment?": asked once per Send when the message mentions an attachment and
 * none is attached. A modal dialog, so the focus moves into it (on Attach files) and Escape goes
 * back to the message without sending.
 */
export function AttachmentQuestion({
  open,
  onAnswer,
}: {
  open: boolean
  onAnswer(answer: 'send' | 'attach' | 'cancel'): void
}) {
  const t = useT()
  const ref = useRef<HTMLDialogElement>(null)
  const attach = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const textId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      attach.current?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={ref}
      className="dialog attachment-question"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault()
        onAnswer('cancel')
      }}
      // Ctrl+Enter here answers nothing: it must not reach the composer's own Send shortcut.
      onKeyDown={(event) => event.stopPropagation()}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {t.t('composer.noAttachment.title')}
          </h2>
          <div id={textId} className="dialog-text">
            <p>{t.t('composer.noAttachment.text')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => onAnswer('send')}>
              {t.t('composer.noAttachment.sendAnyway')}
            </button>
            <button
              ref={attach}
              type="button"
              className="button primary"
              onClick={() => onAnswer('attach')}
            >
              {t.t('composer.noAttachment.attach')}
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
