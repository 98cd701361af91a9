import type { EventName, EventPayloads, InvokeChannel, InvokeResults } from '../shared/contract'
import type { Result } from '../shared/errors'
import type { GoogleClientSettings, SetAsideFile } from '../shared/domain'
import type { GoogleEndpoints } from './google-endpoints'
import type { Logger } from './log'
import type { Clock, Ticker } from './clock'

/** The Google client configuration the settings form reads and writes (secret in the keychain). */
export interface GoogleClientSettingsPort {
  get(): Promise<GoogleClientSettings>
  /** Stores the client for the next start; the secret goes to the keychain, never to a file. */
  save(clientId: string, clientSecret: string): Promise<GoogleClientSettings>
  clear(): Promise<GoogleClientSettings>
}

/** Opens the system file dialog and answers the chosen paths (none when cancelled). */
export type ChooseFiles = () => Promise<string[]>

/** Everything the main-process core needs from the outside world. */
export interface CoreOptions {
  /** Damaged files main set aside before the core started (the settings file), for the banner. */
  readonly setAsideAtStart?: readonly SetAsideFile[]
  /** The user-data folder: account metadata (never secrets) lives here. */
  readonly dataDir: string
  /** The keychain service name; the sandbox uses its own so real entries are never touched. */
  readonly keychainService: string
  /** Whether this run talks to the sandbox or to Google (decided at start, see config.ts). */
  readonly mode: 'sandbox' | 'google'
  readonly endpoints: GoogleEndpoints
  /** A Google "Desktop app" OAuth client (or the sandbox's). */
  readonly clientId: string
  readonly clientSecret: string
  /** Opens a URL in the person's browser (Electron's `shell.openExternal` in the app). */
  readonly openExternal: (url: string) => Promise<void>
  /** The settings form's backend; without it the settings channels describe the current client. */
  readonly settings?: GoogleClientSettingsPort
  /** Main's open dialog for attachments (Electron's `dialog.showOpenDialog` in the app). */
  readonly chooseFiles?: ChooseFiles
  /** How long the loopback listener waits for the browser; default 5 minutes. */
  readonly signInTimeoutMs?: number
  /** Where internal failures are logged (redacted, see log.ts); default the console. */
  readonly log?: Logger
  /**
   * The system's preferred languages, most preferred first (Electron's
   * `app.getPreferredSystemLanguages()`, the browser's in the e2e bridge); default English.
   */
  readonly systemLanguages?: readonly string[]
  /** Whether the window may be switched to the pseudo-locale (tests only). */
  readonly allowPseudoLanguage?: boolean
  /** The wall clock (default the system's); tests pass a test clock. */
  readonly clock?: Clock
  /** What looks for due scheduled messages every few seconds (default `setInterval`). */
  readonly ticker?: Ticker
}

/** One handler per invoke channel: takes the raw request as `unknown`, never throws. */
export type CoreHandlers = {
  readonly [C in InvokeChannel]: (input: unknown) => Promise<Result<InvokeResults[C]>>
}

/** The main-process core, the same under Electron, in tests and behind the e2e bridge. */
export interface Core {
  readonly handlers: CoreHandlers
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  close(): Promise<void>
}
