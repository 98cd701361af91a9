import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BrowserWindow, protocol, screen, session, shell } from 'electron'
import {
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  RENDERER_URL,
  isExternalUrlAllowed,
  rendererFileFor,
  windowOptions,
} from './window-options'
import type { WindowState, WindowStateKeeper } from './window-state'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/**
 * Registers `app://` as a standard, secure scheme so pages on it get a real origin, ES modules
 * and the CSP's `'self'`. Electron requires this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves `rendererDir` (the built `dist/renderer`) on `app://postline/`, with the CSP on every file. */
export function serveRenderer(rendererDir: string): void {
  session.defaultSession.protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rendererDir)
    if (file === null) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'Content-Type':
            CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      })
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
 * Opens a web page or mail address in the person's browser or mail app. Anything else (`file:`,
 * custom schemes that launch programs) is refused: every URL main hands to the system passes here.
 */
export async function openInBrowser(url: string): Promise<void> {
  if (!isExternalUrlAllowed(url)) {
    throw new Error('Postline opens only web pages and mail addresses.')
  }
  // The URL was checked against the allow-list (http, https, mailto) on the line above.
  await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Opens Postline's window on the packaged renderer, where `windowState` says it was last. The page
 * may not navigate or open windows: web and mail links go to the person's browser or mail app.
 */
export function createMainWindow(
  preloadPath: string,
  windowState: WindowStateKeeper,
): BrowserWindow {
  const placement = windowState.placement(
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const options = windowOptions(preloadPath, placement.bounds)
  // electronegativity reads only options written inline in `new BrowserWindow({…})`; these come
  // from windowOptions() (contextIsolation, sandbox, no Auxclick), pinned by test/unit/main/window.test.ts.
  const window = new BrowserWindow(options) // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const { webContents } = window

  const openOutside = (url: string): void => {
    openInBrowser(url).catch(() => undefined)
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

  rememberState(window, windowState)
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  window.loadURL(RENDERER_URL).catch((error: unknown) => {
    console.error('Postline could not load its window:', error)
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
