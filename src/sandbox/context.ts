import type { GrantStore } from './grant-store'
import type { Mailbox } from './mailbox'
import type { SendAsBook } from './send-as'
import type { SandboxIdentity, SandboxRequestRecord, SandboxRevocation } from './types'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** What the sandbox saw: requests (for counting) and revocations (for sign-out checks). */
export class ActivityLog {
  private readonly requestLog: Mutable<SandboxRequestRecord>[] = []
  private readonly revocationLog: SandboxRevocation[] = []

  /** Logs a request; the returned entry may be given detail while the request is handled. */
  request(method: string, path: string): Mutable<SandboxRequestRecord> {
    const record: Mutable<SandboxRequestRecord> = { method, path, at: new Date().toISOString() }
    this.requestLog.push(record)
    return record
  }

  revocation(email: string, tokenKind: SandboxRevocation['tokenKind']): void {
    this.revocationLog.push({ email, tokenKind, at: new Date().toISOString() })
  }

  requests(): SandboxRequestRecord[] {
    return this.requestLog.map((record) => ({ ...record }))
  }

  revocations(): SandboxRevocation[] {
    return [...this.revocationLog]
  }
}

/** What every group of routes shares. */
export interface SandboxContext {
  readonly clientId: string
  readonly clientSecret: string
  readonly identities: readonly SandboxIdentity[]
  readonly store: GrantStore
  readonly activity: ActivityLog
  readonly mailbox: Mailbox
  /** Each identity's verified send-as addresses. */
  readonly sendAs: SendAsBook
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin(): string
}
