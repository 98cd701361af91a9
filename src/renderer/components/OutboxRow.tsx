import { useId } from 'react'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { percent, stateDetail, stateLabel, when } from '../outbox-text'
import { ProgressBar } from './ProgressBar'

/** What the person can do with a message in the outbox. */
export interface OutboxActions {
  undo(id: string): void
  /** A message waiting for its next try goes now. */
  sendNow(id: string): void
  /** Takes a message that has not left back into its draft, and opens it. */
  edit(id: string): void
  retry(id: string): void
  sendAgain(id: string): void
  discard(id: string): void
  reconnect(email: string): void
  /** A sent message, in Gmail in the browser. */
  openInGmail(id: string): void
  /** A new draft with a sent message's fields and attachments, opened in the composer. */
  copyAsNew(id: string): void
}

/** One message in the outbox: what it is, where it stands, and what can be done about it. */
export function OutboxRow({
  item,
  now,
  progress,
  actions,
}: {
  item: OutboxItem
  now: number
  progress: SendProgress | undefined
  actions: OutboxActions
}) {
  const t = useT()
  const subjectId = useId()
  const subject = item.subject.trim() || t.t('common.noSubject')
  // Waiting out a backoff after a failure: the person may send it now rather than wait.
  const waitingToRetry =
    item.state === 'queued' && item.sendAfter !== null && Date.parse(item.sendAfter) > now
  const button = (label: string, run: () => void, kind = '') => (
    <button
      type="button"
      className={`button small ${kind}`}
      aria-describedby={subjectId}
      onClick={run}
    >
      {label}
    </button>
  )
  return (
    <li className="outbox-item" data-state={item.state}>
      <div className="outbox-text">
        <p className="outbox-subject" id={subjectId}>
          {subject}
        </p>
        <p className="outbox-meta">
          {t.t('outbox.meta', {
            recipients: t.list(item.to),
            from:
              item.fromAddress === undefined
                ? item.from
                : t.t('outbox.sendAs.from', { address: item.fromAddress, account: item.from }),
            size: t.bytes(item.size),
            when: when(t, item.createdAt, new Date(now)),
          })}
        </p>
        <p className="outbox-state">
          <span className="state-badge" data-state={item.state}>
            {stateLabel(t, item)}
          </span>
          <span className="outbox-detail">{stateDetail(item, now, progress, t)}</span>
        </p>
        {item.state === 'sending' && (
          <ProgressBar label={t.t('outbox.progress', { subject })} value={percent(progress)} />
        )}
      </div>
      <div className="outbox-actions">
        {item.state === 'scheduled' &&
          !item.later &&
          button(t.t('outbox.undo'), () => actions.undo(item.id), 'primary')}
        {/* Scheduled for a chosen time, or past it (the question): Send now, or Edit. */}
        {((item.state === 'scheduled' && item.later) || item.state === 'overdue') && (
          <>
            {button(
              t.t('outbox.sendNow'),
              () => actions.sendNow(item.id),
              item.state === 'overdue' ? 'primary' : '',
            )}
            {button(t.t('outbox.edit'), () => actions.edit(item.id))}
          </>
        )}
        {waitingToRetry && button(t.t('outbox.sendNow'), () => actions.sendNow(item.id), 'primary')}
        {item.state === 'queued' && button(t.t('outbox.edit'), () => actions.edit(item.id))}
        {item.state === 'failed' &&
          button(t.t('outbox.retry'), () => actions.retry(item.id), 'primary')}
        {item.state === 'unknown' &&
          button(t.t('outbox.sendAgain'), () => actions.sendAgain(item.id), 'primary')}
        {item.state === 'held' &&
          button(t.t('outbox.reconnect'), () => actions.reconnect(item.from), 'primary')}
        {item.state === 'sent' &&
          button(t.t('outbox.action.openInGmail'), () => actions.openInGmail(item.id))}
        {item.state === 'sent' &&
          button(t.t('outbox.action.copyAsNew'), () => actions.copyAsNew(item.id), 'quiet')}
        {(item.state === 'failed' ||
          item.state === 'unknown' ||
          item.state === 'held' ||
          item.state === 'queued') &&
          button(t.t('outbox.discard'), () => actions.discard(item.id), 'quiet')}
      </div>
    </li>
  )
}
