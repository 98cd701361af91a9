import { useEffect, useId, useRef } from 'react'

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
      ? 'Google answered. Postline is saving the account.'
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
        disabled={step === 'finishing'}
        onClick={onCancel}
      >
        Cancel
      </button>
    </section>
  )
}
