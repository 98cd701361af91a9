import path from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './window-state'
import type { WindowPlacement } from './window-state'

/**
 * The renderer is served from the packaged files under a custom `app://` scheme rather than
 * `file:`: every `file:` page shares one opaque origin with the whole disk, while `app://postline`
 * is an origin of its own that the CSP's `'self'` and the IPC sender check can pin down.
 */
export const APP_SCHEME = 'app'
/** The renderer's origin; the IPC sender check accepts requests only from this origin. */
export const RENDERER_ORIGIN = `${APP_SCHEME}://postline`
/** The page the window opens. */
export const RENDERER_URL = `${RENDERER_ORIGIN}/index.html`

/**
 * The Content-Security-Policy sent with every renderer file: only Postline's own scripts, no
 * `eval`, no network (the renderer reaches main through the bridge only), no plugins, no forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * The BrowserWindow options: isolated, sandboxed, no Node in the page. `bounds` is where the
 * window was last (see window-state.ts); without it the window opens at its default size.
 * DevTools exist only when asked for (development runs: `!app.isPackaged`).
 */
export function windowOptions(
  preloadPath: string,
  bounds: WindowPlacement['bounds'] = DEFAULT_WINDOW_SIZE,
  { devTools = false }: { readonly devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Postline',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // No middle-click `auxclick` events, which can open links in new windows (electronegativity's
      // AUXCLICK_JS_CHECK); window.ts refuses every new window as well.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      devTools,
    },
  }
}

/**
 * The file under `rootDir` that an `app://postline/…` request names, or null when the request
 * is for another host or would leave `rootDir` (`..`, encoded separators, absolute paths).
 */
export function rendererFileFor(requestUrl: string, rootDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (`${url.protocol}//${url.host}` !== RENDERER_ORIGIN) return null
  let relative: string
  try {
    relative = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (relative.includes('\0') || relative.includes('\\')) return null
  if (relative === '/' || relative === '') relative = '/index.html'
  const root = path.resolve(rootDir)
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`)
  if (file !== root && !file.startsWith(root + path.sep)) return null
  return file
}
