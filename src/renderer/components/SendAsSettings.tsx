import { useId, useState, type FormEvent } from 'react'
import type { AccountView, SendAsAddress } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { errorSentence } from '../error-text'
import type { SendAsVerbs } from '../hooks/use-settings'
import { useT } from '../i18n/I18n'

/** What happened last in one account's part, kept as facts so a language change words it again. */
type Note =
  | { readonly kind: 'added' | 'removed'; readonly address: string }
  | { readonly kind: 'default'; readonly address: string }
  | { readonly kind: 'error'; readonly error: PostlineError }

const EMPTY_FORM = { address: '', name: '', replyTo: '', signature: '', confirmed: false }

/** The form that adds one send-as address, with the person's confirmation that Gmail has it. */
function AddSendAsForm({
  account,
  verbs,
  onDone,
  onCancel,
}: {
  account: AccountView
  verbs: SendAsVerbs
  onDone(note: Note): void
  onCancel(): void
}) {
  const t = useT()
  const ids = { address: useId(), name: useId(), replyTo: useId(), signature: useId() }
  const confirmId = useId()
  const errorId = useId()
  const [form, setForm] = useState(EMPTY_FORM)
  const [error, setError] = useState<PostlineError | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<typeof EMPTY_FORM>) => {
    setForm((current) => ({ ...current, ...patch }))
    setError(null)
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    const result = await verbs.add(account.email, form)
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setForm(EMPTY_FORM)
    onDone({ kind: 'added', address: form.address.trim() })
  }
  const accountName = account.senderName ?? account.name
  return (
    <form
      className="send-as-form"
      aria-label={t.t('settings.sendAs.addTitle', { email: account.email })}
      onSubmit={(event) => void submit(event)}
    >
      <div className="form-field">
        <label htmlFor={ids.address}>{t.t('settings.sendAs.address')}</label>
        <input
          id={ids.address}
          className="text-input"
          type="email"
          required
          maxLength={320}
          autoComplete="off"
          value={form.address}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => set({ address: event.target.value })}
        />
      </div>
      <div className="form-field">
        <label htmlFor={ids.name}>{t.t('settings.sendAs.name')}</label>
        <input
          id={ids.name}
          className="text-input"
          type="text"
          maxLength={256}
          value={form.name}
          placeholder={accountName || undefined}
          onChange={(event) => set({ name: event.target.value })}
        />
      </div>
      <div className="form-field">
        <label htmlFor={ids.replyTo}>{t.t('settings.sendAs.replyTo')}</label>
        <input
          id={ids.replyTo}
          className="text-input"
          type="email"
          maxLength={320}
          value={form.replyTo}
          onChange={(event) => set({ replyTo: event.target.value })}
        />
      </div>
      <div className="form-field">
        <label htmlFor={ids.signature}>{t.t('settings.sendAs.signature')}</label>
        <textarea
          id={ids.signature}
          className="text-input signature-input"
          rows={2}
          maxLength={4_000}
          value={form.signature}
          placeholder={t.t('composer.signature.none')}
          onChange={(event) => set({ signature: event.target.value })}
        />
      </div>
      <div className="send-as-confirm">
        <input
          id={confirmId}
          type="checkbox"
          checked={form.confirmed}
          onChange={(event) => set({ confirmed: event.target.checked })}
        />
        <label htmlFor={confirmId}>
          {t.t('settings.sendAs.confirm', { email: account.email })}
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button small primary" disabled={busy}>
          {t.t('settings.sendAs.add')}
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          {t.t('settings.sendAs.cancel')}
        </button>
      </div>
      {error && (
        <p id={errorId} className="form-outcome" role="alert" data-kind="error">
          {errorSentence(t, error)}
        </p>
      )}
    </form>
  )
}

/** One line of the list: the address as From shows it, its Reply-To, and Remove. */
function SendAsLine({
  account,
  sendAs,
  onRemove,
}: {
  account: AccountView
  sendAs: SendAsAddress
  onRemove(): void
}) {
  const t = useT()
  const name = sendAs.name || (account.senderName ?? account.name)
  return (
    <li className="send-as-line">
      <span className="send-as-text">
        <span>{name === '' ? sendAs.address : `${name} <${sendAs.address}>`}</span>
        {sendAs.replyTo !== undefined && (
          <span className="form-note">
            {t.t('settings.sendAs.replyToShown', { address: sendAs.replyTo })}
          </span>
        )}
      </span>
      <button
        type="button"
        className="button small"
        aria-label={t.t('settings.sendAs.removeLabel', { address: sendAs.address })}
        onClick={onRemove}
      >
        {t.t('settings.sendAs.remove')}
      </button>
    </li>
  )
}

/** One account's send-as addresses, its default From, and the form to add one. */
function AccountSendAs({ account, verbs }: { account: AccountView; verbs: SendAsVerbs }) {
  const t = useT()
  const defaultId = useId()
  const [adding, setAdding] = useState(false)
  const [note, setNote] = useState<Note | null>(null)
  const list = account.sendAs ?? []
  const answer = (result: Result<unknown>, done: Note) =>
    setNote(result.ok ? done : { kind: 'error', error: result.error })
  const noteText = (shown: Note): string => {
    switch (shown.kind) {
      case 'error':
        return errorSentence(t, shown.error)
      case 'added':
        return t.t('settings.sendAs.added', { address: shown.address })
      case 'removed':
        return t.t('settings.sendAs.removed', { address: shown.address })
      case 'default':
        return t.t('settings.sendAs.defaultSaved', { email: account.email, address: shown.address })
    }
  }
  return (
    // A plain block under its heading: the account's address already names the signature field.
    <div className="send-as-account">
      <h4 className="send-as-heading">{account.email}</h4>
      {list.length === 0 ? (
        <p className="form-note">{t.t('settings.sendAs.none', { email: account.email })}</p>
      ) : (
        <>
          <ul className="send-as-list">
            {list.map((sendAs) => (
              <SendAsLine
                key={sendAs.address}
                account={account}
                sendAs={sendAs}
                onRemove={() =>
                  void verbs
                    .remove(account.email, sendAs.address)
                    .then((result) => answer(result, { kind: 'removed', address: sendAs.address }))
                }
              />
            ))}
          </ul>
          <div className="form-field">
            <label htmlFor={defaultId}>
              {t.t('settings.sendAs.default', { email: account.email })}
            </label>
            <select
              id={defaultId}
              className="text-input"
              value={account.defaultFrom ?? ''}
              onChange={(event) => {
                const address = event.target.value === '' ? null : event.target.value
                void verbs
                  .setDefault(account.email, address)
                  .then((result) =>
                    answer(result, { kind: 'default', address: address ?? account.email }),
                  )
              }}
            >
              <option value="">{t.t('settings.sendAs.own', { email: account.email })}</option>
              {list.map((sendAs) => (
                <option key={sendAs.address} value={sendAs.address}>
                  {sendAs.address}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      {note && (
        <p
          className="form-outcome"
          role={note.kind === 'error' ? 'alert' : 'status'}
          data-kind={note.kind === 'error' ? 'error' : 'ok'}
        >
          {noteText(note)}
        </p>
      )}
      {adding ? (
        <AddSendAsForm
          account={account}
          verbs={verbs}
          onDone={(done) => {
            setNote(done)
            setAdding(false)
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <div className="form-actions">
        {!adding && (
          <button
            type="button"
            className="button small"
            aria-label={t.t('settings.sendAs.addTitle', { email: account.email })}
            onClick={() => {
              setAdding(true)
              setNote(null)
            }}
          >
            {t.t('settings.sendAs.addOpen')}
          </button>
        )}
        <button
          type="button"
          className="button small"
          aria-label={t.t('settings.sendAs.openGmailLabel', { email: account.email })}
          onClick={() =>
            void verbs.openGmail(account.email).then((result) => {
              if (!result.ok) setNote({ kind: 'error', error: result.error })
            })
          }
        >
          {t.t('settings.sendAs.openGmail')}
        </button>
      </div>
    </div>
  )
}

/**
 * Settings ▸ Send-as addresses: per account, the other addresses it sends as (Gmail's "Send mail
 * as"), added by hand, since reading Gmail's list needs a restricted scope.
 */
export function SendAsSettings({
  accounts,
  verbs,
}: {
  accounts: readonly AccountView[]
  verbs: SendAsVerbs
}) {
  const t = useT()
  const titleId = useId()
  if (accounts.length === 0) return null
  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="panel-subtitle">
        {t.t('settings.sendAs.title')}
      </h3>
      <p className="form-note">{t.t('settings.sendAs.note')}</p>
      <p className="form-note">{t.t('settings.sendAs.whyByHand')}</p>
      {accounts.map((account) => (
        <AccountSendAs key={account.email} account={account} verbs={verbs} />
      ))}
    </section>
  )
}
