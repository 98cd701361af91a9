// The composition root: wires Electron and the real collaborators to the core, and nothing else.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron'
import type { OpenDialogOptions } from 'electron'
import { KeytarSecretStore } from './accounts/keychain'
import type { SecretStore } from './accounts/keychain'
import {
  GOOGLE_KEYCHAIN_SERVICE,
  OPEN_EXTERNAL_STDOUT_PREFIX,
  TEST_OPEN_EXTERNAL_ENV,
  dataDirFor,
  resolveConfig,
  sandboxReasonText,
} from './config'
import type { AppConfig, StoredGoogleClient } from './config'
import type { SetAsideFile } from '../shared/domain'
import { createCore, type PostlineCore } from './core'
import type { ChooseFiles, CoreOptions } from './core-types'
import { registerHandlers } from './ipc/register-handlers'
import { consoleSink, createLogger, errorFields } from './log'
import { LOG_FILE, fileLogSink, logFolderIn } from './log-file'
import { menuTemplate } from './menu-template'
import { mainTranslator, type MainTranslator } from './i18n/translate'
import { followLanguage } from './i18n/follow-language'
import { isTrustedSender, senderFactsOf } from './ipc/trusted-sender'
import { startSandbox } from '../sandbox/index'
import { ipcName } from '../shared/channels'
import {
  GoogleClientSettingsStore,
  loadStoredGoogleClient,
} from './settings/google-client-settings'
import {
  createMainWindow,
  denyAllPermissions,
  openInBrowser,
  registerAppScheme,
  serveRenderer,
  setSpellCheckerLanguages,
} from './window'
import { RENDERER_ORIGIN } from './window-options'
import { WINDOW_STATE_FILE, WindowStateKeeper } from './window-state'

type GoogleClient = Pick<CoreOptions, 'endpoints' | 'clientId' | 'clientSecret'>

let window: BrowserWindow | null = null
let windowState: WindowStateKeeper | null = null
let closeServices: (() => Promise<void>) | null = null
/** The app's language for main's menus and dialogs; English until the core has read it. */
let translator = (): MainTranslator => mainTranslator('en')

/** Internal failures, redacted (log.ts), to logs/postline.log in the user-data folder and the console. */
const logFolder = logFolderIn(app.getPath('userData'))
const log = createLogger(fileLogSink(path.join(logFolder, LOG_FILE)), consoleSink)
process.on('unhandledRejection', (reason) => {
  log.error('A promise in the main process failed unhandled', errorFields(reason))
})

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (window === null) {
      if (closeServices !== null) openWindow()
      return
    }
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    const close = closeServices
    if (close === null) return
    closeServices = null
    event.preventDefault()
    void close().finally(() => app.quit())
  })
  app.whenReady().then(start).catch(fail)
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  // The saved client's secret lives with real accounts, whichever mode this run takes.
  const clientSecrets = new KeytarSecretStore(GOOGLE_KEYCHAIN_SERVICE)
  const setAside: SetAsideFile[] = []
  const stored = await loadStoredClient(userData, clientSecrets, (movedTo) =>
    setAside.push({ kind: 'settings', path: movedTo, reason: 'notJson', moved: true }),
  )
  const decide = (client: StoredGoogleClient | null): AppConfig =>
    resolveConfig(process.argv, process.env, client)
  const config = decide(stored)
  const settings = new GoogleClientSettingsStore({
    folder: userData,
    secrets: clientSecrets,
    inUse: config,
    nextStart: decide,
  })
  windowState = await WindowStateKeeper.open(path.join(userData, WINDOW_STATE_FILE))

  const backend = await connect(config)
  let core: PostlineCore
  try {
    core = await createCore({
      endpoints: backend.client.endpoints,
      clientId: backend.client.clientId,
      clientSecret: backend.client.clientSecret,
      dataDir: dataDirFor(config, userData),
      keychainService: config.keychainService,
      mode: config.mode,
      openExternal:
        process.env[TEST_OPEN_EXTERNAL_ENV] === 'stdout'
          ? printExternalUrl
          : openInBrowser(log, { httpOrigins: backend.httpOrigins }),
      settings,
      chooseFiles,
      log,
      setAsideAtStart: setAside,
      systemLanguages: app.getPreferredSystemLanguages(),
    })
  } catch (error) {
    await backend.close()
    throw error
  }

  translator = () => mainTranslator(core.preferences.language().active)

  const unregister = registerHandlers({
    ipcMain,
    core,
    isTrustedSender: (event) =>
      isTrustedSender(senderFactsOf(event), {
        rendererOrigin: RENDERER_ORIGIN,
        windowWebContentsId: window && !window.isDestroyed() ? window.webContents.id : null,
      }),
    eventTarget: () => (window && !window.isDestroyed() ? window.webContents : null),
  })
  closeServices = async () => {
    unregister()
    await windowState?.flush()
    await core.close()
    await backend.close()
  }

  denyAllPermissions()
  serveRenderer(path.join(__dirname, '../renderer'))
  // Spelling is checked in the person's languages: the window's, and those of their drafts.
  const setSpelling = (): void => {
    const [windowLanguage = 'en', ...drafts] = core.writingLanguages()
    try {
      setSpellCheckerLanguages(windowLanguage, drafts)
    } catch (error) {
      log.warn('Could not set the spell checker languages', errorFields(error))
    }
  }
  core.on('drafts.changed', () => setSpelling())
  // The menus and the spell checker follow the app's language at once, without a restart.
  followLanguage(
    core.preferences,
    (t) => {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate(
            { isPackaged: app.isPackaged, platform: process.platform, t },
            {
              openLogFolder: () => {
                openLogFolder().catch((error: unknown) => {
                  log.warn('Could not say where the log folder is', errorFields(error))
                })
              },
              // The window runs the action with the same dispatcher as its keys.
              composerAction: (action) => {
                if (window !== null && !window.isDestroyed()) {
                  window.webContents.send(ipcName('menu.action'), { action })
                }
              },
            },
          ),
        ),
      )
      setSpelling()
    },
    log,
  )
  openWindow()
  app.on('activate', () => {
    if (window === null) openWindow()
  })
}

function openWindow(): void {
  if (windowState === null) return
  window = createMainWindow(path.join(__dirname, '../preload/preload.js'), windowState, {
    log,
    devTools: !app.isPackaged,
    words: () => translator(),
  })
  window.on('closed', () => {
    window = null
  })
}

/** Help ▸ Open log folder: the folder in the file manager, or where it is when that fails. */
async function openLogFolder(): Promise<void> {
  let failure: string
  try {
    await mkdir(logFolder, { recursive: true })
    failure = await shell.openPath(logFolder)
  } catch (error) {
    failure = errorFields(error).error
  }
  if (failure === '') return
  log.warn('Could not open the log folder', { error: failure })
  const words = translator()
  const options = {
    type: 'info' as const,
    message: words.t('dialogs.logFolder.message'),
    detail: words.t('dialogs.logFolder.detail', { folder: logFolder }),
  }
  await (window && !window.isDestroyed()
    ? dialog.showMessageBox(window, options)
    : dialog.showMessageBox(options))
}

/** The system's open dialog, attached to the window: the chosen files, none when cancelled. */
const chooseFiles: ChooseFiles = async () => {
  const words = translator()
  const options: OpenDialogOptions = {
    title: words.t('dialogs.attach.title'),
    buttonLabel: words.t('dialogs.attach.button'),
    properties: ['openFile', 'multiSelections'],
  }
  const result =
    window && !window.isDestroyed()
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

/** Tests only ({@link TEST_OPEN_EXTERNAL_ENV}): prints the URL for the test to open instead. */
async function printExternalUrl(url: string): Promise<void> {
  process.stdout.write(`${OPEN_EXTERNAL_STDOUT_PREFIX}${url}\n`)
}

/** The client saved in the settings; none when the keychain cannot be read, which is said why. */
async function loadStoredClient(
  folder: string,
  secrets: SecretStore,
  onSetAside: (movedTo: string) => void,
): Promise<StoredGoogleClient | null> {
  try {
    return await loadStoredGoogleClient(folder, secrets, onSetAside)
  } catch (error) {
    log.error('Postline could not read the Google client saved in its settings', errorFields(error))
    return null
  }
}

/** The OAuth client and endpoints to use: Google's from the config, or a freshly started sandbox. */
async function connect(config: AppConfig): Promise<{
  client: GoogleClient
  /** The sandbox's http origin, the only non-https page the sign-in may open. */
  httpOrigins: string[]
  close(): Promise<void>
}> {
  if (config.mode === 'google') {
    const from = config.source === 'environment' ? 'the environment' : 'the settings'
    log.info(`Postline uses the Google client from ${from}: ${config.clientId}`)
    return { client: config, httpOrigins: [], close: async () => undefined }
  }
  const sandbox = await startSandbox()
  log.info(
    `Postline runs on the sandbox (not Google) because ${sandboxReasonText(config)}: ${sandbox.url}`,
  )
  return {
    client: sandbox,
    httpOrigins: [new URL(sandbox.endpoints.authorizationUrl).origin],
    close: async () => {
      await sandbox.close()
    },
  }
}

function fail(error: unknown): void {
  log.error('Postline could not start', errorFields(error))
  app.exit(1)
}
