import { useCallback, useEffect, useRef, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { SignInState } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { useAccountActions, type PendingSignIn } from '../hooks/use-account-actions'
import { useAccounts } from '../hooks/use-accounts'
import { useSignInState } from '../hooks/use-sign-in-state'
import { AccountList } from './AccountList'
import { ComposerPlaceholder } from './ComposerPlaceholder'
import { ErrorRegion } from './ErrorRegion'
import { PostlineMark } from './PostlineMark'
import { ReconnectBanner } from './ReconnectBanner'
import { SignInPanel, type SignInStep } from './SignInPanel'
import { SignOutDialog } from './SignOutDialog'
import { Welcome } from './Welcome'

/**
 * The panel's step: main's `signIn.state` when it has said something, else "opening" while
 * this window's own call is on its way.
 */
function signInStep(state: SignInState, pending: PendingSignIn | null): SignInStep | null {
  switch (state.phase) {
    case 'waiting-for-browser':
      return 'waiting'
    case 'finishing':
      return 'finishing'
    case 'idle':
      return pending ? 'opening' : null
  }
}

/** The whole window: accounts on the left, the (coming) composer on the right. */
export function App({ api }: { api: PostlineApi }) {
  const { accounts, loadError } = useAccounts(api)
  const signInState = useSignInState(api)
  const [error, setError] = useState<PostlineError | null>(null)
  const actions = useAccountActions(api, setError)
  const [signOutEmail, setSignOutEmail] = useState<string | null>(null)
  const addRef = useRef<HTMLButtonElement>(null)

  const step = signInStep(signInState, actions.pendingSignIn)
  const reconnectEmail =
    signInState.phase === 'waiting-for-browser'
      ? signInState.reconnectEmail
      : actions.pendingSignIn?.kind === 'reconnect'
        ? actions.pendingSignIn.email
        : null

  // When the sign-in panel goes away, its Cancel button takes the focus with it: give it back
  // to the Add button rather than leaving keyboard users at the top of the page.
  const wasSigningIn = useRef(false)
  useEffect(() => {
    if (wasSigningIn.current && step === null) {
      const focused = document.activeElement
      if (!focused || focused === document.body) addRef.current?.focus()
    }
    wasSigningIn.current = step !== null
  }, [step])

  const dismiss = useCallback(() => setError(null), [])
  const cancel = useCallback(() => void actions.cancelSignIn(), [actions])
  const shownError = error ?? loadError
  const errorRegion = <ErrorRegion error={shownError} onDismiss={dismiss} />
  const panel =
    step === null ? null : (
      <SignInPanel step={step} reconnectEmail={reconnectEmail} onCancel={cancel} />
    )

  if (accounts === null) return <main className="loading" aria-busy="true" />

  if (accounts.length === 0) {
    return (
      <Welcome signingIn={panel} addRef={addRef} onAdd={() => void actions.add()}>
        {errorRegion}
      </Welcome>
    )
  }

  const busy = step !== null
  const active = accounts.find((account) => account.active) ?? null
  const signOutAccount = accounts.find((account) => account.email === signOutEmail) ?? null

  return (
    <div className="shell">
      <aside className="sidebar" aria-labelledby="accounts-heading">
        <h1 className="brand">
          <PostlineMark />
          Postline
        </h1>
        <h2 id="accounts-heading" className="sidebar-heading">
          Accounts
        </h2>
        <AccountList
          accounts={accounts}
          disabled={busy}
          onUse={(email) => void actions.setActive(email)}
          onSignOut={setSignOutEmail}
        />
        <div className="sidebar-footer">
          <button
            ref={addRef}
            type="button"
            className="button wide"
            disabled={busy}
            onClick={() => void actions.add()}
          >
            <span aria-hidden="true" className="plus">
              +
            </span>
            Add Google account
          </button>
        </div>
      </aside>
      <main className="content">
        {errorRegion}
        {accounts
          .filter((account) => account.status === 'needs-reconnect')
          .map((account) => (
            <ReconnectBanner
              key={account.email}
              account={account}
              disabled={busy}
              onReconnect={(email) => void actions.reconnect(email)}
            />
          ))}
        {panel ?? <ComposerPlaceholder from={active} />}
      </main>
      <SignOutDialog
        account={signOutAccount}
        onConfirm={actions.signOut}
        onClose={() => setSignOutEmail(null)}
      />
    </div>
  )
}
