import { useEffect, useId, useRef, useState } from 'react'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { errorSentence } from '../error-text'
import { useT } from '../i18n/I18n'
import type { AccountActions } from '../hooks/use-account-actions'

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
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const textId = useId()
  const [busy, setBusy] = useState(false)
  const [revoke, setRevoke] = useState<{ email: string; error: PostlineError } | null>(null)
  const revokeError = account && revoke?.email === account.email ? revoke.error : null
  const t = useT()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (account && !dialog.open) dialog.showModal()
    if (!account && dialog.open) dialog.close()
  }, [account])

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
            Sign out of {account.email}?
          </h2>
          <div id={textId} className="dialog-text">
            <p>
              {sessionOnly
                ? 'Postline will revoke its access at Google. This account was kept for this session only, so nothing is stored on this computer.'
                : 'Postline will revoke its access at Google and remove this account’s entry from your system keychain.'}
            </p>
            <p>You can add the account again at any time.</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void confirm(account.email)}
              disabled={busy}
            >
              {busy ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </>
      )}
      {account && revokeError && (
        <>
          <h2 id={titleId} className="dialog-title">
            Google didn’t confirm the sign-out
          </h2>
          <div id={textId} className="dialog-text" data-reason={revokeError.params?.reason}>
            <p>{errorSentence(t, revokeError)}</p>
            <p>
              {sessionOnly
                ? 'Remove from this computer forgets the account now; Postline tries again to revoke its access before it closes.'
                : 'Remove from this computer deletes the account and its keychain entry now; Postline keeps its sign-in only to revoke it, and does so as soon as Google answers.'}
            </p>
          </div>
          <button
            type="button"
            className="link-button dialog-link"
            onClick={() => void actions.openGoogleAccessPage()}
          >
            Open Google’s page for removing access
          </button>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close} disabled={busy}>
              Keep the account
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void removeHere(account.email)}
              disabled={busy}
            >
              {busy ? 'Removing…' : 'Remove from this computer'}
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
