import { sameAddress } from '../../shared/addresses'
import { join } from 'node:path'
import { z } from 'zod'
import type { AccountStatus, AccountView, SendAsAddress } from '../../shared/domain'
import { readJsonFile, writeFileAtomic } from '../store/atomic-file'
import { nodeFileSystem, type FileSystem } from '../store/file-system'
import { checkSendAs, requireSendAs, type SendAsInput } from './send-as'

/** The non-secret facts Postline keeps about an account. */
export interface AccountRecord {
  readonly email: string
  /** The name Google shares (only with the `profile` scope); empty when it shared none. */
  readonly name: string
  /**
   * The name the person typed in Settings for From, when they typed one: it wins over Google's
   * and a reconnect keeps it. Absent: From carries Google's name (or the bare address).
   */
  readonly senderName?: string
  /** Other addresses it sends as (Gmail's "Send mail as"), added by hand; absent: none. */
  readonly sendAs?: readonly SendAsAddress[]
  /** The send-as address new messages start with; absent: the account's own. */
  readonly defaultFrom?: string
  readonly addedAt: string
  readonly status: AccountStatus
  /**
   * Kept in memory only, for this run of Postline (no keychain): never written to
   * `accounts.json`, gone when Postline closes.
   */
  readonly sessionOnly?: true
}

const entrySchema = z.object({
  email: z.string().min(1),
  // Entries written before Postline asked for `profile` may carry no name: they read as none.
  name: z.string().default(''),
  senderName: z.string().optional(),
  // Entries written before send-as addresses existed have no list: they read as none.
  sendAs: z
    .array(
      z.object({
        address: z.string().min(3),
        name: z.string(),
        replyTo: z.string().min(3).optional(),
        signature: z.string().default(''),
        confirmedAt: z.string(),
      }),
    )
    .optional(),
  defaultFrom: z.string().optional(),
  addedAt: z.string(),
  status: z.enum(['connected', 'needs-reconnect']),
})

/** The file's frame; each entry in `accounts` is checked on its own. */
const fileSchema = z.object({
  version: z.literal(1),
  active: z.unknown(),
  accounts: z.array(z.unknown()),
})

/** The file name of the registry inside the data folder. */
export const REGISTRY_FILE = 'accounts.json'

/** What was set aside when the registry was opened. */
export interface DamageReport {
  /** `file`: the whole file could not be read and was renamed; `entries`: only some entries. */
  readonly kind: 'file' | 'entries'
  /** How many account entries were set aside (0 when the whole file was unreadable). */
  readonly entries: number
}

/**
 * The account registry: metadata in `accounts.json` in the data folder, written atomically
 * after every change, in the order the changes were made. Never holds a secret. Session-only
 * accounts live beside the others in memory and are never written.
 */
export class AccountRegistry {
  private accounts: AccountRecord[] = []
  private active: string | null = null
  private writes: Promise<void> = Promise.resolve()
  /** Damage found at open that could not be set aside yet (the folder could not be written). */
  private setAside: {
    readonly movedTo: string
    readonly report: DamageReport
    readonly move: () => Promise<void>
    readonly onDamaged: ((movedTo: string, report: DamageReport) => void) | undefined
  } | null = null

  private constructor(
    private readonly path: string,
    private readonly fs: FileSystem,
  ) {}

  /**
   * Loads the registry. Each account entry is checked on its own: the good ones load, the bad
   * ones are written to `accounts.json.damaged-<time>` beside it and left out of the registry.
   * A file that cannot be read as a registry at all is renamed there. Either way `onDamaged`
   * hears where, once it is done (if the folder cannot be written, before the next write).
   */
  static async open(
    dataDir: string,
    onDamaged?: (movedTo: string, report: DamageReport) => void,
    fs: FileSystem = nodeFileSystem,
  ): Promise<AccountRegistry> {
    const registry = new AccountRegistry(join(dataDir, REGISTRY_FILE), fs)
    let raw: unknown
    try {
      raw = await readJsonFile(registry.path, fs)
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error
      raw = null
    }
    if (raw === undefined) return registry
    const movedTo = `${registry.path}.damaged-${Date.now()}`
    const parsed = fileSchema.safeParse(raw)
    if (!parsed.success) {
      registry.setAside = {
        movedTo,
        report: { kind: 'file', entries: 0 },
        move: () => fs.rename(registry.path, movedTo),
        onDamaged,
      }
      await registry.settleSetAside().catch(() => {})
      return registry
    }
    const good: AccountRecord[] = []
    const bad: unknown[] = []
    for (const entry of parsed.data.accounts) {
      const checked = entrySchema.safeParse(entry)
      if (checked.success && !good.some((kept) => sameAddress(kept.email, checked.data.email))) {
        good.push(checked.data)
      } else bad.push(entry)
    }
    registry.accounts = good
    const active = parsed.data.active
    registry.active = typeof active === 'string' && registry.find(active) ? active : null
    if (bad.length > 0) {
      registry.setAside = {
        movedTo,
        report: { kind: 'entries', entries: bad.length },
        move: () =>
          writeFileAtomic(
            movedTo,
            `${JSON.stringify({ version: 1, setAsideFrom: REGISTRY_FILE, accounts: bad }, null, 2)}\n`,
            fs,
          ),
        onDamaged,
      }
      // A data folder that cannot be written now (read-only, full) does not stop the start: the
      // good accounts load, and the bad entries are set aside before the file is next written.
      await registry
        .settleSetAside()
        .then(() => registry.save())
        .catch(() => {})
    }
    return registry
  }

  /**
   * Disk first: what is to be set aside is safe beside the file before the file changes (or
   * goes). Runs once; a failure leaves it for the next write, which then fails too.
   */
  private async settleSetAside(): Promise<void> {
    const pending = this.setAside
    if (pending === null) return
    await pending.move()
    this.setAside = null
    pending.onDamaged?.(pending.movedTo, pending.report)
  }

  list(): readonly AccountRecord[] {
    return this.accounts
  }

  find(email: string): AccountRecord | undefined {
    return this.accounts.find((account) => sameAddress(account.email, email))
  }

  /** The active account's address; the first account when none was chosen. */
  activeEmail(): string | null {
    return activeOf(this.accounts, this.active)
  }

  views(): AccountView[] {
    const active = this.activeEmail()
    return this.accounts.map((account) => ({ ...account, active: account.email === active }))
  }

  /** Whether the address is a session-only account (kept in memory, never written). */
  isSessionOnly(email: string): boolean {
    return this.find(email)?.sessionOnly === true
  }

  /**
   * Adds an account or updates the one with the same address, keeping its place and added-at.
   * A record without `sessionOnly` turns a session-only account into a kept one.
   */
  upsert(record: AccountRecord): Promise<void> {
    return this.change((accounts, active) => {
      const index = accounts.findIndex((account) => sameAddress(account.email, record.email))
      const existing = index === -1 ? undefined : accounts[index]!
      if (existing !== undefined && record.sessionOnly === true && existing.sessionOnly !== true) {
        throw new Error('A kept account cannot become session-only')
      }
      const merged: AccountRecord = {
        email: existing?.email ?? record.email,
        name: record.name,
        ...(senderNameOf(record, existing) !== undefined
          ? { senderName: senderNameOf(record, existing)! }
          : {}),
        // A reconnect keeps the send-as addresses the person added.
        ...sendAsOf(record, existing),
        addedAt: existing?.addedAt ?? record.addedAt,
        status: record.status,
        ...(record.sessionOnly === true ? { sessionOnly: true as const } : {}),
      }
      const next = index === -1 ? [...accounts, merged] : accounts.with(index, merged)
      const chosen =
        activeOf(accounts, active) === null || next.length === 1 ? merged.email : active
      // Adding or changing a session-only account changes nothing that is written.
      return { accounts: next, active: chosen, write: record.sessionOnly !== true }
    }).then(() => {})
  }

  setStatus(email: string, status: AccountStatus): Promise<boolean> {
    return this.change((accounts, active) => {
      const existing = accounts.find((account) => sameAddress(account.email, email))
      if (existing === undefined || existing.status === status) return null
      return {
        accounts: accounts.map((account) =>
          account === existing ? { ...account, status } : account,
        ),
        active,
        write: existing.sessionOnly !== true,
      }
    })
  }

  /**
   * The name the person chose for From (`null`: none, From carries Google's name). Disk first,
   * through the same one-at-a-time change as every other edit, on the current record. Answers
   * false when the account is not known.
   */
  setSenderName(email: string, senderName: string | null): Promise<boolean> {
    return this.change((accounts, active) => {
      const existing = accounts.find((account) => sameAddress(account.email, email))
      if (existing === undefined) return null
      const { senderName: _previous, ...rest } = existing
      const next: AccountRecord = senderName === null ? rest : { ...rest, senderName }
      return {
        accounts: accounts.map((account) => (account === existing ? next : account)),
        active,
        write: existing.sessionOnly !== true,
      }
    })
  }

  /**
   * Adds a send-as address to the account, checked against its current list (a valid address,
   * not its own, not there yet, confirmed by the person). Disk first. Answers false when the
   * account is not known.
   */
  addSendAs(email: string, input: SendAsInput, now: Date): Promise<boolean> {
    return this.edit(email, (existing) => ({
      ...existing,
      sendAs: [...(existing.sendAs ?? []), checkSendAs(existing, input, now)],
    }))
  }

  /** Removes a send-as address (and its place as the default). Disk first. */
  removeSendAs(email: string, address: string): Promise<boolean> {
    return this.edit(email, (existing) => {
      const gone = requireSendAs(existing, address)
      const { sendAs: _list, defaultFrom, ...rest } = existing
      const left = (existing.sendAs ?? []).filter((known) => known !== gone)
      return {
        ...rest,
        ...(left.length > 0 ? { sendAs: left } : {}),
        ...(defaultFrom !== undefined && !sameAddress(defaultFrom, gone.address)
          ? { defaultFrom }
          : {}),
      }
    })
  }

  /** The address new messages from the account start with (`null`: its own). Disk first. */
  setDefaultFrom(email: string, address: string | null): Promise<boolean> {
    return this.edit(email, (existing) => {
      const { defaultFrom: _previous, ...rest } = existing
      if (address === null || sameAddress(address, existing.email)) return rest
      return { ...rest, defaultFrom: requireSendAs(existing, address).address }
    })
  }

  /** One account's record changed by `next`, on the current record, disk first. */
  private edit(email: string, next: (existing: AccountRecord) => AccountRecord): Promise<boolean> {
    return this.change((accounts, active) => {
      const existing = accounts.find((account) => sameAddress(account.email, email))
      if (existing === undefined) return null
      const changed = next(existing)
      return {
        accounts: accounts.map((account) => (account === existing ? changed : account)),
        active,
        write: existing.sessionOnly !== true,
      }
    })
  }

  setActive(email: string): Promise<boolean> {
    return this.change((accounts) => {
      const existing = accounts.find((account) => sameAddress(account.email, email))
      if (existing === undefined) return null
      return { accounts, active: existing.email, write: true }
    })
  }

  remove(email: string): Promise<boolean> {
    return this.change((accounts, active) => {
      const existing = accounts.find((account) => sameAddress(account.email, email))
      if (existing === undefined) return null
      const next = accounts.filter((account) => account !== existing)
      return {
        accounts: next,
        active:
          active !== null && sameAddress(active, existing.email)
            ? (next[0]?.email ?? null)
            : active,
        write: existing.sessionOnly !== true,
      }
    })
  }

  /**
   * One change at a time, disk first: the new state is written, and only then becomes the
   * registry's; a failed write leaves memory as it was. Answers whether anything changed.
   */
  private change(
    compute: (
      accounts: AccountRecord[],
      active: string | null,
    ) => { accounts: AccountRecord[]; active: string | null; write: boolean } | null,
  ): Promise<boolean> {
    const run = this.writes.then(async () => {
      const next = compute(this.accounts, this.active)
      if (next === null) return false
      if (next.write) await this.write(next.accounts, next.active)
      this.accounts = next.accounts
      this.active = next.active
      return true
    })
    this.writes = run.then(
      () => {},
      () => {},
    )
    return run
  }

  private save(): Promise<void> {
    return this.write(this.accounts, this.active)
  }

  private async write(accounts: readonly AccountRecord[], active: string | null): Promise<void> {
    await this.settleSetAside()
    const kept = accounts.filter((account) => account.sessionOnly !== true)
    const chosen = activeOf(accounts, active)
    const snapshot = JSON.stringify(
      {
        version: 1,
        // A session-only account is never named in the file, not even as the active one.
        active: kept.some((account) => account.email === chosen) ? chosen : null,
        accounts: kept,
      },
      null,
      2,
    )
    await writeFileAtomic(this.path, `${snapshot}\n`, this.fs)
  }
}

/** The person's typed name survives a reconnect unless the new record sets its own. */
function senderNameOf(
  record: AccountRecord,
  existing: AccountRecord | undefined,
): string | undefined {
  return record.senderName ?? existing?.senderName
}

/** The send-as list and default of the record, else the ones already kept. */
function sendAsOf(
  record: AccountRecord,
  existing: AccountRecord | undefined,
): Pick<AccountRecord, 'sendAs' | 'defaultFrom'> {
  const sendAs = record.sendAs ?? existing?.sendAs
  const defaultFrom = record.defaultFrom ?? existing?.defaultFrom
  return {
    ...(sendAs !== undefined ? { sendAs } : {}),
    ...(defaultFrom !== undefined ? { defaultFrom } : {}),
  }
}

/** The name that goes into From: the person's own, else Google's (empty: the bare address). */
export function fromName(account: AccountRecord): string {
  return account.senderName ?? account.name
}

function activeOf(accounts: readonly AccountRecord[], active: string | null): string | null {
  const chosen =
    active === null ? undefined : accounts.find((account) => sameAddress(account.email, active))
  return chosen?.email ?? accounts[0]?.email ?? null
}
