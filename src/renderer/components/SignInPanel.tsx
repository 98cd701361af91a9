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
  const titleId = useId()
  const textId = useId()
  const cancelRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    cancelRef.current?.focus()
  }, [])

  const title =
    step === 'finishing'
      ? 'Finishing sign-in…'
      : step === 'opening'
        ? 'Opening your browser…'
        : 'Continue in your browser…'
  const text =
    step === 'finishing'
      ? 'Google answered. Postline is saving the account; Cancel still stops it and adds nothing.'
      : reconnectEmail
        ? `Sign in to Google as ${reconnectEmail} and allow access again. This window updates by itself.`
        : 'Choose your Google account on the page that opened in your browser and allow access. This window updates by itself.'

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
        Cancel
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
  const titleId = useId()
  const textId = useId()
  const primaryRef = useRef<HTMLButtonElement>(null)
  const t = useT()

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
        Postline can’t keep this sign-in
      </h2>
      <p id={textId} className="sign-in-text">
        {errorSentence(t, error)}
      </p>
      <p className="sign-in-text session-offer-note">
        For this session only, you sign in on Google’s page once more; the sign-in then stays in
        Postline’s memory and is never saved. When Postline closes, it revokes its access at Google
        and forgets the account.
      </p>
      <div className="session-offer-actions">
        <button type="button" className="button" onClick={onDismiss}>
          Not now
        </button>
        <button
          ref={primaryRef}
          type="button"
          className="button primary"
          aria-describedby={textId}
          onClick={onUseForSession}
        >
          Use for this session only
        </button>
      </div>
    </section>
  )
}
