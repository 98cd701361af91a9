import {
  invokeSchemas,
  type InvokeChannel,
  type InvokeInput,
  type InvokeResults,
} from '../shared/contract'
import type { Result } from '../shared/errors'
import { AccountService } from './accounts/account-service'
import { KeytarSecretStore, type SecretStore } from './accounts/keychain'
import { AccountRegistry } from './accounts/registry'
import { GoogleOAuth } from './auth/google-oauth'
import type { Core, CoreHandlers, CoreOptions } from './core-types'
import { PostlineFailure, toPostlineError } from './errors'
import { EventHub } from './event-hub'

export type { Core, CoreHandlers, CoreOptions } from './core-types'

/** The default time the loopback listener waits for the browser. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000

/** The core with the extras that only main-process code and tests use. */
export interface PostlineCore extends Core {
  readonly accounts: AccountService
  /** Settles once the accounts found at start have been checked with Google. */
  readonly verified: Promise<void>
}

/** Test seams that the app never sets. */
export interface CoreInternals {
  readonly secrets?: SecretStore
  readonly verifyAtStart?: boolean
}

type Implementation = {
  [C in InvokeChannel]: (input: InvokeInput<C>) => Promise<InvokeResults[C]> | InvokeResults[C]
}

/**
 * Builds the main-process core under plain Node: the Electron composition root, the tests and
 * the e2e bridge all call this. Every handler parses its input as `unknown` with the channel's
 * schema and answers `{ ok, value }` or `{ ok: false, error: { code, message } }`; none throws.
 */
export async function createCore(
  options: CoreOptions,
  internals: CoreInternals = {},
): Promise<PostlineCore> {
  const events = new EventHub()
  const registry = await AccountRegistry.open(options.dataDir, (movedTo) =>
    console.error(`postline: the account list was damaged and was set aside as ${movedTo}`),
  )
  const accounts = new AccountService({
    registry,
    secrets: internals.secrets ?? new KeytarSecretStore(options.keychainService),
    oauth: new GoogleOAuth(options),
    events,
    authorizationUrl: options.endpoints.authorizationUrl,
    clientId: options.clientId,
    openExternal: options.openExternal,
    signInTimeoutMs: options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
  })

  const implementation: Implementation = {
    'accounts.list': () => accounts.list(),
    'accounts.add': () => accounts.add(),
    'accounts.cancelAdd': () => accounts.cancelAdd(),
    'accounts.setActive': ({ email }) => accounts.setActive(email),
    'accounts.signOut': ({ email }) => accounts.signOut(email),
    'accounts.reconnect': ({ email }) => accounts.reconnect(email),
    // Wired as the sending slice lands; until then they answer a clear error.
    'drafts.save': notYet,
    'drafts.list': notYet,
    'drafts.get': notYet,
    'drafts.delete': notYet,
    'attachments.pick': notYet,
    'attachments.addDropped': notYet,
    'attachments.remove': notYet,
    'mail.send': notYet,
    'mail.undo': notYet,
    'outbox.list': notYet,
    'outbox.retry': notYet,
    'outbox.sendAgain': notYet,
    'outbox.discard': notYet,
    'settings.get': notYet,
    'settings.saveGoogleClient': notYet,
    'settings.clearGoogleClient': notYet,
  }
  const handlers = Object.fromEntries(
    (Object.keys(implementation) as InvokeChannel[]).map((channel) => [
      channel,
      handlerFor(channel, implementation),
    ]),
  ) as unknown as CoreHandlers

  const verified = internals.verifyAtStart === false ? Promise.resolve() : accounts.verifyAll()
  return {
    handlers,
    accounts,
    verified,
    on: (event, listener) => events.on(event, listener),
    async close() {
      accounts.close()
      await verified.catch(() => {})
      events.clear()
    },
  }
}

function notYet(): never {
  throw new PostlineFailure('internal', 'This part of Postline is not available yet.')
}

function handlerFor<C extends InvokeChannel>(channel: C, implementation: Implementation) {
  return async (input: unknown): Promise<Result<InvokeResults[C]>> => {
    try {
      const parsed = invokeSchemas[channel].parse(input) as InvokeInput<C>
      return { ok: true, value: await implementation[channel](parsed) }
    } catch (error) {
      const shaped = toPostlineError(error)
      if (shaped.code === 'internal') {
        // Never the error object itself: a gaxios error carries request bodies with secrets.
        console.error(
          `postline: ${channel} failed:`,
          error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
        )
      }
      return { ok: false, error: shaped }
    }
  }
}
