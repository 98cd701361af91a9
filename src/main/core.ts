import { constants as fsConstants } from 'node:fs'
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
import { openSendAsSettings } from './accounts/send-as'
import { sameAddress } from '../shared/addresses'
import { GoogleOAuth } from './auth/google-oauth'
import type { AppStatus, GoogleClientSettings, SetAsideFile } from '../shared/domain'
import type { Core, CoreHandlers, CoreOptions, GoogleClientSettingsPort } from './core-types'
import { GmailTransport } from './mail/gmail-transport'
import { GMAIL_MAX_MESSAGE_BYTES } from '../shared/message-size'
import { OutboxStore } from './mail/outbox-store'
import { SendService, type SendTiming } from './mail/send-service'
import { SentActions } from './mail/sent-actions'
import type { MailTransport } from './mail/types'
import { DraftsStore } from './store/drafts-store'
import { TemplatesStore, templateSummary } from './store/templates-store'
import { errnoOf } from './store/disk-errors'
import { nodeFileSystem, type FileSystem } from './store/file-system'
import { ZodError } from 'zod'
import { PostlineFailure, sentenceForLog, toPostlineError } from './errors'
import { EventHub } from './event-hub'
import { consoleLogger, errorFields, type Logger } from './log'
import { Preferences } from './settings/preferences'
import { writingLanguage } from './spellcheck'
import type { Language } from '../shared/i18n/languages'
import { searchWords } from '../shared/search-words'

export type { Core, CoreHandlers, CoreOptions } from './core-types'

/** The default time the loopback listener waits for the browser. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000

/** The core with the extras that only main-process code and tests use. */
export interface PostlineCore extends Core {
  readonly accounts: AccountService
  readonly sending: SendService
  /** Settles once the accounts found at start have been checked with Google. */
  readonly verified: Promise<void>
  /** The person's preferences (the language main's menus and pages follow). */
  readonly preferences: Preferences
  /** The languages the person writes in: the window's, then their drafts' (spell checking). */
  writingLanguages(): Language[]
}

/** Test seams that the app never sets. */
export interface CoreInternals {
  readonly secrets?: SecretStore
  readonly verifyAtStart?: boolean
  readonly transport?: MailTransport
  readonly sendTiming?: Partial<SendTiming>
  readonly now?: () => Date
  readonly refreshAheadMs?: number
  /** The file-system port for the data folder (tests inject disk faults). */
  readonly fs?: FileSystem
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
  const log = options.log ?? consoleLogger()
  const data = await openDataFolder(options, internals, log)
  const events = new EventHub()
  const { accounts, sending } = startServices(options, internals, data, events, log)
  const implementation = channelsOf({
    options,
    data,
    events,
    accounts,
    sending,
    sent: new SentActions({
      mode: options.mode,
      gmailRootUrl: options.endpoints.gmailRootUrl,
      outbox: data.outbox,
      drafts: data.drafts,
      openExternal: options.openExternal,
      log,
    }),
    log,
    settings: options.settings ?? describeOnly(options),
  })
  data.preferences.onLanguageChanged((state) => events.emit('language.changed', state))
  const handlers = Object.fromEntries(
    (Object.keys(implementation) as InvokeChannel[]).map((channel) => [
      channel,
      handlerFor(channel, implementation, log),
    ]),
  ) as unknown as CoreHandlers

  await sending.recover()
  const verified = internals.verifyAtStart === false ? Promise.resolve() : accounts.verifyAll()
  return {
    handlers,
    accounts,
    sending,
    verified,
    preferences: data.preferences,
    writingLanguages: () => [
      writingLanguage(data.preferences.language().active),
      ...data.drafts.languagesInUse(),
    ],
    on: (event, listener) => events.on(event, listener),
    async close() {
      await accounts.close()
      await verified.catch(() => {})
      await sending.close()
      await data.drafts.close()
      await data.templates.flush()
      events.clear()
    },
  }
}

/** What the core keeps in the data folder, opened, with what start-up found wrong there. */
interface DataFolder {
  readonly registry: AccountRegistry
  readonly drafts: DraftsStore
  readonly templates: TemplatesStore
  readonly outbox: OutboxStore
  readonly status: AppStatus
  readonly preferences: Preferences
  readonly fs: FileSystem
  readonly now: () => Date
}

/**
 * Opens the registry, drafts and outbox. Nothing here stops the start: a read-only folder is
 * noted (the window opens read-only), damaged files are set aside and listed for the banner.
 */
async function openDataFolder(
  options: CoreOptions,
  internals: CoreInternals,
  log: Logger,
): Promise<DataFolder> {
  const clock = options.clock
  const now = clock ? () => new Date(clock.now()) : (internals.now ?? (() => new Date()))
  const fs = internals.fs ?? nodeFileSystem
  const setAside: SetAsideFile[] = [...(options.setAsideAtStart ?? [])]
  const readOnly = await checkWritable(options.dataDir, fs, log)
  const registry = await AccountRegistry.open(
    options.dataDir,
    (movedTo) =>
      setAside.push({ kind: 'accounts', path: movedTo, reason: 'unreadable', moved: true }),
    fs,
  )
  const drafts = await DraftsStore.open(options.dataDir, now, fs)
  const outbox = await OutboxStore.open(options.dataDir, fs)
  const templates = await TemplatesStore.open(options.dataDir, now, fs)
  // Files copied from templates for a draft are needed while the draft or an outbox item made
  // from it is kept (a scheduled or unknown message is built from them; a sent one's Copy as new
  // message attaches them again); once both are gone, they are not.
  const outboxDrafts = new Set(outbox.all().map((item) => item.draftId))
  await templates.sweepInserted(
    (draftId) => drafts.find(draftId) !== undefined || outboxDrafts.has(draftId),
  )
  const preferences = await Preferences.open({
    dataDir: options.dataDir,
    systemLanguages: options.systemLanguages ?? [],
    allowPseudo: options.allowPseudoLanguage ?? false,
    fs,
    onSetAside: (movedTo) =>
      setAside.push({ kind: 'settings', path: movedTo, reason: 'unreadable', moved: true }),
  })
  // A draft saved without a language (before languages existed) reads as the window's.
  drafts.languageWhenUnset(() => writingLanguage(preferences.language().active))
  for (const file of drafts.setAside) setAside.push({ kind: 'draft', ...file })
  for (const file of outbox.setAside) setAside.push({ kind: 'outbox', ...file })
  for (const file of templates.setAside) setAside.push({ kind: 'template', ...file })
  for (const file of setAside) log.warn('A damaged file was set aside', { ...file })
  return {
    registry,
    drafts,
    templates,
    outbox,
    status: { readOnly, setAside },
    preferences,
    fs,
    now,
  }
}

/** The account service and the send service, each knowing the other's part at sign-out. */
function startServices(
  options: CoreOptions,
  internals: CoreInternals,
  { registry, drafts, outbox, fs, now, preferences }: DataFolder,
  events: EventHub,
  log: Logger,
): { accounts: AccountService; sending: SendService } {
  const accounts: AccountService = new AccountService({
    registry,
    secrets: internals.secrets ?? new KeytarSecretStore(options.keychainService),
    oauth: new GoogleOAuth(options),
    events,
    authorizationUrl: options.endpoints.authorizationUrl,
    clientId: options.clientId,
    openExternal: options.openExternal,
    signInTimeoutMs: options.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
    // A message on the wire for an account being signed out is stopped before the revocation,
    // and its messages go back to the drafts (`sending` exists by the time anyone signs out).
    beforeSignOut: (email): Promise<void> => sending.withdrawAccount(email),
    language: () => preferences.language().active,
    ...(internals.refreshAheadMs !== undefined ? { refreshAheadMs: internals.refreshAheadMs } : {}),
  })
  const sending: SendService = new SendService({
    drafts,
    outbox,
    accounts,
    registry,
    transport:
      internals.transport ?? new GmailTransport({ rootUrl: options.endpoints.gmailRootUrl }),
    events,
    now,
    fs,
    ...(options.ticker ? { ticker: options.ticker } : {}),
    report: (what, error) => log.error(`The outbox failed ${what}`, errorFields(error)),
    ...(internals.sendTiming ? { timing: internals.sendTiming } : {}),
  })
  return { accounts, sending }
}

/** Every invoke channel, mapped to the service that answers it. */
function channelsOf(parts: {
  readonly options: CoreOptions
  readonly data: DataFolder
  readonly events: EventHub
  readonly accounts: AccountService
  readonly sending: SendService
  readonly sent: SentActions
  readonly settings: GoogleClientSettingsPort
  readonly log: Logger
}): Implementation {
  const { options, data, events, accounts, sending, sent, settings } = parts
  const { drafts, templates } = data
  const draftsChanged = <T>(value: T): T => {
    const change = drafts.takeChanges()
    if (change !== null) events.emit('drafts.changed', change)
    return value
  }
  const attach = async (draftId: string, paths: readonly string[]) =>
    draftsChanged(
      drafts.view(
        paths.length === 0
          ? await drafts.read(draftId)
          : await drafts.addAttachments(draftId, paths, GMAIL_MAX_MESSAGE_BYTES),
      ),
    )
  return {
    'accounts.list': () => accounts.list(),
    'accounts.add': () => accounts.add(),
    'accounts.cancelAdd': () => accounts.cancelAdd(),
    'accounts.setActive': ({ email }) => accounts.setActive(email),
    'accounts.signOut': ({ email }) => accounts.signOut(email),
    'accounts.reconnect': ({ email }) => accounts.reconnect(email),
    'accounts.removeFromComputer': ({ email }) => accounts.removeFromComputer(email),
    'accounts.openGoogleAccessPage': () => accounts.openGoogleAccessPage(),
    'accounts.addForSession': () => accounts.addForSession(),
    'accounts.setSenderName': ({ email, name }) => accounts.setSenderName(email, name),
    'accounts.addSendAs': ({ email, ...sendAs }) => accounts.addSendAs(email, sendAs),
    'accounts.removeSendAs': ({ email, address }) => accounts.removeSendAs(email, address),
    'accounts.setDefaultFrom': ({ email, address }) => accounts.setDefaultFrom(email, address),
    'accounts.openSendAsSettings': ({ email }) =>
      openSendAsSettings(
        {
          mode: options.mode,
          gmailRootUrl: options.endpoints.gmailRootUrl,
          openExternal: options.openExternal,
          log: parts.log,
        },
        accounts.list().find((account) => sameAddress(account.email, email))?.email ?? email,
      ),
    'drafts.save': async ({ id, fields }) =>
      draftsChanged(drafts.view(await drafts.save(id, fields))),
    'drafts.list': () => drafts.list(),
    'drafts.search': ({ query }) => drafts.search(searchWords(query)),
    'drafts.get': async ({ id }) => drafts.view(await drafts.read(id)),
    'drafts.delete': async ({ id }) => {
      await drafts.delete(id)
      return draftsChanged(drafts.list())
    },
    'drafts.restore': async ({ id }) => draftsChanged(drafts.view(await drafts.restore(id))),
    'attachments.pick': async ({ draftId }) => {
      drafts.get(draftId)
      return attach(draftId, options.chooseFiles ? await options.chooseFiles() : [])
    },
    'attachments.addDropped': ({ draftId, paths }) => attach(draftId, paths),
    'attachments.remove': async ({ draftId, attachmentId }) =>
      draftsChanged(drafts.view(await drafts.removeAttachment(draftId, attachmentId))),
    'mail.send': ({ draftId }) => sending.send(draftId),
    'mail.undo': ({ outboxId }) => sending.undo(outboxId),
    'mail.sendLater': ({ draftId, at, zone }) => sending.send(draftId, { at, zone }),
    'outbox.list': () => sending.list(),
    'outbox.retry': ({ id }) => sending.retry(id),
    'outbox.sendNow': ({ id }) => sending.sendNow(id),
    'outbox.sendAgain': ({ id }) => sending.sendAgain(id),
    'outbox.discard': ({ id }) => sending.discard(id),
    'outbox.openInGmail': ({ id }) => sent.openInGmail(id),
    'outbox.copyAsNew': async ({ id }) => draftsChanged(await sent.copyAsNew(id)),
    'templates.list': () => templates.list(),
    'templates.get': ({ id }) => templates.get(id),
    'templates.save': async ({ name, fields, draftId }) => {
      const files = draftId === undefined ? [] : (await drafts.read(draftId)).attachments
      return templateSummary(await templates.save(name, fields, files))
    },
    'templates.rename': async ({ id, name }) => {
      await templates.rename(id, name)
      return templates.list()
    },
    'templates.delete': async ({ id }) => {
      await templates.delete(id)
      return templates.list()
    },
    'templates.attach': async ({ id, draftId }) => {
      drafts.get(draftId)
      const { paths, missing } = await templates.copyFilesFor(id, draftId)
      let draft = await drafts.read(draftId)
      const gone = [...missing]
      for (const path of paths) {
        try {
          draft = await drafts.addAttachments(draftId, [path], GMAIL_MAX_MESSAGE_BYTES)
        } catch (error) {
          if (!(error instanceof PostlineFailure) || error.code !== 'not-found') throw error
          gone.push(path.split(/[\\/]/).pop() ?? path)
        }
      }
      return { draft: draftsChanged(drafts.view(draft)), missing: gone }
    },
    'settings.get': () => settings.get(),
    'settings.saveGoogleClient': ({ clientId, clientSecret }) =>
      settings.save(clientId, clientSecret),
    'settings.clearGoogleClient': () => settings.clear(),
    'app.status': () => data.status,
    'language.get': () => data.preferences.language(),
    'language.set': ({ language }) => data.preferences.setLanguage(language),
    'plainText.defaults': () => data.preferences.plainTextDefaults(),
    'plainText.setDefault': ({ address, plain }) =>
      data.preferences.setPlainTextDefault(address, plain),
  }
}

/**
 * Whether the data folder can be written. A read-only folder (EROFS, EACCES) does not stop the
 * start: the window opens with what could be read, says so in a banner, and every change answers
 * `read-only`.
 */
async function checkWritable(
  dataDir: string,
  fs: FileSystem,
  log: Logger,
): Promise<AppStatus['readOnly']> {
  try {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 })
    await fs.access(dataDir, fsConstants.W_OK)
    return null
  } catch (error) {
    const code = errnoOf(error) ?? 'EACCES'
    log.warn('The data folder cannot be written; Postline runs read-only', { dataDir, code })
    return { folder: dataDir, code }
  }
}

/** Without a settings store (tests, the e2e bridge) the settings channels only describe. */
function describeOnly(options: CoreOptions): GoogleClientSettingsPort {
  const sandbox = options.mode === 'sandbox'
  const describe = async (): Promise<GoogleClientSettings> => ({
    mode: options.mode,
    clientId: sandbox ? null : options.clientId,
    hasSecret: !sandbox,
    source: sandbox ? 'none' : 'environment',
  })
  const refuse = async (): Promise<never> => {
    throw new PostlineFailure('unsupported', 'Settings cannot be changed in this window.', {
      detail: 'settingsHere',
    })
  }
  return { get: describe, save: refuse, clear: refuse }
}

/**
 * The request as its schema reads it. A value the schema trips over instead of refusing (zod 4's
 * `.readonly()` freezes a typed array before the array check refuses it, and freezing one throws)
 * is not understood either: invalid-input, never internal.
 */
function parseRequest<C extends InvokeChannel>(channel: C, input: unknown): InvokeInput<C> {
  try {
    return invokeSchemas[channel].parse(input) as InvokeInput<C>
  } catch (error) {
    if (error instanceof ZodError) throw error
    throw new ZodError([
      { code: 'custom', message: 'The schema could not read it.', path: [], input },
    ])
  }
}

function handlerFor<C extends InvokeChannel>(
  channel: C,
  implementation: Implementation,
  log: Logger,
) {
  return async (input: unknown): Promise<Result<InvokeResults[C]>> => {
    try {
      const parsed = parseRequest(channel, input)
      return { ok: true, value: await implementation[channel](parsed) }
    } catch (error) {
      const shaped = toPostlineError(error)
      if (shaped.code === 'internal') {
        // Never the error object itself: a gaxios error carries request bodies with secrets.
        log.error('A request from the window failed', { channel, ...errorFields(error) })
      } else {
        // The window words a known failure in the person's language; its English sentence is
        // the log's, so whoever helps the person reads what happened (file names withheld).
        log.info('A request from the window was refused', {
          channel,
          code: shaped.code,
          detail: shaped.params?.detail,
          sentence: sentenceForLog(shaped),
        })
      }
      return { ok: false, error: shaped }
    }
  }
}
