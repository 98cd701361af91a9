import { useEffect, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { callSafely } from '../call-safely'

/** The accounts as main last described them; `null` until the first answer. */
export interface AccountsState {
  readonly accounts: readonly AccountView[] | null
  readonly loadError: PostlineError | null
}

/**
 * Mirrors main's account list: one `accounts.list()` at start, then every `accounts.changed`
 * event. An event that arrives before the first answer wins, since it is newer.
 */
export function useAccounts(api: PostlineApi): AccountsState {
  const [state, setState] = useState<AccountsState>({ accounts: null, loadError: null })

  useEffect(() => {
    let live = true
    let heardEvent = false
    const unsubscribe = api.on('accounts.changed', (accounts) => {
      heardEvent = true
      setState({ accounts, loadError: null })
    })
    void callSafely(() => api.accounts.list()).then((result) => {
      if (!live || heardEvent) return
      setState(
        result.ok
          ? { accounts: result.value, loadError: null }
          : { accounts: [], loadError: result.error },
      )
    })
    return () => {
      live = false
      unsubscribe()
    }
  }, [api])

  return state
}
