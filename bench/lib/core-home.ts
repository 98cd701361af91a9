import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { KeytarSecretStore } from '../../src/main/accounts/keychain'
import { createCore, type CoreInternals, type PostlineCore } from '../../src/main/core'
import type { GoogleEndpoints } from '../../src/main/google-endpoints'
import type { DraftFields, OutboxItem } from '../../src/shared/domain'
import { ok } from '../../test/helpers/core'
import { draftFields as testDraftFields } from '../../test/helpers/draft-fields'

/**
 * The sandbox's people (DEFAULT_SANDBOX_IDENTITIES), in order: the first N are signed in. Spelt
 * out so that child processes, which import this file, do not bundle the sandbox with the core.
 */
export const EMAILS = ['ada@sandbox.test', 'grace@sandbox.test', 'zoe@sandbox.test'] as const

/** What a core needs to know of a sandbox, possibly running in another process. */
export interface SandboxAddress {
  readonly endpoints: GoogleEndpoints
  readonly clientId: string
  readonly clientSecret: string
}

/** A fresh folder under the system temp folder. */
export function tempFolder(prefix = 'postline-bench-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix))
}

export { ok } from '../../test/helpers/core'

/** A plain small draft to one recipient (the tests' draft, with the benchmark's text). */
export function draftFields(change: Partial<DraftFields> = {}): DraftFields {
  return testDraftFields({
    subject: 'Benchmark',
    html: '<p>Hello there, this is a short message from the benchmark.</p>',
    ...change,
  })
}

/** Where a core lives: its data folder and its own keychain service name. */
export interface CoreHome {
  readonly dataDir: string
  readonly keychainService: string
}

export async function newHome(): Promise<CoreHome> {
  return { dataDir: await tempFolder(), keychainService: `Postline Bench ${randomUUID()}` }
}

/** Removes a home's folder and keychain entries. */
export async function removeHome(home: CoreHome, emails: readonly string[] = EMAILS) {
  const secrets = new KeytarSecretStore(home.keychainService)
  for (const email of emails) await secrets.delete(email).catch(() => false)
  await rm(home.dataDir, { recursive: true, force: true })
}

/** A core on `home` against the sandbox, with the first `accounts` sandbox people signed in. */
export async function coreOnSandbox(
  sandbox: SandboxAddress,
  home: CoreHome,
  accounts: number,
  internals: CoreInternals = {},
): Promise<PostlineCore> {
  // Loaded here, not at the top: the consent helper brings the sandbox, which a core child
  // that only starts (idle memory, start time) must not carry.
  const { httpBrowser } = await import('../../test/helpers/consent')
  const browser = httpBrowser(EMAILS.slice(0, accounts).map((identity) => ({ identity })))
  const core = await createCore(
    {
      dataDir: home.dataDir,
      keychainService: home.keychainService,
      mode: 'sandbox',
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      openExternal: browser.openExternal,
      signInTimeoutMs: 60_000,
    },
    internals,
  )
  for (let i = 0; i < accounts; i++) ok(await core.handlers['accounts.add'](undefined))
  return core
}

/** Saves `count` drafts and answers their ids. */
export async function saveDrafts(
  core: PostlineCore,
  count: number,
  change: Partial<DraftFields> = {},
): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const fields = draftFields({ subject: `Benchmark ${i + 1}`, ...change })
    ids.push(ok(await core.handlers['drafts.save']({ fields })).id)
  }
  return ids
}

/**
 * Resolves once every outbox item in `ids` has been seen as sent; rejects as soon as one fails
 * or waits, or after `timeoutMs`. Sent items leave the outbox after a while, so each is counted
 * as it is seen.
 */
export function allSent(core: PostlineCore, ids: readonly string[], timeoutMs = 120_000) {
  const waiting = new Set(ids)
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`${waiting.size} of ${ids.length} messages not sent in ${timeoutMs} ms`))
    }, timeoutMs)
    const check = (items: readonly OutboxItem[]) => {
      for (const item of items) {
        if (!waiting.has(item.id)) continue
        if (item.state === 'sent') waiting.delete(item.id)
        else if (item.state === 'failed' || item.state === 'held' || item.state === 'unknown') {
          off()
          clearTimeout(timer)
          reject(new Error(`message ${item.state}: ${item.error?.code} ${item.error?.message}`))
          return
        }
      }
      if (waiting.size === 0) {
        off()
        clearTimeout(timer)
        resolve()
      }
    }
    const off = core.on('outbox.changed', (change) => check(change.upserted))
    check(core.sending.list())
  })
}
