import { useId } from 'react'
import type { AccountView } from '../../shared/domain'

function optionText(account: AccountView): string {
  const named =
    account.name.trim() !== '' && account.name !== account.email
      ? `${account.name} <${account.email}>`
      : account.email
  return account.status === 'needs-reconnect' ? `${named} — needs reconnecting` : named
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
  const selectId = useId()
  const noteId = useId()
  const chosen = accounts.find((account) => account.email === value)
  const needsReconnect = chosen?.status === 'needs-reconnect'
  return (
    <dl className="composer-fields">
      <div className="composer-field">
        <dt>
          <label className="field-label" htmlFor={selectId}>
            From
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
                {optionText(account)}
              </option>
            ))}
          </select>
          {needsReconnect && (
            <span id={noteId} className="from-note">
              Needs reconnecting: messages wait in the Outbox until you reconnect.
            </span>
          )}
        </dd>
      </div>
    </dl>
  )
}
