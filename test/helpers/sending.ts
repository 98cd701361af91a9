import type { TestContext } from 'node:test'
import type { CoreInternals, PostlineCore } from '../../src/main/core'
import type { SendTiming } from '../../src/main/mail/send-service'
import type { Sandbox } from '../../src/sandbox/index'
import type { DraftFields, OutboxItem, OutboxState } from '../../src/shared/domain'
import { httpBrowser, type ConsentChoice } from './consent'
import { ok, sandboxOptions, startCore, testService } from './core'
import { tempDir } from './temp-dir'

/** Outbox timing for tests: no undo delay and quick retries unless a test says otherwise. */
export const FAST: Partial<SendTiming> = { undoDelayMs: 0, baseBackoffMs: 20, maxBackoffMs: 200 }

import { draftFields } from './draft-fields'

export { draftFields }

/** A core on a fresh folder and keychain service with the given sandbox identities signed in. */
export async function coreWithAccounts(
  t: TestContext,
  sandbox: Sandbox,
  identities: string[],
  timing: Partial<SendTiming> = FAST,
  dir?: string,
  service?: string,
  internals: CoreInternals = {},
) {
  const dataDir = dir ?? (await tempDir(t))
  const keychainService = service ?? testService()
  const browserChoices: ConsentChoice[] = identities.map((identity) => ({ identity }))
  const browser = httpBrowser(browserChoices)
  const started = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, browser.openExternal),
    {
      ...internals,
      sendTiming: timing,
    },
  )
  for (const _ of identities) ok(await started.core.handlers['accounts.add'](undefined))
  // Push onto `browserChoices` to answer a later consent page (a reconnect).
  return { ...started, dataDir, keychainService, browserChoices }
}

/** Saves a draft and returns its id. */
export async function newDraft(
  core: PostlineCore,
  change: Partial<DraftFields> = {},
): Promise<string> {
  return ok(await core.handlers['drafts.save']({ fields: draftFields(change) })).id
}

/** Resolves with the outbox item once it reaches one of the states. */
export function outboxState(
  core: PostlineCore,
  id: string,
  states: OutboxState[],
): Promise<OutboxItem> {
  return outboxWhere(core, id, (item) => states.includes(item.state))
}

/** Resolves with the outbox item once it reached a state after at least one attempt. */
export function afterAttempt(
  core: PostlineCore,
  id: string,
  states: OutboxState[],
): Promise<OutboxItem> {
  return outboxWhere(core, id, (item) => item.attempts > 0 && states.includes(item.state))
}

/** Resolves with the outbox item once `matches` answers true for it. */
export function outboxWhere(
  core: PostlineCore,
  id: string,
  matches: (item: OutboxItem) => boolean,
): Promise<OutboxItem> {
  return new Promise((resolve) => {
    const check = (items: readonly OutboxItem[]) => {
      const item = items.find((candidate) => candidate.id === id)
      if (item !== undefined && matches(item)) {
        off()
        resolve(item)
      }
    }
    const off = core.on('outbox.changed', (change) => check(change.upserted))
    check(core.sending.list())
  })
}

/** How many requests the sandbox saw whose path starts with the prefix. */
export function requestCount(sandbox: Sandbox, prefix: string, grantType?: string): number {
  return sandbox
    .requests()
    .filter(
      (r) => r.path.startsWith(prefix) && (grantType === undefined || r.grantType === grantType),
    ).length
}
