import { useId, useState } from 'react'
import type { AccountView } from '../../shared/domain'
import { useT } from '../i18n/I18n'
import { readSignature, writeSignature } from '../signature-store'

function SignatureEditor({ account }: { account: AccountView }) {
  const t = useT()
  const fieldId = useId()
  const noteId = useId()
  const [text, setText] = useState(() => readSignature(account.email))
  // The note is kept as what happened, so a language change words it again.
  const [note, setNote] = useState<'saved' | 'notSaved' | null>(null)
  return (
    <div className="form-field">
      <label htmlFor={fieldId}>{account.email}</label>
      <textarea
        id={fieldId}
        className="text-input signature-input"
        rows={3}
        value={text}
        aria-describedby={noteId}
        placeholder={t.t('composer.signature.none')}
        onChange={(event) => {
          setText(event.target.value)
          setNote(writeSignature(account.email, event.target.value) ? 'saved' : 'notSaved')
        }}
      />
      <p id={noteId} className="form-note" aria-live="polite">
        {note === 'saved' && t.t('composer.signature.saved')}
        {note === 'notSaved' && t.t('composer.signature.notSaved')}
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
