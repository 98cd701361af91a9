import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { BrowserWindow, protocol, session, shell } from 'electron'
import {
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  RENDERER_URL,
  isExternalUrlAllowed,
  rendererFileFor,
  windowOptions,
} from './window-options'

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
 * Opens Postline's window on the packaged renderer. The page may not navigate or open windows:
 * web and mail links go to the person's browser or mail app instead.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath))
  const { webContents } = window

  const openOutside = (url: string): void => {
    if (isExternalUrlAllowed(url)) void shell.openExternal(url).catch(() => undefined)
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

  window.once('ready-to-show', () => window.show())
  window.loadURL(RENDERER_URL).catch((error: unknown) => {
    console.error('Postline could not load its window:', error)
  })
  return window
}
