import path from 'node:path'
import { CONTENT_SECURITY_POLICY, rendererFileFor } from './window-options'

/** The types the built renderer has; anything else is served as opaque bytes. */
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

/** How to answer one request for the renderer's files. */
export type RendererAnswer =
  | {
      readonly status: 200
      /** The file to send; if it cannot be read, answer 404. */
      readonly file: string
      readonly headers: Readonly<Record<string, string>>
    }
  | { readonly status: 404 }

/**
 * What the window (on `app://postline/`) and the e2e bridge (on loopback) answer for a request of
 * the built renderer in `rootDir`: the file it names, with the app's CSP, its content type and
 * `nosniff` so a file is never run as another type; 404 for anything outside `rootDir`.
 * Pure: the caller reads the file.
 */
export function rendererAnswer(appUrl: string, rootDir: string): RendererAnswer {
  const file = rendererFileFor(appUrl, rootDir)
  if (file === null) return { status: 404 }
  return {
    status: 200,
    file,
    headers: {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  }
}
