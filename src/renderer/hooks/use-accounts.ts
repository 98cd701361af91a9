import { useMemo } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { useMirror } from './use-mirror'

/** The accounts as main last described them; `null` until the first answer. */
export interface AccountsState {
  readonly accounts: readonly AccountView[] | null
  readonly loadError: PostlineError | null
}

/**
 * Mirrors main's account list: `accounts.list()` once, then every `accounts.changed`. When the
 * list cannot be loaded the window goes on with none (and shows the error) rather than waiting.
 */
export function useAccounts(api: PostlineApi): AccountsState {
  const { value, loadError } = useMirror<readonly AccountView[]>(
    (listener) => api.on('accounts.changed', listener),
    () => api.accounts.list(),
  )
  return useMemo(
    () => ({ accounts: loadError === null ? value : (value ?? []), loadError }),
    [value, loadError],
  )
}
