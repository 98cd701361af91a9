import type { DisplayLanguage } from './i18n/languages'
import type { DraftFields, TemplateFields } from './domain'

/** A send-as address as the person typed it in Settings, with their confirmation. */
export interface SendAsRequest {
  readonly address: string
  readonly name: string
  /** Empty: no Reply-To. */
  readonly replyTo: string
  readonly signature: string
  readonly confirmed: boolean
}
import type { Result } from './errors'
import type {
  EventName,
  EventPayloads,
  InvokeChannel,
  InvokeInput,
  InvokeResults,
} from './contract'

/** Sends one request to main; answers in the contract's result shape. */
export type Invoke = <C extends InvokeChannel>(
  channel: C,
  input: InvokeInput<C>,
) => Promise<Result<InvokeResults[C]>>

/** Subscribes to one event from main; returns the unsubscribe function. */
export type Subscribe = <E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
) => () => void

type Answer<C extends InvokeChannel> = Promise<Result<InvokeResults[C]>>

/**
 * Turns dropped `File` objects into paths. Only the preload can (Electron's
 * `webUtils.getPathForFile`); the page itself never names a path.
 */
export type PathsForFiles = (files: readonly unknown[]) => string[]

/** The verbs the renderer sees as `window.postline`. */
export interface PostlineApi {
  readonly accounts: {
    list(): Answer<'accounts.list'>
    add(): Answer<'accounts.add'>
    cancelAdd(): Answer<'accounts.cancelAdd'>
    setActive(email: string): Answer<'accounts.setActive'>
    signOut(email: string): Answer<'accounts.signOut'>
    reconnect(email: string): Answer<'accounts.reconnect'>
    /** After a failed sign-out: removes the account here; Postline revokes it later. */
    removeFromComputer(email: string): Answer<'accounts.removeFromComputer'>
    openGoogleAccessPage(): Answer<'accounts.openGoogleAccessPage'>
    /** Adds an account for this session only, when the keychain cannot keep it. */
    addForSession(): Answer<'accounts.addForSession'>
    /** The name for From (empty: Google's name, or the bare address). */
    setSenderName(email: string, name: string): Answer<'accounts.setSenderName'>
    /** Adds a send-as address, with the person's confirmation that Gmail has it. */
    addSendAs(email: string, sendAs: SendAsRequest): Answer<'accounts.addSendAs'>
    removeSendAs(email: string, address: string): Answer<'accounts.removeSendAs'>
    /** The address new messages from the account start with (null: its own). */
    setDefaultFrom(email: string, address: string | null): Answer<'accounts.setDefaultFrom'>
    /** Opens Gmail's "Send mail as" settings of the account in the browser. */
    openSendAsSettings(email: string): Answer<'accounts.openSendAsSettings'>
  }
  readonly drafts: {
    /** Creates a draft when `id` is undefined. */
    save(id: string | undefined, fields: DraftFields): Answer<'drafts.save'>
    list(): Answer<'drafts.list'>
    get(id: string): Answer<'drafts.get'>
    delete(id: string): Answer<'drafts.delete'>
    restore(id: string): Answer<'drafts.restore'>
    search(query: string): Answer<'drafts.search'>
  }
  readonly attachments: {
    /** Opens the system file dialog in main. */
    pick(draftId: string): Answer<'attachments.pick'>
    /** Attaches files dropped on the window (`DataTransfer.files`). */
    drop(draftId: string, files: readonly unknown[]): Answer<'attachments.addDropped'>
    remove(draftId: string, attachmentId: string): Answer<'attachments.remove'>
  }
  readonly mail: {
    send(draftId: string): Answer<'mail.send'>
    undo(outboxId: string): Answer<'mail.undo'>
    /** Schedules a draft for `at` (ISO, UTC), chosen in the IANA `zone`. */
    sendLater(draftId: string, at: string, zone: string): Answer<'mail.sendLater'>
  }
  readonly outbox: {
    list(): Answer<'outbox.list'>
    retry(id: string): Answer<'outbox.retry'>
    /** A message waiting for its next try goes now. */
    sendNow(id: string): Answer<'outbox.sendNow'>
    /** Sends a message whose fate is unknown once more, on the person's word. */
    sendAgain(id: string): Answer<'outbox.sendAgain'>
    discard(id: string): Answer<'outbox.discard'>
    /** Opens a sent message in Gmail, in its account. */
    openInGmail(id: string): Answer<'outbox.openInGmail'>
    /** A new draft with a sent message's fields and attachments. */
    copyAsNew(id: string): Answer<'outbox.copyAsNew'>
  }
  readonly templates: {
    list(): Answer<'templates.list'>
    get(id: string): Answer<'templates.get'>
    /** With `draftId`, the draft's attachments are copied into the template. */
    save(name: string, fields: TemplateFields, draftId?: string): Answer<'templates.save'>
    rename(id: string, name: string): Answer<'templates.rename'>
    delete(id: string): Answer<'templates.delete'>
    /** Attaches copies of the template's files to the draft. */
    attach(id: string, draftId: string): Answer<'templates.attach'>
  }
  readonly settings: {
    get(): Answer<'settings.get'>
    saveGoogleClient(clientId: string, clientSecret: string): Answer<'settings.saveGoogleClient'>
    clearGoogleClient(): Answer<'settings.clearGoogleClient'>
  }
  readonly app: {
    status(): Answer<'app.status'>
  }
  readonly language: {
    get(): Answer<'language.get'>
    /** Null follows the system's languages. */
    set(language: DisplayLanguage | null): Answer<'language.set'>
  }
  readonly plainText: {
    /** The sending addresses whose new messages start in plain text. */
    defaults(): Answer<'plainText.defaults'>
    setDefault(address: string, plain: boolean): Answer<'plainText.setDefault'>
  }
  on: Subscribe
}

/**
 * Builds the verbs from a transport. The preload passes `ipcRenderer`-backed functions;
 * the e2e test bridge passes functions that reach the same core over Playwright.
 */
export function createApi(
  invoke: Invoke,
  subscribe: Subscribe,
  pathsForFiles: PathsForFiles = () => [],
): PostlineApi {
  return {
    accounts: {
      list: () => invoke('accounts.list', undefined),
      add: () => invoke('accounts.add', undefined),
      cancelAdd: () => invoke('accounts.cancelAdd', undefined),
      setActive: (email) => invoke('accounts.setActive', { email }),
      signOut: (email) => invoke('accounts.signOut', { email }),
      reconnect: (email) => invoke('accounts.reconnect', { email }),
      removeFromComputer: (email) => invoke('accounts.removeFromComputer', { email }),
      openGoogleAccessPage: () => invoke('accounts.openGoogleAccessPage', undefined),
      addForSession: () => invoke('accounts.addForSession', undefined),
      setSenderName: (email, name) => invoke('accounts.setSenderName', { email, name }),
      addSendAs: (email, sendAs) => invoke('accounts.addSendAs', { email, ...sendAs }),
      removeSendAs: (email, address) => invoke('accounts.removeSendAs', { email, address }),
      setDefaultFrom: (email, address) => invoke('accounts.setDefaultFrom', { email, address }),
      openSendAsSettings: (email) => invoke('accounts.openSendAsSettings', { email }),
    },
    drafts: {
      save: (id, fields) => invoke('drafts.save', id === undefined ? { fields } : { id, fields }),
      list: () => invoke('drafts.list', undefined),
      get: (id) => invoke('drafts.get', { id }),
      delete: (id) => invoke('drafts.delete', { id }),
      restore: (id) => invoke('drafts.restore', { id }),
      search: (query) => invoke('drafts.search', { query }),
    },
    attachments: {
      pick: (draftId) => invoke('attachments.pick', { draftId }),
      drop: (draftId, files) =>
        invoke('attachments.addDropped', { draftId, paths: pathsForFiles(files) }),
      remove: (draftId, attachmentId) => invoke('attachments.remove', { draftId, attachmentId }),
    },
    mail: {
      send: (draftId) => invoke('mail.send', { draftId }),
      undo: (outboxId) => invoke('mail.undo', { outboxId }),
      sendLater: (draftId, at, zone) => invoke('mail.sendLater', { draftId, at, zone }),
    },
    outbox: {
      list: () => invoke('outbox.list', undefined),
      retry: (id) => invoke('outbox.retry', { id }),
      sendNow: (id) => invoke('outbox.sendNow', { id }),
      sendAgain: (id) => invoke('outbox.sendAgain', { id }),
      discard: (id) => invoke('outbox.discard', { id }),
      openInGmail: (id) => invoke('outbox.openInGmail', { id }),
      copyAsNew: (id) => invoke('outbox.copyAsNew', { id }),
    },
    templates: {
      list: () => invoke('templates.list', undefined),
      get: (id) => invoke('templates.get', { id }),
      save: (name, fields, draftId) =>
        invoke(
          'templates.save',
          draftId === undefined ? { name, fields } : { name, fields, draftId },
        ),
      rename: (id, name) => invoke('templates.rename', { id, name }),
      delete: (id) => invoke('templates.delete', { id }),
      attach: (id, draftId) => invoke('templates.attach', { id, draftId }),
    },
    settings: {
      get: () => invoke('settings.get', undefined),
      saveGoogleClient: (clientId, clientSecret) =>
        invoke('settings.saveGoogleClient', { clientId, clientSecret }),
      clearGoogleClient: () => invoke('settings.clearGoogleClient', undefined),
    },
    app: {
      status: () => invoke('app.status', undefined),
    },
    language: {
      get: () => invoke('language.get', undefined),
      set: (language) => invoke('language.set', { language }),
    },
    plainText: {
      defaults: () => invoke('plainText.defaults', undefined),
      setDefault: (address, plain) => invoke('plainText.setDefault', { address, plain }),
    },
    on: subscribe,
  }
}
