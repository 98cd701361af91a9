import { useCallback, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { PostlineError, Result } from '../../shared/errors'
import { callReporting } from '../call-safely'

/** A sign-in the window started and is waiting on. */
export type PendingSignIn = { readonly kind: 'add' } | { readonly kind: 'reconnect'; email: string }

/** The account verbs, with the window's own pending sign-in and errors reported once. */
export interface AccountActions {
  readonly pendingSignIn: PendingSignIn | null
  add(): Promise<void>
  reconnect(email: string): Promise<void>
  cancelSignIn(): Promise<void>
  setActive(email: string): Promise<void>
  /** Resolves to whether the account was signed out. */
  signOut(email: string): Promise<boolean>
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
      try {
        await run(call)
      } finally {
        setPendingSignIn(null)
      }
    },
    [run],
  )

  return {
    pendingSignIn,
    add: useCallback(() => signIn({ kind: 'add' }, () => api.accounts.add()), [api, signIn]),
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
    signOut: useCallback((email: string) => run(() => api.accounts.signOut(email)), [api, run]),
  }
}
