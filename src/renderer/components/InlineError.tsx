import type { PostlineError } from '../../shared/errors'
import { errorText, type ErrorContext } from '../error-text'
import { useInSight } from '../hooks/use-in-sight'
import { useT } from '../i18n/I18n'

/**
 * An error shown next to what it is about (a file, the recipients, Attach files, Send). It is
 * scrolled into view when it appears, so an error about something at the bottom of a scrolled
 * composer is seen where the person is looking; the caller removes it when its cause goes.
 */
export function InlineError({
  error,
  context,
  id,
  onDismiss,
}: {
  error: PostlineError
  context: ErrorContext
  id?: string
  /** For an error whose cause is already over (a file refused): the person may close it. */
  onDismiss?: () => void
}) {
  const t = useT()
  // An error under a file brings the whole file into sight, not only its lower part.
  const ref = useInSight<HTMLDivElement>(error, true, '.attachment')
  const text = errorText(t, error, context)
  if (text === null) return null
  return (
    <div ref={ref} id={id} role="alert" className="inline-error" data-code={error.code}>
      <span className="inline-error-title">{text.title}</span>{' '}
      <span className="inline-error-detail">{text.detail}</span>
      {onDismiss && (
        <button type="button" className="button small quiet" onClick={onDismiss}>
          {t.t('errors.dismiss')}
        </button>
      )}
    </div>
  )
}
