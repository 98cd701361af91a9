import type { Ref } from 'react'
import type { AccountView, DraftSummary, OutboxItem } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { AccountList } from './AccountList'
import { Icon, type IconName } from './Icon'
import { PostlineMark } from './PostlineMark'

/** The views of the main area. */
export type View = 'compose' | 'drafts' | 'outbox' | 'settings'

const NEEDS_ATTENTION = new Set(['failed', 'unknown', 'held'])

function NavButton({
  view,
  current,
  icon,
  label,
  count,
  attention = false,
  onSelect,
}: {
  view: View
  current: View
  icon: IconName
  label: string
  count?: number
  attention?: boolean
  onSelect(view: View): void
}) {
  const t = useT()
  return (
    <button
      type="button"
      className="nav-item"
      title={label}
      aria-current={view === current ? 'page' : undefined}
      onClick={() => onSelect(view)}
    >
      <Icon name={icon} />
      <span className="nav-label">{label}</span>
      {count !== undefined && count > 0 && (
        <span className="nav-count" data-attention={attention}>
          {count}
          <span className="visually-hidden">
            {attention ? ` ${t.t('app.nav.needAttention')}` : ''}
          </span>
        </span>
      )}
    </button>
  )
}

/** The left column: where to go, and the accounts.
 * Over 60 lines, on purpose: it is markup only, the navigation list and the account list.
 */
export function Sidebar({
  view,
  onSelect,
  drafts,
  outbox,
  accounts,
  busy,
  addRef,
  onAdd,
  onUse,
  onSignOut,
}: {
  view: View
  onSelect(view: View): void
  drafts: readonly DraftSummary[] | null
  outbox: readonly OutboxItem[] | null
  accounts: readonly AccountView[]
  busy: boolean
  addRef: Ref<HTMLButtonElement>
  onAdd(): void
  onUse(email: string): void
  onSignOut(email: string): void
}) {
  const t = useT()
  const waiting = (outbox ?? []).filter((item) => item.state !== 'sent')
  const attention = waiting.some((item) => NEEDS_ATTENTION.has(item.state))
  return (
    <aside className="sidebar" aria-label="Postline">
      <h1 className="brand">
        <PostlineMark />
        <span className="brand-name">Postline</span>
      </h1>
      <nav className="nav" aria-label={t.t('app.nav.label')}>
        <NavButton
          view="compose"
          current={view}
          icon="compose"
          label={t.t('app.nav.compose')}
          onSelect={onSelect}
        />
        <NavButton
          view="drafts"
          current={view}
          icon="drafts"
          label={t.t('app.nav.drafts')}
          count={drafts?.length}
          onSelect={onSelect}
        />
        <NavButton
          view="outbox"
          current={view}
          icon="outbox"
          label={t.t('app.nav.outbox')}
          count={waiting.length}
          attention={attention}
          onSelect={onSelect}
        />
        <NavButton
          view="settings"
          current={view}
          icon="settings"
          label={t.t('app.nav.settings')}
          onSelect={onSelect}
        />
      </nav>
      <h2 id="accounts-heading" className="sidebar-heading">
        {t.t('app.accountsHeading')}
      </h2>
      <AccountList accounts={accounts} disabled={busy} onUse={onUse} onSignOut={onSignOut} />
      <div className="sidebar-footer">
        <button ref={addRef} type="button" className="button wide" disabled={busy} onClick={onAdd}>
          <span aria-hidden="true" className="plus">
            +
          </span>
          <span className="button-label">{t.t('app.addAccount')}</span>
        </button>
      </div>
    </aside>
  )
}
