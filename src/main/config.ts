import path from 'node:path'
import type { GoogleClientSettings } from '../shared/domain'
import { GOOGLE_ENDPOINTS } from './google-endpoints'
import type { GoogleEndpoints } from './google-endpoints'

/** The keychain service for real Google accounts (and the saved OAuth client's secret). */
export const GOOGLE_KEYCHAIN_SERVICE = 'Postline'
/** The sandbox's own keychain service, so trying Postline never touches real entries. */
export const SANDBOX_KEYCHAIN_SERVICE = 'Postline Sandbox'
/** The command-line flag that forces the sandbox even when a Google client is configured. */
export const SANDBOX_FLAG = '--sandbox'
/**
 * Set to `stdout` (tests only), main prints the URLs it would open in the browser, each on a line
 * starting with {@link OPEN_EXTERNAL_STDOUT_PREFIX}, so a test can play the browser.
 */
export const TEST_OPEN_EXTERNAL_ENV = 'POSTLINE_TEST_OPEN_EXTERNAL'
/** The start of the line main prints instead of opening a URL (see {@link TEST_OPEN_EXTERNAL_ENV}). */
export const OPEN_EXTERNAL_STDOUT_PREFIX = 'postline: open-external '

/** Why the app runs against the sandbox. */
export type SandboxReason = 'flag' | 'no-google-client' | 'incomplete-google-client'

/** Where a Google client came from: the environment wins over the settings form. */
export type GoogleClientSource = 'environment' | 'settings'

/** The Google client saved through the settings form: the ID from `settings.json`, the secret from the keychain. */
export interface StoredGoogleClient {
  readonly clientId: string
  /** Null when the keychain has no secret for it (deleted outside Postline). */
  readonly clientSecret: string | null
}

/** The mode the app runs in, decided once at startup. */
export type AppConfig =
  | {
      readonly mode: 'sandbox'
      readonly reason: SandboxReason
      readonly keychainService: typeof SANDBOX_KEYCHAIN_SERVICE
      /** For `incomplete-google-client`: where the half-configured client came from. */
      readonly source: GoogleClientSource | 'none'
      readonly clientId: string | null
      readonly hasSecret: boolean
    }
  | {
      readonly mode: 'google'
      readonly source: GoogleClientSource
      readonly keychainService: typeof GOOGLE_KEYCHAIN_SERVICE
      readonly endpoints: GoogleEndpoints
      readonly clientId: string
      readonly clientSecret: string
    }

/**
 * Decides the mode, first match wins: the `--sandbox` flag; a client in the environment
 * (`POSTLINE_GOOGLE_CLIENT_ID` and `POSTLINE_GOOGLE_CLIENT_SECRET`); the client saved in the
 * settings (`stored`); else the sandbox. A half-configured client (ID without secret or the
 * reverse) runs the sandbox rather than falling through, so the mistake shows.
 */
export function resolveConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  stored: StoredGoogleClient | null = null,
): AppConfig {
  if (argv.includes(SANDBOX_FLAG)) return sandbox('flag', 'none', '', '')
  const fromEnvironment = {
    clientId: env.POSTLINE_GOOGLE_CLIENT_ID?.trim() ?? '',
    clientSecret: env.POSTLINE_GOOGLE_CLIENT_SECRET?.trim() ?? '',
  }
  if (fromEnvironment.clientId !== '' || fromEnvironment.clientSecret !== '') {
    return google('environment', fromEnvironment.clientId, fromEnvironment.clientSecret)
  }
  if (stored !== null) {
    return google('settings', stored.clientId.trim(), stored.clientSecret?.trim() ?? '')
  }
  return sandbox('no-google-client', 'none', '', '')
}

function google(source: GoogleClientSource, clientId: string, clientSecret: string): AppConfig {
  if (clientId === '' && clientSecret === '') return sandbox('no-google-client', 'none', '', '')
  if (clientId === '' || clientSecret === '') {
    return sandbox('incomplete-google-client', source, clientId, clientSecret)
  }
  return {
    mode: 'google',
    source,
    keychainService: GOOGLE_KEYCHAIN_SERVICE,
    endpoints: GOOGLE_ENDPOINTS,
    clientId,
    clientSecret,
  }
}

function sandbox(
  reason: SandboxReason,
  source: GoogleClientSource | 'none',
  clientId: string,
  clientSecret: string,
): AppConfig {
  return {
    mode: 'sandbox',
    reason,
    keychainService: SANDBOX_KEYCHAIN_SERVICE,
    source,
    clientId: clientId === '' ? null : clientId,
    hasSecret: clientSecret !== '',
  }
}

/** What the window may know of a config: never the secret. */
export function describeGoogleClient(config: AppConfig): GoogleClientSettings {
  if (config.mode === 'google') {
    return { mode: 'google', clientId: config.clientId, hasSecret: true, source: config.source }
  }
  return {
    mode: 'sandbox',
    clientId: config.clientId,
    hasSecret: config.hasSecret,
    source: config.source,
  }
}

/** One sentence on why the app runs on the sandbox, for the console at start. */
export function sandboxReasonText(config: AppConfig & { mode: 'sandbox' }): string {
  switch (config.reason) {
    case 'flag':
      return 'started with --sandbox'
    case 'no-google-client':
      return 'no Google client is in use'
    case 'incomplete-google-client':
      return config.source === 'environment'
        ? 'the environment sets only one of POSTLINE_GOOGLE_CLIENT_ID and POSTLINE_GOOGLE_CLIENT_SECRET'
        : 'the Google client saved in the settings has no secret in the keychain; save it again'
  }
}

/** The data folder: the sandbox keeps its accounts, drafts and outbox apart from real ones. */
export function dataDirFor(config: AppConfig, userDataPath: string): string {
  return config.mode === 'sandbox' ? path.join(userDataPath, 'sandbox') : userDataPath
}
