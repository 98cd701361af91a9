import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { AccountStatus, AccountView } from '../../shared/domain'
import { readJsonFile, writeFileAtomic } from '../store/atomic-file'

/** The non-secret facts Postline keeps about an account. */
export interface AccountRecord {
  readonly email: string
  readonly name: string
  readonly addedAt: string
  readonly status: AccountStatus
}

const fileSchema = z.object({
  version: z.literal(1),
  active: z.string().nullable(),
  accounts: z.array(
    z.object({
      email: z.string().min(1),
      name: z.string(),
      addedAt: z.string(),
      status: z.enum(['connected', 'needs-reconnect']),
    }),
  ),
})

/** The file name of the registry inside the data folder. */
export const REGISTRY_FILE = 'accounts.json'

/** Google addresses are case-insensitive; one spelling identifies one account. */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/**
 * The account registry: metadata in `accounts.json` in the data folder, written atomically
 * after every change, in the order the changes were made. Never holds a secret.
 */
export class AccountRegistry {
  private accounts: AccountRecord[] = []
  private active: string | null = null
  private writes: Promise<void> = Promise.resolve()

  private constructor(private readonly path: string) {}

  /** Loads the registry; a damaged file is set aside (not deleted) and the registry starts empty. */
  static async open(
    dataDir: string,
    onDamaged?: (movedTo: string) => void,
  ): Promise<AccountRegistry> {
    const registry = new AccountRegistry(join(dataDir, REGISTRY_FILE))
    let raw: unknown
    try {
      raw = await readJsonFile(registry.path)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error
      raw = null
    }
    if (raw === undefined) return registry
    const parsed = fileSchema.safeParse(raw)
    if (!parsed.success) {
      const movedTo = `${registry.path}.damaged-${Date.now()}`
      await rename(registry.path, movedTo)
      onDamaged?.(movedTo)
      return registry
    }
    registry.accounts = parsed.data.accounts
    registry.active = parsed.data.active
    return registry
  }

  list(): readonly AccountRecord[] {
    return this.accounts
  }

  find(email: string): AccountRecord | undefined {
    return this.accounts.find((account) => sameAddress(account.email, email))
  }

  /** The active account's address; the first account when none was chosen. */
  activeEmail(): string | null {
    const chosen = this.active === null ? undefined : this.find(this.active)
    return chosen?.email ?? this.accounts[0]?.email ?? null
  }

  views(): AccountView[] {
    const active = this.activeEmail()
    return this.accounts.map((account) => ({ ...account, active: account.email === active }))
  }

  /** Adds an account or updates the one with the same address, keeping its place and added-at. */
  async upsert(record: AccountRecord): Promise<void> {
    const index = this.accounts.findIndex((account) => sameAddress(account.email, record.email))
    if (index === -1) this.accounts = [...this.accounts, record]
    else {
      const existing = this.accounts[index]!
      this.accounts = this.accounts.with(index, {
        ...record,
        email: existing.email,
        addedAt: existing.addedAt,
      })
    }
    if (this.activeEmail() === null || this.accounts.length === 1) this.active = record.email
    await this.save()
  }

  async setStatus(email: string, status: AccountStatus): Promise<boolean> {
    const existing = this.find(email)
    if (existing === undefined || existing.status === status) return false
    this.accounts = this.accounts.map((account) =>
      account === existing ? { ...account, status } : account,
    )
    await this.save()
    return true
  }

  async setActive(email: string): Promise<boolean> {
    const existing = this.find(email)
    if (existing === undefined) return false
    this.active = existing.email
    await this.save()
    return true
  }

  async remove(email: string): Promise<boolean> {
    const existing = this.find(email)
    if (existing === undefined) return false
    this.accounts = this.accounts.filter((account) => account !== existing)
    if (this.active !== null && sameAddress(this.active, existing.email))
      this.active = this.accounts[0]?.email ?? null
    await this.save()
    return true
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(
      { version: 1, active: this.activeEmail(), accounts: this.accounts },
      null,
      2,
    )
    const write = this.writes.then(() => writeFileAtomic(this.path, `${snapshot}\n`))
    this.writes = write.catch(() => {})
    return write
  }
}
