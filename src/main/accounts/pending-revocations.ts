import { randomBytes } from 'node:crypto'
import type { SecretStore } from './keychain'

/**
 * The keychain account name of the pending revocations, under the accounts' own service. It
 * cannot be an address (no `@`).
 */
export const PENDING_REVOCATIONS_ACCOUNT = 'pending-revocations'

/** A refresh token Postline still has to revoke at Google, kept in the keychain until it has. */
export interface PendingRevocation {
  readonly id: string
  readonly token: string
  /** Whose grant it is, when Postline knew when it wrote the entry. */
  readonly email: string | null
}

/**
 * Refresh tokens waiting to be revoked: one keychain entry holding a JSON list, never a file.
 * (One entry rather than one per token: keytar's search over a service crashes the process when
 * an item vanishes during the search, so Postline reads and writes by name only.) Changes are
 * made one at a time.
 */
export class PendingRevocations {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly secrets: SecretStore) {}

  /** Records a token; answers its id. Throws `keychain-unavailable` like any keychain write. */
  add(token: string, email: string | null): Promise<string> {
    const id = randomBytes(12).toString('base64url')
    return this.change((list) => [...list, { id, token, email }]).then(() => id)
  }

  /** Adds whose grant it is, once known. */
  name(id: string, email: string): Promise<void> {
    return this.change((list) =>
      list.map((entry) => (entry.id === id ? { ...entry, email } : entry)),
    )
  }

  remove(id: string): Promise<void> {
    return this.change((list) => list.filter((entry) => entry.id !== id))
  }

  list(): Promise<PendingRevocation[]> {
    return this.serial(() => this.read())
  }

  private change(update: (list: PendingRevocation[]) => PendingRevocation[]): Promise<void> {
    return this.serial(async () => {
      const before = await this.read()
      const after = update(before)
      if (after.length === 0) {
        if (before.length > 0) await this.secrets.delete(PENDING_REVOCATIONS_ACCOUNT)
      } else await this.secrets.set(PENDING_REVOCATIONS_ACCOUNT, JSON.stringify(after))
    })
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work)
    this.queue = run.catch(() => {})
    return run
  }

  private async read(): Promise<PendingRevocation[]> {
    // A locked keychain reads as empty here; writing to it fails, which is what tells.
    const secret = await (this.secrets.peek ?? this.secrets.get).call(
      this.secrets,
      PENDING_REVOCATIONS_ACCOUNT,
    )
    if (secret === null) return []
    return parse(secret)
  }
}

function parse(secret: string): PendingRevocation[] {
  let value: unknown
  try {
    value = JSON.parse(secret)
  } catch {
    // Not Postline's JSON: taken as one bare token, and Google says whether it is one.
    return [{ id: 'unreadable', token: secret, email: null }]
  }
  if (!Array.isArray(value)) return []
  return value.flatMap((item: { id?: unknown; token?: unknown; email?: unknown }) =>
    typeof item?.id === 'string' && typeof item.token === 'string' && item.token !== ''
      ? [
          {
            id: item.id,
            token: item.token,
            email: typeof item.email === 'string' ? item.email : null,
          },
        ]
      : [],
  )
}
