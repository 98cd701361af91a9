import { useEffect, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { SignInState } from '../../shared/domain'

const IDLE: SignInState = { phase: 'idle' }

/** Where main's sign-in flow stands, from the `signIn.state` event. */
export function useSignInState(api: PostlineApi): SignInState {
  const [state, setState] = useState<SignInState>(IDLE)
  useEffect(() => api.on('signIn.state', setState), [api])
  return state
}
