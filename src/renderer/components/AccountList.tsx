import type { AccountView } from '../../shared/domain'
import { AccountItem } from './AccountItem'

/** The accounts Postline can send from, in the order main lists them. */
export interface AccountListProps {
  readonly accounts: readonly AccountView[]
  readonly disabled: boolean
  onUse(email: string): void
  onSignOut(email: string): void
}

/** The list in the left column. */
export function AccountList({ accounts, disabled, onUse, onSignOut }: AccountListProps) {
  return (
    <ul className="account-list" aria-labelledby="accounts-heading">
      {accounts.map((account) => (
        <AccountItem
          key={account.email}
          account={account}
          disabled={disabled}
          onUse={onUse}
          onSignOut={onSignOut}
        />
      ))}
    </ul>
  )
}
