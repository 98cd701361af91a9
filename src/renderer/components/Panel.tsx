import { useId, type ReactNode } from 'react'
import { errorText } from '../error-text'
import { useT } from '../i18n/I18n'
import type { PostlineError } from '../../shared/errors'

/** A main-area view (Drafts, Outbox, Settings): a titled region, with a load problem if any. */
export function Panel({
  title,
  loadError = null,
  children,
}: {
  title: string
  loadError?: PostlineError | null
  children: ReactNode
}) {
  const titleId = useId()
  const t = useT()
  const problem = loadError ? errorText(t, loadError) : null
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {title}
      </h2>
      {problem && (
        <p className="panel-note">
          {problem.title} {problem.detail}
        </p>
      )}
      {children}
    </section>
  )
}
