import { useCallback, useEffect, useRef, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { SignInState } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { ErrorContext } from '../error-text'
import { useAccountActions, type PendingSignIn } from '../hooks/use-account-actions'
import { useAccounts } from '../hooks/use-accounts'
import { useSettings } from '../hooks/use-settings'
import { useSignInState } from '../hooks/use-sign-in-state'
import { ErrorRegion } from './ErrorRegion'
import { SessionOnlyOffer, SignInPanel, type SignInStep } from './SignInPanel'
import { StatusBanner } from './StatusBanner'
import { Welcome } from './Welcome'
import { Workspace } from './Workspace'

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

/** An error to show, with what the person was doing when it came. */
interface ShownError {
  readonly error: PostlineError
  readonly context: ErrorContext
}

/** The whole window: the welcome before any account, then accounts, composer and panels.
 * Over 60 lines, on purpose: it is the one place that chooses between loading, Welcome and Workspace, and
 * hands focus back after a sign-in; its state already lives in hooks (accounts, sign-in, settings, actions).
 */
export function App({ api }: { api: PostlineApi }) {
  const { accounts, loadError } = useAccounts(api)
  const signInState = useSignInState(api)
  const settings = useSettings(api)
  const [shown, setShown] = useState<ShownError | null>(null)
  const showError = useCallback(
    (error: PostlineError, context: ErrorContext) => setShown({ error, context }),
    [],
  )
  const setAccountError = useCallback(
    (error: PostlineError | null) => setShown(error ? { error, context: 'account' } : null),
    [],
  )
  const actions = useAccountActions(api, setAccountError)
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

  const hasAccounts = accounts !== null && accounts.length > 0
  useEffect(() => {
    if (!hasAccounts) document.title = 'Postline'
  }, [hasAccounts])

  const dismiss = useCallback(() => setShown(null), [])
  const cancel = useCallback(() => void actions.cancelSignIn(), [actions])
  const errorRegion = (
    <>
      <StatusBanner api={api} />
      <ErrorRegion
        error={shown?.error ?? loadError}
        context={shown?.context ?? 'account'}
        onDismiss={dismiss}
      />
    </>
  )
  const panel =
    step !== null ? (
      <SignInPanel step={step} reconnectEmail={reconnectEmail} onCancel={cancel} />
    ) : actions.sessionOffer ? (
      <SessionOnlyOffer
        error={actions.sessionOffer}
        onUseForSession={() => void actions.addForSession()}
        onDismiss={actions.dismissSessionOffer}
      />
    ) : null

  if (accounts === null) return <main className="loading" aria-busy="true" />

  if (accounts.length === 0) {
    return (
      <Welcome
        signingIn={panel}
        addRef={addRef}
        onAdd={() => void actions.add()}
        settings={settings}
      >
        {errorRegion}
      </Welcome>
    )
  }

  return (
    <Workspace
      api={api}
      accounts={accounts}
      actions={actions}
      busy={step !== null}
      signInPanel={panel}
      settings={settings}
      errorRegion={errorRegion}
      addRef={addRef}
      onError={showError}
    />
  )
}
