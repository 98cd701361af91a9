import { useId, useState, type FormEvent } from 'react'
import type { AccountView } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'

/** The name that goes into From: the person's own, else the one Google shares. */
export function senderNameOf(account: AccountView): string {
  return account.senderName ?? account.name
}

type Note = { readonly kind: 'saved' } | { readonly kind: 'error'; readonly error: PostlineError }

function AccountNameField({
  account,
  onSave,
}: {
  account: AccountView
  onSave(email: string, name: string): Promise<Result<readonly AccountView[]>>
}) {
  const t = useT()
  const fieldId = useId()
  const noteId = useId()
  const [value, setValue] = useState(() => senderNameOf(account))
  const [note, setNote] = useState<Note | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await onSave(account.email, value.trim())
    setBusy(false)
    if (!result.ok) {
      setNote({ kind: 'error', error: result.error })
      return
    }
    // Main wrote it before answering; an emptied field now shows the name Google shares.
    const saved = result.value.find((candidate) => candidate.email === account.email)
    if (saved !== undefined) setValue(senderNameOf(saved))
    setNote({ kind: 'saved' })
  }
  const preview = value.trim() === '' ? account.email : `${value.trim()} <${account.email}>`
  return (
    <form className="form-field sender-name" onSubmit={(event) => void submit(event)}>
      <label htmlFor={fieldId}>{t.t('settings.senderName.label', { email: account.email })}</label>
      <div className="sender-name-row">
        <input
          id={fieldId}
          className="text-input"
          type="text"
          value={value}
          maxLength={256}
          autoComplete="name"
          aria-describedby={noteId}
          placeholder={account.name || t.t('settings.senderName.placeholder')}
          onChange={(event) => {
            setValue(event.target.value)
            setNote(null)
          }}
        />
        <button type="submit" className="button small" disabled={busy}>
          {t.t('settings.senderName.save')}
        </button>
      </div>
      <p id={noteId} className="form-note" aria-live="polite">
        {note?.kind === 'error'
          ? errorSentence(t, note.error)
          : t.t(
              note?.kind === 'saved' ? 'settings.senderName.saved' : 'settings.senderName.preview',
              {
                from: preview,
              },
            )}
      </p>
    </form>
  )
}

/** Per account, the name recipients see in From; prefilled from Google when it shares one. */
export function AccountNames({
  accounts,
  onSave,
}: {
  accounts: readonly AccountView[]
  onSave(email: string, name: string): Promise<Result<readonly AccountView[]>>
}) {
  const t = useT()
  const titleId = useId()
  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="panel-subtitle">
        {t.t('settings.senderName.title')}
      </h3>
      <p className="form-note">{t.t('settings.senderName.note')}</p>
      {accounts.map((account) => (
        <AccountNameField
          key={`${account.email}|${account.name}`}
          account={account}
          onSave={onSave}
        />
      ))}
    </section>
  )
}
