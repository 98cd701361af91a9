import { useEffect, useId, useRef, useState } from 'react'
import type { AccountView } from '../../shared/domain'

/** Asks before signing out, and says what signing out does at Google and in the keychain.
 * Over 60 lines, on purpose: most of it is the dialog's markup and its explanation of what signing out does.
 */
export function SignOutDialog({
  account,
  onConfirm,
  onClose,
}: {
  account: AccountView | null
  onConfirm(email: string): Promise<boolean>
  onClose(): void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const textId = useId()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (account && !dialog.open) dialog.showModal()
    if (!account && dialog.open) dialog.close()
  }, [account])

  async function confirm(email: string): Promise<void> {
    setBusy(true)
    try {
      await onConfirm(email)
    } finally {
      setBusy(false)
      onClose()
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
    >
      {account && (
        <>
          <h2 id={titleId} className="dialog-title">
            Sign out of {account.email}?
          </h2>
          <div id={textId} className="dialog-text">
            <p>
              Postline will revoke its access at Google and remove this account’s entry from your
              system keychain.
            </p>
            <p>You can add the account again at any time.</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} disabled={busy}>
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
    </dialog>
  )
}
