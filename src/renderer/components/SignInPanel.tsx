import { useEffect, useId, useRef } from 'react'
import type { PostlineError } from '../../shared/errors'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'

/** What the panel says: opening the browser, waiting on it, or finishing in main. */
export type SignInStep = 'opening' | 'waiting' | 'finishing'

/** Shown while a sign-in runs in the person's browser; Cancel stops it in main. */
export function SignInPanel({
  step,
  reconnectEmail,
  onCancel,
}: {
  step: SignInStep
  reconnectEmail: string | null
  onCancel(): void
}) {
  const t = useT()
  const titleId = useId()
  const textId = useId()
  const cancelRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    cancelRef.current?.focus()
  }, [])

  const title = t.t(
    step === 'finishing'
      ? 'accounts.signIn.finishing'
      : step === 'opening'
        ? 'accounts.signIn.opening'
        : 'accounts.signIn.waiting',
  )
  const text =
    step === 'finishing'
      ? t.t('accounts.signIn.finishingText')
      : reconnectEmail
        ? t.t('accounts.signIn.reconnectText', { email: reconnectEmail })
        : t.t('accounts.signIn.addText')

  return (
    <section className="sign-in-panel" aria-labelledby={titleId} aria-describedby={textId}>
      <span className="spinner" aria-hidden="true" />
      <h2 id={titleId} className="sign-in-title" aria-live="polite">
        {title}
      </h2>
      <p id={textId} className="sign-in-text">
        {text}
      </p>
      <button
        ref={cancelRef}
        type="button"
        className="button"
        aria-describedby={textId}
        onClick={onCancel}
      >
        {t.t('common.cancel')}
      </button>
    </section>
  )
}

/**
 * Shown when the system keychain cannot keep a new sign-in: main's sentence (what to install or
 * unlock), and the offer to use the account for this session only.
 */
export function SessionOnlyOffer({
  error,
  onUseForSession,
  onDismiss,
}: {
  error: PostlineError
  onUseForSession(): void
  onDismiss(): void
}) {
  const t = useT()
  const titleId = useId()
  const textId = useId()
  const primaryRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    primaryRef.current?.focus()
  }, [])

  return (
    <section
      className="sign-in-panel session-offer"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <h2 id={titleId} className="sign-in-title">
        {t.t('accounts.sessionOffer.title')}
      </h2>
      <p id={textId} className="sign-in-text">
        {errorSentence(t, error)}
      </p>
      <p className="sign-in-text session-offer-note">{t.t('accounts.sessionOffer.note')}</p>
      <div className="session-offer-actions">
        <button type="button" className="button" onClick={onDismiss}>
          {t.t('accounts.sessionOffer.notNow')}
        </button>
        <button
          ref={primaryRef}
          type="button"
          className="button primary"
          aria-describedby={textId}
          onClick={onUseForSession}
        >
          {t.t('accounts.sessionOffer.use')}
        </button>
      </div>
    </section>
  )
}
