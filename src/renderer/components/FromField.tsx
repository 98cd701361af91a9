import { useId } from 'react'
import type { AccountView } from '../../shared/domain'
import { useT, type WindowTranslator } from '../i18n/I18n'

function optionText(account: AccountView, t: WindowTranslator): string {
  // What From will carry: the person's own name (Settings ▸ Your name), else Google's.
  const name = account.senderName ?? account.name
  const named =
    name.trim() !== '' && name !== account.email ? `${name} <${account.email}>` : account.email
  return account.status === 'needs-reconnect'
    ? t.t('composer.from.needsReconnectOption', { account: named })
    : named
}

/** The From field: the signed-in accounts, the sending one selected. */
export function FromField({
  accounts,
  value,
  disabled,
  onChange,
}: {
  accounts: readonly AccountView[]
  value: string | null
  disabled: boolean
  onChange(email: string): void
}) {
  const t = useT()
  const selectId = useId()
  const noteId = useId()
  const chosen = accounts.find((account) => account.email === value)
  const needsReconnect = chosen?.status === 'needs-reconnect'
  return (
    <dl className="composer-fields">
      <div className="composer-field">
        <dt>
          <label className="field-label" htmlFor={selectId}>
            {t.t('composer.field.from')}
          </label>
        </dt>
        <dd>
          <select
            id={selectId}
            className="from-select"
            value={value ?? ''}
            disabled={disabled}
            aria-describedby={needsReconnect ? noteId : undefined}
            onChange={(event) => onChange(event.target.value)}
          >
            {accounts.map((account) => (
              <option key={account.email} value={account.email}>
                {optionText(account, t)}
              </option>
            ))}
          </select>
          {needsReconnect && (
            <span id={noteId} className="from-note">
              {t.t('composer.from.needsReconnect')}
            </span>
          )}
        </dd>
      </div>
    </dl>
  )
}
