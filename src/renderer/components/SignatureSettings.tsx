import { useId, useState } from 'react'
import type { AccountView } from '../../shared/domain'
import { readSignature, writeSignature } from '../signature-store'

function SignatureEditor({ account }: { account: AccountView }) {
  const fieldId = useId()
  const noteId = useId()
  const [text, setText] = useState(() => readSignature(account.email))
  const [note, setNote] = useState('')
  return (
    <div className="form-field">
      <label htmlFor={fieldId}>{account.email}</label>
      <textarea
        id={fieldId}
        className="text-input signature-input"
        rows={3}
        value={text}
        aria-describedby={noteId}
        placeholder="No signature"
        onChange={(event) => {
          setText(event.target.value)
          setNote(
            writeSignature(account.email, event.target.value)
              ? 'Saved. New messages from this account end with it.'
              : 'Could not be saved: the window’s storage is full or switched off.',
          )
        }}
      />
      <p id={noteId} className="form-note" aria-live="polite">
        {note}
      </p>
    </div>
  )
}

/** One signature per account, kept on this computer; it is added when the account is chosen. */
export function SignatureSettings({ accounts }: { accounts: readonly AccountView[] }) {
  return (
    <div className="signature-settings">
      {accounts.map((account) => (
        <SignatureEditor key={account.email} account={account} />
      ))}
    </div>
  )
}
