import { useId } from 'react'
import type { AccountView } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { AccountAvatar } from './AccountAvatar'

/** What a person does with one account in the list. */
export interface AccountItemProps {
  readonly account: AccountView
  readonly disabled: boolean
  onUse(email: string): void
  onSignOut(email: string): void
}

/** One account: who it is, whether it is the active one, its status and its actions. */
export function AccountItem({ account, disabled, onUse, onSignOut }: AccountItemProps) {
  const t = useT()
  const emailId = useId()
  const needsReconnect = account.status === 'needs-reconnect'
  const showName = account.name.trim() !== '' && account.name !== account.email
  return (
    <li
      className="account"
      data-active={account.active}
      data-status={account.status}
      data-session-only={account.sessionOnly === true ? 'true' : undefined}
      aria-current={account.active ? 'true' : undefined}
    >
      <div className="account-row">
        <AccountAvatar name={account.name} email={account.email} />
        <div className="account-text">
          {showName && <span className="account-name">{account.name}</span>}
          <span className={showName ? 'account-email' : 'account-name'} id={emailId}>
            {account.email}
          </span>
          <span className="account-status">
            <span className="status-dot" aria-hidden="true" />
            {needsReconnect
              ? t.t('accounts.status.needsReconnect')
              : t.t('accounts.status.connected')}
          </span>
          {account.sessionOnly && (
            <span className="account-session" title={t.t('accounts.sessionOnlyHint')}>
              {t.t('accounts.sessionOnly')}
            </span>
          )}
        </div>
        {account.active && <span className="badge">{t.t('accounts.active')}</span>}
      </div>
      <div className="account-actions">
        {!account.active && (
          <button
            type="button"
            className="button small"
            aria-describedby={emailId}
            disabled={disabled}
            onClick={() => onUse(account.email)}
          >
            {t.t('accounts.use')}
          </button>
        )}
        <button
          type="button"
          className="button small quiet"
          aria-describedby={emailId}
          disabled={disabled}
          onClick={() => onSignOut(account.email)}
        >
          {t.t('accounts.signOut')}
        </button>
      </div>
    </li>
  )
}
