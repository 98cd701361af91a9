import path from 'node:path'
import { GOOGLE_ENDPOINTS } from './google-endpoints'
import type { GoogleEndpoints } from './google-endpoints'

/** The keychain service for real Google accounts. */
export const GOOGLE_KEYCHAIN_SERVICE = 'Postline'
/** The sandbox's own keychain service, so trying Postline never touches real entries. */
export const SANDBOX_KEYCHAIN_SERVICE = 'Postline Sandbox'
/** The command-line flag that forces the sandbox even when a Google client is configured. */
export const SANDBOX_FLAG = '--sandbox'

/** Why the app runs against the sandbox. */
export type SandboxReason = 'flag' | 'no-google-client' | 'incomplete-google-client'

/** The mode the app runs in, decided once at startup. */
export type AppConfig =
  | {
      readonly mode: 'sandbox'
      readonly reason: SandboxReason
      readonly keychainService: typeof SANDBOX_KEYCHAIN_SERVICE
    }
  | {
      readonly mode: 'google'
      readonly keychainService: typeof GOOGLE_KEYCHAIN_SERVICE
      readonly endpoints: GoogleEndpoints
      readonly clientId: string
      readonly clientSecret: string
    }

/**
 * Decides the mode from the command line and the environment: `--sandbox`, or no Google
 * "Desktop app" client (`POSTLINE_GOOGLE_CLIENT_ID` and `POSTLINE_GOOGLE_CLIENT_SECRET`), runs the
 * sandbox; both client variables set runs against Google.
 */
export function resolveConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AppConfig {
  const sandbox = (reason: SandboxReason): AppConfig => ({
    mode: 'sandbox',
    reason,
    keychainService: SANDBOX_KEYCHAIN_SERVICE,
  })
  if (argv.includes(SANDBOX_FLAG)) return sandbox('flag')
  const clientId = env.POSTLINE_GOOGLE_CLIENT_ID?.trim() ?? ''
  const clientSecret = env.POSTLINE_GOOGLE_CLIENT_SECRET?.trim() ?? ''
  if (clientId === '' && clientSecret === '') return sandbox('no-google-client')
  if (clientId === '' || clientSecret === '') return sandbox('incomplete-google-client')
  return {
    mode: 'google',
    keychainService: GOOGLE_KEYCHAIN_SERVICE,
    endpoints: GOOGLE_ENDPOINTS,
    clientId,
    clientSecret,
  }
}

/** The data folder: the sandbox keeps its accounts, drafts and outbox apart from real ones. */
export function dataDirFor(config: AppConfig, userDataPath: string): string {
  return config.mode === 'sandbox' ? path.join(userDataPath, 'sandbox') : userDataPath
}
