import { useId } from 'react'
import type { DraftSummary } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { useT } from '../i18n/I18n'
import { useNow } from '../hooks/use-now'
import { sinceParams } from '../outbox-text'
import { errorSentence } from '../error-text'
import { Panel } from './Panel'

function DraftRow({
  draft,
  isOpen,
  now,
  onOpen,
  onDelete,
}: {
  draft: DraftSummary
  isOpen: boolean
  now: number
  onOpen(id: string): void
  onDelete(id: string): void
}) {
  const t = useT()
  const subjectId = useId()
  const meta = [
    draft.to.length > 0
      ? t.t('drafts.to', { recipients: t.list(draft.to) })
      : t.t('drafts.noRecipients'),
    t.t('drafts.saved', sinceParams(t, draft.updatedAt, new Date(now))),
    ...(isOpen ? [t.t('drafts.openInComposer')] : []),
  ]
  return (
    <li className="draft-item" data-open={isOpen}>
      <div className="draft-text">
        <p className="draft-subject" id={subjectId}>
          {draft.subject.trim() || t.t('common.noSubject')}
        </p>
        <p className="draft-meta">{meta.join(' · ')}</p>
        {draft.note && (
          <p className="draft-note" data-code={draft.note.code}>
            {errorSentence(t, draft.note)}
          </p>
        )}
      </div>
      <div className="draft-actions">
        <button
          type="button"
          className="button small"
          aria-describedby={subjectId}
          onClick={() => onOpen(draft.id)}
        >
          {isOpen ? t.t('drafts.show') : t.t('drafts.open')}
        </button>
        <button
          type="button"
          className="button small quiet"
          aria-describedby={subjectId}
          onClick={() => onDelete(draft.id)}
        >
          {t.t('drafts.delete')}
        </button>
      </div>
    </li>
  )
}

/** The saved drafts, newest first, to reopen or delete. */
export function DraftsPanel({
  drafts,
  loadError,
  openId,
  onOpen,
  onDelete,
}: {
  drafts: readonly DraftSummary[] | null
  loadError: PostlineError | null
  openId: string | undefined
  onOpen(id: string): void
  onDelete(id: string): void
}) {
  const t = useT()
  // Ticks each minute so "saved 5 minutes ago" stays true while the panel is open.
  const now = useNow(drafts !== null && drafts.length > 0, 60_000)
  return (
    <Panel title={t.t('drafts.title')} loadError={loadError}>
      {drafts !== null && drafts.length === 0 && (
        <p className="panel-empty">{t.t('drafts.empty')}</p>
      )}
      {drafts !== null && drafts.length > 0 && (
        <ul className="draft-list">
          {drafts.map((draft) => (
            <DraftRow
              key={draft.id}
              draft={draft}
              isOpen={draft.id === openId}
              now={now}
              onOpen={onOpen}
              onDelete={onDelete}
            />
          ))}
        </ul>
      )}
    </Panel>
  )
}
