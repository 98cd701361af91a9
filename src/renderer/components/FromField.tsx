import { useId } from 'react'
import type { AccountView, SendAsAddress } from '../../shared/domain'
import { useT, type WindowTranslator } from '../i18n/I18n'
import { identityKey, identityOf } from '../send-as'

/** `Name <address>`, or the bare address when there is no name. */
function mailboxText(name: string, address: string): string {
  return name.trim() !== '' && name !== address ? `${name} <${address}>` : address
}

function optionText(
  account: AccountView,
  sendAs: SendAsAddress | null,
  t: WindowTranslator,
): string {
  // What From will carry: the person's own name (Settings ▸ Your name), else Google's; a send-as
  // address without a name of its own carries the account's, as Gmail does.
  const name = account.senderName ?? account.name
  const named =
    sendAs === null
      ? mailboxText(name, account.email)
      : mailboxText(sendAs.name || name, sendAs.address)
  return account.status === 'needs-reconnect'
    ? t.t('composer.from.needsReconnectOption', { account: named })
    : named
}

/**
 * The From field: each signed-in account with its send-as addresses (one group per account when
 * any has some), the sending one selected. The message always goes through the account.
 */
export function FromField({
  accounts,
  value,
  address,
  disabled,
  onChange,
}: {
  accounts: readonly AccountView[]
  value: string | null
  /** The send-as address chosen; null: the account's own. */
  address: string | null
  disabled: boolean
  onChange(email: string, address: string | null): void
}) {
  const t = useT()
  const selectId = useId()
  const noteId = useId()
  const chosen = accounts.find((account) => account.email === value)
  const needsReconnect = chosen?.status === 'needs-reconnect'
  const grouped = accounts.some((account) => (account.sendAs ?? []).length > 0)
  const option = (account: AccountView, sendAs: SendAsAddress | null) => {
    const key = identityKey(account.email, sendAs?.address ?? null)!
    return (
      <option key={key} value={key}>
        {optionText(account, sendAs, t)}
      </option>
    )
  }
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
            value={identityKey(value, address) ?? ''}
            disabled={disabled}
            aria-describedby={needsReconnect ? noteId : undefined}
            onChange={(event) => {
              const picked = identityOf(event.target.value)
              onChange(picked.email, picked.address)
            }}
          >
            {accounts.map((account) =>
              grouped ? (
                <optgroup key={account.email} label={account.email}>
                  {option(account, null)}
                  {(account.sendAs ?? []).map((sendAs) => option(account, sendAs))}
                </optgroup>
              ) : (
                option(account, null)
              ),
            )}
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
