import type { AccountView } from '../../shared/domain'

function FromAccount({ account }: { account: AccountView }) {
  if (account.name.trim() === '' || account.name === account.email) return <>{account.email}</>
  return (
    <>
      {account.name} <span className="muted">&lt;{account.email}&gt;</span>
    </>
  )
}

/** Where the composer will be; for now it shows which account a message would go from. */
export function ComposerPlaceholder({ from }: { from: AccountView | null }) {
  return (
    <section className="composer" aria-labelledby="composer-title">
      <h2 id="composer-title" className="composer-title">
        New message
      </h2>
      <dl className="composer-fields">
        <div className="composer-field">
          <dt>From</dt>
          <dd>
            {from ? (
              <FromAccount account={from} />
            ) : (
              <span className="muted">Choose an account to send from</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="composer-body">
        <p>Writing and sending messages arrives in the next version of Postline.</p>
      </div>
    </section>
  )
}
