import { readFile } from 'node:fs/promises'
import { BrowserWindow, Menu, protocol, screen, session, shell } from 'electron'
import { openExternalChecked, type ExternalUrlOptions } from './external-url'
import { errorFields, type Logger } from './log'
import { rendererAnswer } from './renderer-files'
import { APP_SCHEME, RENDERER_URL, windowOptions } from './window-options'
import type { WindowState, WindowStateKeeper } from './window-state'
import { PostlineFailure } from './errors'
import type { MainTranslator } from './i18n/translate'
import { contextMenuTemplate } from './spellcheck-menu'
import { spellCheckerLanguages } from './spellcheck'
import type { DisplayLanguage, Language } from '../shared/i18n/languages'

/**
 * Registers `app://` as a standard, secure scheme so pages on it get a real origin, ES modules
 * and the CSP's `'self'`, with V8's code cache: from the second start on, the window's scripts
 * (about 1 MB) are not parsed and compiled again. Electron requires this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Serves `rendererDir` (the built `dist/renderer`) on `app://postline/`, with the CSP on every file. */
export function serveRenderer(rendererDir: string): void {
  session.defaultSession.protocol.handle(APP_SCHEME, async (request) => {
    const answer = rendererAnswer(request.url, rendererDir)
    if (answer.status === 404) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(answer.file), { headers: answer.headers })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}

/** Refuses every permission the page could ask for (camera, notifications, geolocation, …). */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}

/**
 * Sets the spell checker's languages from the person's (the window's language, then their
 * drafts'), mapped to the dictionaries this Electron has; a no-op on macOS, whose own spell
 * checker finds the language itself. Answers the dictionaries set.
 */
export function setSpellCheckerLanguages(
  windowLanguage: DisplayLanguage,
  draftLanguages: Iterable<Language>,
): string[] {
  const { defaultSession } = session
  const languages = spellCheckerLanguages(
    windowLanguage,
    draftLanguages,
    defaultSession.availableSpellCheckerLanguages,
  )
  const current = defaultSession.getSpellCheckerLanguages()
  if (languages.join() !== current.join()) defaultSession.setSpellCheckerLanguages(languages)
  return languages
}

/**
 * Opens a web page or mail address in the person's browser or mail app. Every URL main hands to
 * the system passes here: external-url.ts allows https pages and plain mail addresses (plus the
 * sandbox's http origin in `options`), logs and refuses the rest with `invalid-input`, and only
 * the normalised href reaches the system.
 */
export function openInBrowser(
  log: Logger,
  options: ExternalUrlOptions = {},
): (url: string) => Promise<void> {
  return (url) =>
    openExternalChecked(
      url,
      // Only the href external-url.ts checked and normalised reaches the system.
      (href) => shell.openExternal(href), // eng-disable OPEN_EXTERNAL_JS_CHECK
      log,
      options,
    )
}

/**
 * Opens Postline's window on the packaged renderer, where `windowState` says it was last. The page
 * may not navigate or open windows: web and mail links go to the person's browser or mail app.
 */
export function createMainWindow(
  preloadPath: string,
  windowState: WindowStateKeeper,
  {
    log,
    devTools,
    words,
  }: {
    readonly log: Logger
    readonly devTools: boolean
    /** Main's translator for the app's language, asked each time a menu opens. */
    readonly words: () => MainTranslator
  },
): BrowserWindow {
  const placement = windowState.placement(
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const options = windowOptions(preloadPath, placement.bounds, { devTools })
  // electronegativity reads only options written inline in `new BrowserWindow({…})`; these come
  // from windowOptions() (contextIsolation, sandbox, no Auxclick), pinned by test/unit/main/window.test.ts.
  const window = new BrowserWindow(options) // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const { webContents } = window

  const open = openInBrowser(log)
  const openOutside = (url: string): void => {
    // A refused link is logged by openInBrowser; a browser that would not start is logged here.
    open(url).catch((error: unknown) => {
      if (!(error instanceof PostlineFailure)) {
        log.warn('Could not open a link outside Postline', errorFields(error))
      }
    })
  }
  webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
  webContents.on('will-navigate', (event) => {
    event.preventDefault()
    openOutside(event.url)
  })
  webContents.on('will-redirect', (event) => event.preventDefault())
  webContents.on('will-attach-webview', (event) => event.preventDefault())
  // The editor's context menu: spelling suggestions, Add to dictionary, Cut/Copy/Paste.
  webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, words(), {
      replaceMisspelling: (word) => webContents.replaceMisspelling(word),
      addToDictionary: (word) => {
        webContents.session.addWordToSpellCheckerDictionary(word)
      },
    })
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window })
  })

  rememberState(window, windowState)
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  window.loadURL(RENDERER_URL).catch((error: unknown) => {
    log.error('Postline could not load its window', errorFields(error))
  })
  return window
}

/** Saves the window's size and position as they change (debounced) and when it closes. */
function rememberState(window: BrowserWindow, windowState: WindowStateKeeper): void {
  const current = (): WindowState => ({
    ...window.getNormalBounds(),
    maximized: window.isMaximized(),
  })
  const changed = (): void => {
    if (!window.isDestroyed()) windowState.update(current())
  }
  window.on('resize', changed)
  window.on('move', changed)
  window.on('maximize', changed)
  window.on('unmaximize', changed)
  window.on('close', () => {
    windowState.update(current())
    void windowState.flush()
  })
}
