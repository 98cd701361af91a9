import { useCallback, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { PostlineError, Result } from '../../shared/errors'
import { callReporting, callSafely } from '../call-safely'

/** A sign-in the window started and is waiting on. */
export type PendingSignIn = { readonly kind: 'add' } | { readonly kind: 'reconnect'; email: string }

/**
 * How a sign-out ended: done; failed (reported through `onError`); or Google did not confirm
 * the revocation, which the sign-out dialog explains itself, with its way out.
 */
export type SignOutOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'revoke-failed'; readonly error: PostlineError }

/** The account verbs, with the window's own pending sign-in and errors reported once. */
export interface AccountActions {
  readonly pendingSignIn: PendingSignIn | null
  /**
   * Set when adding failed because the keychain cannot keep the sign-in, and main offers to use
   * the account for this session only; the offer panel shows main's sentence.
   */
  readonly sessionOffer: PostlineError | null
  add(): Promise<void>
  /** Takes the offer: adds an account whose sign-in stays in memory until Postline closes. */
  addForSession(): Promise<void>
  dismissSessionOffer(): void
  reconnect(email: string): Promise<void>
  cancelSignIn(): Promise<void>
  setActive(email: string): Promise<void>
  signOut(email: string): Promise<SignOutOutcome>
  /** After a failed revocation: removes the account here only. Resolves to whether it did. */
  removeFromComputer(email: string): Promise<boolean>
  /** Opens Google's page for removing Postline's access, in the person's browser. */
  openGoogleAccessPage(): Promise<void>
}

/** Whether main offers the session-only way out for this error. */
export function offersSessionOnly(error: PostlineError): boolean {
  return error.code === 'keychain-unavailable' && error.params?.offer === 'session-only'
}

/**
 * Calls main and reports failures through `onError`. The account list itself is not touched
 * here: main announces every change with `accounts.changed`.
 */
export function useAccountActions(
  api: PostlineApi,
  onError: (error: PostlineError | null) => void,
): AccountActions {
  const [pendingSignIn, setPendingSignIn] = useState<PendingSignIn | null>(null)
  const [sessionOffer, setSessionOffer] = useState<PostlineError | null>(null)

  const run = useCallback(
    async <T>(call: () => Promise<Result<T>>): Promise<boolean> => {
      onError(null)
      return (await callReporting(call, onError)).ok
    },
    [onError],
  )

  const signIn = useCallback(
    async <T>(pending: PendingSignIn, call: () => Promise<Result<T>>): Promise<void> => {
      setPendingSignIn(pending)
      setSessionOffer(null)
      onError(null)
      try {
        const result = await callSafely(call)
        if (result.ok) return
        if (offersSessionOnly(result.error)) setSessionOffer(result.error)
        else onError(result.error)
      } finally {
        setPendingSignIn(null)
      }
    },
    [onError],
  )

  return {
    pendingSignIn,
    sessionOffer,
    add: useCallback(() => signIn({ kind: 'add' }, () => api.accounts.add()), [api, signIn]),
    addForSession: useCallback(
      () => signIn({ kind: 'add' }, () => api.accounts.addForSession()),
      [api, signIn],
    ),
    dismissSessionOffer: useCallback(() => setSessionOffer(null), []),
    reconnect: useCallback(
      (email: string) => signIn({ kind: 'reconnect', email }, () => api.accounts.reconnect(email)),
      [api, signIn],
    ),
    cancelSignIn: useCallback(async () => {
      await run(() => api.accounts.cancelAdd())
    }, [api, run]),
    setActive: useCallback(
      async (email: string) => {
        await run(() => api.accounts.setActive(email))
      },
      [api, run],
    ),
    signOut: useCallback(
      async (email: string): Promise<SignOutOutcome> => {
        onError(null)
        const result = await callSafely(() => api.accounts.signOut(email))
        if (result.ok) return { kind: 'done' }
        if (result.error.code === 'revoke-failed') {
          return { kind: 'revoke-failed', error: result.error }
        }
        onError(result.error)
        return { kind: 'failed' }
      },
      [api, onError],
    ),
    removeFromComputer: useCallback(
      (email: string) => run(() => api.accounts.removeFromComputer(email)),
      [api, run],
    ),
    openGoogleAccessPage: useCallback(async () => {
      await run(() => api.accounts.openGoogleAccessPage())
    }, [api, run]),
  }
}
