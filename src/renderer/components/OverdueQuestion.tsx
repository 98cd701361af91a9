import { useId } from 'react'
import type { OutboxItem } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { plannedTime } from '../outbox-text'
import type { OutboxActions } from './OutboxRow'

/**
 * The question a scheduled message asks when its time passed while Postline was not running (or
 * the clock jumped past it): shown above every view, with the planned time, Send now and Edit for
 * each. Nothing goes out late until the person answers.
 */
export function OverdueQuestion({
  items,
  actions,
}: {
  items: readonly OutboxItem[] | null
  actions: Pick<OutboxActions, 'sendNow' | 'edit'>
}) {
  const t = useT()
  const overdue = (items ?? []).filter((item) => item.state === 'overdue')
  if (overdue.length === 0) return null
  return (
    <section
      className="banner warning overdue-question"
      aria-label={t.t('outbox.state.overdue')}
      role="alert"
    >
      <span className="banner-icon" aria-hidden="true">
        !
      </span>
      <div className="banner-text">
        <p>{t.t('outbox.later.ask', { count: overdue.length })}</p>
        <ul className="overdue-list">
          {overdue.map((item) => (
            <OverdueItem key={item.id} item={item} actions={actions} />
          ))}
        </ul>
      </div>
    </section>
  )
}

function OverdueItem({
  item,
  actions,
}: {
  item: OutboxItem
  actions: Pick<OutboxActions, 'sendNow' | 'edit'>
}) {
  const t = useT()
  const subjectId = useId()
  const subject = item.subject.trim() || t.t('common.noSubject')
  return (
    <li className="overdue-item" data-id={item.id}>
      <span className="overdue-what">
        <strong id={subjectId}>{subject}</strong>
        {' · '}
        {t.t('outbox.later.planned', { time: item.later ? plannedTime(t, item.later) : '' })}
      </span>
      <button
        type="button"
        className="button small primary"
        aria-describedby={subjectId}
        onClick={() => actions.sendNow(item.id)}
      >
        {t.t('outbox.sendNow')}
      </button>
      <button
        type="button"
        className="button small"
        aria-describedby={subjectId}
        onClick={() => actions.edit(item.id)}
      >
        {t.t('outbox.edit')}
      </button>
    </li>
  )
}
