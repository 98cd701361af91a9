import type { ReactNode, Ref } from 'react'
import { PostlineMark } from './PostlineMark'

/** The first screen, before any account: what Postline needs, and the one button to start. */
export function Welcome({
  signingIn,
  addRef,
  onAdd,
  children,
}: {
  signingIn: ReactNode | null
  addRef: Ref<HTMLButtonElement>
  onAdd(): void
  children: ReactNode
}) {
  return (
    <main className="welcome">
      <div className="welcome-card">
        <PostlineMark size={56} />
        <h1 className="welcome-title">Welcome to Postline</h1>
        <p className="welcome-lead">Add a Google account to start sending.</p>
        {signingIn ?? (
          <button ref={addRef} type="button" className="button primary large" onClick={onAdd}>
            Add Google account
          </button>
        )}
        <p className="fine-print">
          You sign in on Google’s own page, in your browser. Postline asks only for permission to
          send email, and keeps your sign-in in the system keychain.
        </p>
        {children}
      </div>
    </main>
  )
}
