import { useId, useState } from 'react'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'
import type { AccountActions } from '../hooks/use-account-actions'
import { useModalDialog } from '../hooks/use-modal-dialog'

/**
 * Asks before signing out, and says what signing out does at Google and in the keychain. When
 * Google does not confirm the revocation, it says so and offers to remove the account from this
 * computer only (Postline revokes it later), and Google's page for removing access.
 * Over 60 lines, on purpose: most of it is the dialog's markup and what it explains.
 */
export function SignOutDialog({
  account,
  actions,
  onClose,
}: {
  account: AccountView | null
  actions: Pick<AccountActions, 'signOut' | 'removeFromComputer' | 'openGoogleAccessPage'>
  onClose(): void
}) {
  const t = useT()
  const ref = useModalDialog(account !== null)
  const titleId = useId()
  const textId = useId()
  const [busy, setBusy] = useState(false)
  const [revoke, setRevoke] = useState<{ email: string; error: PostlineError } | null>(null)
  const revokeError = account && revoke?.email === account.email ? revoke.error : null

  function close(): void {
    setRevoke(null)
    onClose()
  }

  async function confirm(email: string): Promise<void> {
    setBusy(true)
    let keepOpen = false
    try {
      const outcome = await actions.signOut(email)
      if (outcome.kind === 'revoke-failed') {
        setRevoke({ email, error: outcome.error })
        keepOpen = true
      }
    } finally {
      setBusy(false)
      if (!keepOpen) close()
    }
  }

  async function removeHere(email: string): Promise<void> {
    setBusy(true)
    try {
      await actions.removeFromComputer(email)
    } finally {
      setBusy(false)
      close()
    }
  }

  const sessionOnly = account?.sessionOnly === true
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={close}
    >
      {account && !revokeError && (
        <>
          <h2 id={titleId} className="dialog-title">
            {t.t('accounts.signOut.title', { email: account.email })}
          </h2>
          <div id={textId} className="dialog-text">
            <p>
              {t.t(sessionOnly ? 'accounts.signOut.textSession' : 'accounts.signOut.textKeychain')}
            </p>
            <p>{t.t('accounts.signOut.again')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              {t.t('common.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void confirm(account.email)}
              disabled={busy}
            >
              {busy ? t.t('accounts.signOut.busy') : t.t('accounts.signOut')}
            </button>
          </div>
        </>
      )}
      {account && revokeError && (
        <>
          <h2 id={titleId} className="dialog-title">
            {t.t('accounts.revokeFailed.title')}
          </h2>
          <div id={textId} className="dialog-text" data-reason={revokeError.params?.reason}>
            <p>{errorSentence(t, revokeError)}</p>
            <p>
              {t.t(
                sessionOnly
                  ? 'accounts.revokeFailed.textSession'
                  : 'accounts.revokeFailed.textKeychain',
              )}
            </p>
          </div>
          <button
            type="button"
            className="link-button dialog-link"
            onClick={() => void actions.openGoogleAccessPage()}
          >
            {t.t('accounts.revokeFailed.openAccessPage')}
          </button>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              {t.t('accounts.revokeFailed.keep')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void removeHere(account.email)}
              disabled={busy}
            >
              {busy ? t.t('accounts.revokeFailed.removing') : t.t('accounts.revokeFailed.remove')}
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
