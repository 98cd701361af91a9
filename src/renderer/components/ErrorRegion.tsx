import type { PostlineError } from '../../shared/errors'
import { errorText, type ErrorContext } from '../error-text'
import { useT } from '../i18n/I18n'

/**
 * The alert region: always in the page, so screen readers announce what appears in it. The
 * error is worded in the window's language from its code and params; `cancelled` shows nothing,
 * since the person chose it.
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
  const t = useT()
  const text = error ? errorText(t, error, context) : null
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
            {t.t('errors.dismiss')}
          </button>
        </div>
      )}
    </div>
  )
}
