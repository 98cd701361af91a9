import { useEffect, useId, useRef } from 'react'
import type { DraftSummary } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'
import { Panel } from './Panel'
import { when } from '../outbox-text'

function DraftRow({
  draft,
  isOpen,
  onOpen,
  onDelete,
}: {
  draft: DraftSummary
  isOpen: boolean
  onOpen(id: string): void
  onDelete(id: string): void
}) {
  const subjectId = useId()
  const t = useT()
  return (
    <li className="draft-item" data-open={isOpen}>
      <div className="draft-text">
        <p className="draft-subject" id={subjectId}>
          {draft.subject.trim() || '(no subject)'}
        </p>
        <p className="draft-meta">
          {draft.to.length > 0 ? `To ${draft.to.join(', ')}` : 'No recipients yet'} · saved{' '}
          {when(draft.updatedAt)}
          {isOpen && ' · open in the composer'}
        </p>
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
          {isOpen ? 'Show' : 'Open'}
        </button>
        <button
          type="button"
          className="button small quiet"
          aria-describedby={subjectId}
          onClick={() => onDelete(draft.id)}
        >
          Delete
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
  const list = useRef<HTMLUListElement>(null)
  const empty = useRef<HTMLParagraphElement>(null)
  // The row whose Delete was pressed: once it is gone, the focus goes to the row now in its place
  // (or the last one, or the empty list's note) rather than falling to the page.
  const deletedAt = useRef<{ id: string; index: number } | null>(null)
  useEffect(() => {
    const deleted = deletedAt.current
    if (deleted === null || drafts === null || drafts.some((d) => d.id === deleted.id)) return
    deletedAt.current = null
    if (!list.current?.contains(document.activeElement) && document.activeElement !== document.body)
      return
    const rows = list.current?.querySelectorAll<HTMLElement>('.draft-item') ?? []
    const row = rows[Math.min(deleted.index, rows.length - 1)]
    ;(row?.querySelector<HTMLElement>('.draft-actions .quiet') ?? empty.current)?.focus()
  }, [drafts])
  const remove = (id: string) => {
    deletedAt.current = { id, index: drafts?.findIndex((d) => d.id === id) ?? 0 }
    onDelete(id)
  }
  return (
    <Panel title="Drafts" loadError={loadError}>
      {drafts !== null && drafts.length === 0 && (
        <p className="panel-empty" ref={empty} tabIndex={-1}>
          No drafts. What you write is saved here as you type, until you send it.
        </p>
      )}
      {drafts !== null && drafts.length > 0 && (
        <ul className="draft-list" ref={list}>
          {drafts.map((draft) => (
            <DraftRow
              key={draft.id}
              draft={draft}
              isOpen={draft.id === openId}
              onOpen={onOpen}
              onDelete={remove}
            />
          ))}
        </ul>
      )}
    </Panel>
  )
}
