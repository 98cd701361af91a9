/** Whether an account can be used, or needs the person to sign in again. */
export type AccountStatus = 'connected' | 'needs-reconnect'

/** What the renderer may know about an account: never a token. */
export interface AccountView {
  readonly email: string
  readonly name: string
  readonly addedAt: string
  readonly status: AccountStatus
  readonly active: boolean
}

/** Where the sign-in flow stands, for the window's "Continue in your browser" state. */
export type SignInState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'waiting-for-browser'; readonly reconnectEmail: string | null }
  | { readonly phase: 'finishing' }
