import type { PostlineError } from '../../shared/errors'
import { errorText, type ErrorContext } from '../error-text'

/**
 * The alert region: always in the page, so screen readers announce what appears in it.
 * `cancelled` shows nothing, since the person chose it.
 */
export function ErrorRegion({
  error,
  context,
  onDismiss,
}: {
  error: PostlineError | null
  context?: ErrorContext | undefined
  onDismiss(): void
}) {
  const text = error ? errorText(error, context) : null
  return (
    <div role="alert" className="alert-region">
      {text && (
        <div className="alert" data-code={error?.code}>
          <span className="alert-icon" aria-hidden="true">
            !
          </span>
          <div className="alert-text">
            <p className="alert-title">{text.title}</p>
            <p className="alert-detail">{text.detail}</p>
          </div>
          <button type="button" className="button small quiet" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  )
}
