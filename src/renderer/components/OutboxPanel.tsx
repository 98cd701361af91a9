import { useId } from 'react'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { errorText } from '../error-text'
import { useNow } from '../hooks/use-now'
import { OutboxRow, type OutboxActions } from './OutboxRow'

/** Messages on their way, and those sent recently, newest first. */
export function OutboxPanel({
  items,
  loadError,
  progress,
  actions,
}: {
  items: readonly OutboxItem[] | null
  loadError: PostlineError | null
  progress: ReadonlyMap<string, SendProgress>
  actions: OutboxActions
}) {
  const titleId = useId()
  const sorted = [...(items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const now = useNow(sorted.some((item) => item.state === 'scheduled'))
  const waiting = sorted.filter((item) => item.state !== 'sent')
  const sent = sorted.filter((item) => item.state === 'sent')
  const problem = loadError ? errorText(loadError) : null
  const rows = (list: readonly OutboxItem[]) => (
    <ul className="outbox-list">
      {list.map((item) => (
        <OutboxRow
          key={item.id}
          item={item}
          now={now}
          progress={progress.get(item.id)}
          actions={actions}
        />
      ))}
    </ul>
  )
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        Outbox
      </h2>
      {problem && (
        <p className="panel-note">
          {problem.title} {problem.detail}
        </p>
      )}
      {items !== null && waiting.length === 0 && sent.length === 0 && (
        <p className="panel-empty">Nothing is waiting to be sent. Messages you send appear here.</p>
      )}
      {waiting.length > 0 && (
        <>
          <h3 className="panel-subtitle">Not sent yet</h3>
          {rows(waiting)}
        </>
      )}
      {sent.length > 0 && (
        <>
          <h3 className="panel-subtitle">Sent</h3>
          {rows(sent)}
        </>
      )}
    </section>
  )
}
