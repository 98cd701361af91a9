import type { OutboxItem, SendProgress } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { Panel } from './Panel'
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
  const sorted = [...(items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const now = useNow(sorted.some((item) => item.state === 'scheduled'))
  const waiting = sorted.filter((item) => item.state !== 'sent')
  const sent = sorted.filter((item) => item.state === 'sent')
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
    <Panel title="Outbox" loadError={loadError}>
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
    </Panel>
  )
}
