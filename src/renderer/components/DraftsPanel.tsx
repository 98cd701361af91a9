import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { DraftSummary } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { searchWords } from '../../shared/search-words'
import { findDrafts, type DraftOrder } from '../draft-search'
import { errorSentence } from '../error-text'
import { useNow } from '../hooks/use-now'
import { useT } from '../i18n/I18n'
import { sinceParams } from '../outbox-text'
import { Panel } from './Panel'

/** How many recipients a Drafts row names before "and N more". */
const SHOWN_RECIPIENTS = 3

function DraftRow({
  draft,
  isOpen,
  now,
  onOpen,
  onDelete,
}: {
  draft: DraftSummary
  isOpen: boolean
  now: Date
  onOpen(id: string): void
  onDelete(id: string): void
}) {
  const t = useT()
  const subject = draft.subject.trim() || t.t('drafts.noSubject')
  // The whole list is the row's accessible name and its tooltip; the line shows a few.
  const recipients =
    draft.to.length > 0
      ? t.t('drafts.to', { recipients: t.list(draft.to) })
      : t.t('drafts.noRecipients')
  const recipientsShown =
    draft.to.length > SHOWN_RECIPIENTS + 1
      ? t.t('drafts.toSome', {
          recipients: t.list(draft.to.slice(0, SHOWN_RECIPIENTS), 'unit'),
          count: draft.to.length - SHOWN_RECIPIENTS,
        })
      : recipients
  const saved = t.t('drafts.saved', sinceParams(t, draft.updatedAt, now))
  const snippet = draft.snippet === '' ? t.t('drafts.noText') : draft.snippet
  const from = draft.from === null ? [] : [t.t('drafts.from', { account: draft.from })]
  const meta = [...from, recipientsShown, saved, ...(isOpen ? [t.t('drafts.openInComposer')] : [])]
  // A screen reader hears the whole line, not "Open, (no subject)" thirty times over.
  const summary = { subject, recipients, snippet, saved }
  return (
    <li className="draft-item" data-open={isOpen}>
      <div className="draft-text">
        <p className="draft-subject">{subject}</p>
        <p
          className="draft-meta"
          title={recipientsShown === recipients ? undefined : [...from, recipients].join(' · ')}
        >
          {meta.join(' · ')}
        </p>
        <p className="draft-snippet" data-empty={draft.snippet === ''}>
          {snippet}
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
          aria-label={t.t(isOpen ? 'drafts.showLabel' : 'drafts.openLabel', summary)}
          onClick={() => onOpen(draft.id)}
        >
          {isOpen ? t.t('drafts.show') : t.t('drafts.open')}
        </button>
        <button
          type="button"
          className="button small quiet"
          aria-label={t.t('drafts.deleteLabel', { subject, saved })}
          onClick={() => onDelete(draft.id)}
        >
          {t.t('drafts.delete')}
        </button>
      </div>
    </li>
  )
}

/** Search over subject, recipients, From and the body's snippet, and the order by last change. */
function DraftsFilter({
  query,
  order,
  onQuery,
  onOrder,
}: {
  query: string
  order: DraftOrder
  onQuery(query: string): void
  onOrder(order: DraftOrder): void
}) {
  const t = useT()
  const sortId = useId()
  return (
    <div className="drafts-filter" role="search">
      <input
        type="search"
        className="text-input drafts-search"
        aria-label={t.t('drafts.search.label')}
        placeholder={t.t('drafts.search.placeholder')}
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.preventDefault()
            onQuery('')
          }
        }}
      />
      <label htmlFor={sortId} className="drafts-sort-label">
        {t.t('drafts.sort.label')}
      </label>
      <select
        id={sortId}
        className="text-input drafts-sort"
        value={order}
        onChange={(event) => onOrder(event.target.value === 'oldest' ? 'oldest' : 'newest')}
      >
        <option value="newest">{t.t('drafts.sort.newest')}</option>
        <option value="oldest">{t.t('drafts.sort.oldest')}</option>
      </select>
    </div>
  )
}

const NO_MATCHES: ReadonlySet<string> = new Set()

/**
 * Main's answer for the whole bodies, a moment after the person stops typing; until it comes
 * (or if it fails) the list lines alone are searched, so the list never waits.
 */
function useBodySearch(
  query: string,
  drafts: readonly DraftSummary[] | null,
  search: ((query: string) => Promise<Result<string[]>>) | undefined,
): ReadonlySet<string> {
  const [answer, setAnswer] = useState<{ query: string; ids: ReadonlySet<string> } | null>(null)
  const key = searchWords(query).join(' ')
  useEffect(() => {
    if (key === '' || search === undefined) return
    let current = true
    const timer = setTimeout(() => {
      void search(key).then((result) => {
        if (current && result.ok) setAnswer({ query: key, ids: new Set(result.value) })
      })
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [key, search, drafts])
  return answer !== null && answer.query === key ? answer.ids : NO_MATCHES
}

/** The saved drafts, to find, reopen or delete; newest change first unless the person chose. */
export function DraftsPanel({
  drafts,
  loadError,
  openId,
  onOpen,
  onDelete,
  search,
}: {
  drafts: readonly DraftSummary[] | null
  loadError: PostlineError | null
  openId: string | undefined
  onOpen(id: string): void
  onDelete(id: string): void
  /** `drafts.search`: the drafts whose whole body holds the words (the list has a snippet only). */
  search?(query: string): Promise<Result<string[]>>
}) {
  const t = useT()
  const [query, setQuery] = useState('')
  const [order, setOrder] = useState<DraftOrder>('newest')
  const bodyMatches = useBodySearch(query, drafts, search)
  const shown = useMemo(
    () => (drafts === null ? null : findDrafts(drafts, query, order, bodyMatches)),
    [drafts, query, order, bodyMatches],
  )
  // Ticks each minute so "saved 5 minutes ago" stays true while the panel is open.
  const now = new Date(useNow(drafts !== null && drafts.length > 0, 60_000))
  const searching = query.trim() !== ''
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
    deletedAt.current = { id, index: shown?.findIndex((d) => d.id === id) ?? 0 }
    onDelete(id)
  }
  return (
    <Panel title={t.t('drafts.title')} loadError={loadError}>
      {drafts !== null && drafts.length === 0 && (
        <p className="panel-empty" ref={empty} tabIndex={-1}>
          {t.t('drafts.empty')}
        </p>
      )}
      {drafts !== null && drafts.length > 0 && (
        <DraftsFilter query={query} order={order} onQuery={setQuery} onOrder={setOrder} />
      )}
      <p className="visually-hidden" role="status">
        {searching && shown !== null && t.t('drafts.found', { count: shown.length })}
      </p>
      {searching &&
        shown !== null &&
        shown.length === 0 &&
        drafts !== null &&
        drafts.length > 0 && (
          <p className="panel-empty">{t.t('drafts.noMatch', { query: query.trim() })}</p>
        )}
      {shown !== null && shown.length > 0 && (
        <ul className="draft-list" aria-label={t.t('drafts.title')} ref={list}>
          {shown.map((draft) => (
            <DraftRow
              key={draft.id}
              draft={draft}
              isOpen={draft.id === openId}
              now={now}
              onOpen={onOpen}
              onDelete={remove}
            />
          ))}
        </ul>
      )}
    </Panel>
  )
}
