import type { OutboxItem, SendProgress } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { useT } from '../i18n/I18n'
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
  const t = useT()
  const sorted = [...(items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  // Ticks each second for the Undo countdown (a message scheduled for later needs no ticking).
  const now = useNow(sorted.some((item) => item.state === 'scheduled' && !item.later))
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
    <Panel title={t.t('outbox.title')} loadError={loadError}>
      {items !== null && waiting.length === 0 && sent.length === 0 && (
        <p className="panel-empty">{t.t('outbox.empty')}</p>
      )}
      {waiting.length > 0 && (
        <>
          <h3 className="panel-subtitle">{t.t('outbox.notSentYet')}</h3>
          {rows(waiting)}
        </>
      )}
      {sent.length > 0 && (
        <>
          <h3 className="panel-subtitle">{t.t('outbox.sentHeading')}</h3>
          {rows(sent)}
        </>
      )}
    </Panel>
  )
}
