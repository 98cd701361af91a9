import path from 'node:path'
import type { GoogleClientSettings } from '../../shared/domain'
import type { SecretStore } from '../accounts/keychain'
import { describeGoogleClient } from '../config'
import type { AppConfig, StoredGoogleClient } from '../config'
import type { GoogleClientSettingsPort } from '../core-types'
import { PostlineFailure } from '../errors'
import { readJsonOrSetAside, writeFileAtomic } from '../store/atomic-file'
import { KeyedLock } from '../store/keyed-lock'

/** The settings file in the user-data folder's root: non-secret settings only. */
export const SETTINGS_FILE = 'settings.json'
/** The keychain account (in the `Postline` service) that holds the OAuth client's secret. */
export const CLIENT_SECRET_ACCOUNT = 'google-oauth-client-secret'

/**
 * Google's OAuth client IDs end with `.apps.googleusercontent.com`
 * (https://developers.google.com/identity/protocols/oauth2/native-app).
 */
const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.apps\.googleusercontent\.com$/
/** Secrets are printable, without spaces (Google's look like `GOCSPX-…`). */
const CLIENT_SECRET_PATTERN = /^[\x21-\x7e]{1,300}$/

type SettingsFile = Record<string, unknown>

/** Whether `clientId` has the shape of a Google OAuth client ID. */
export function isGoogleClientId(clientId: string): boolean {
  return clientId.length <= 300 && CLIENT_ID_PATTERN.test(clientId)
}

/**
 * Reads the client saved by the settings form, or null when none is saved. The keychain is only
 * asked when `settings.json` names a client. Throws `keychain-unavailable` when it cannot be read.
 */
export async function loadStoredGoogleClient(
  folder: string,
  secrets: SecretStore,
  onSetAside?: (movedTo: string) => void,
): Promise<StoredGoogleClient | null> {
  const clientId = storedClientId(await readSettings(folder, onSetAside))
  if (clientId === null) return null
  return { clientId, clientSecret: await secrets.get(CLIENT_SECRET_ACCOUNT) }
}

/** What {@link GoogleClientSettingsStore} needs. */
export interface GoogleClientSettingsOptions {
  /** The user-data folder's root (not the sandbox's subfolder): the client is shared by both. */
  readonly folder: string
  /** The keychain service that keeps the secret (`Postline` in the app). */
  readonly secrets: SecretStore
  /** The config this run uses, decided at start. */
  readonly inUse: AppConfig
  /** The config the next start would decide with a given saved client (same flags, same environment). */
  readonly nextStart: (stored: StoredGoogleClient | null) => AppConfig
}

/**
 * The settings form's backend. The client ID goes to `settings.json`, the secret to the keychain,
 * never to a file. Changes take effect at the next start: `get()` describes the client in use now,
 * `save()` and `clear()` answer what the next start will use.
 */
export class GoogleClientSettingsStore implements GoogleClientSettingsPort {
  private readonly changes = new KeyedLock()

  constructor(private readonly options: GoogleClientSettingsOptions) {}

  async get(): Promise<GoogleClientSettings> {
    return describeGoogleClient(this.options.inUse)
  }

  async save(clientId: string, clientSecret: string): Promise<GoogleClientSettings> {
    const id = clientId.trim()
    const secret = clientSecret.trim()
    if (!isGoogleClientId(id)) {
      throw new PostlineFailure(
        'invalid-input',
        'That is not a Google OAuth client ID: it ends with .apps.googleusercontent.com. Copy it from Credentials in the Google Cloud console.',
        { detail: 'badClientId' },
      )
    }
    if (!CLIENT_SECRET_PATTERN.test(secret)) {
      throw new PostlineFailure(
        'invalid-input',
        'That is not a client secret: copy it from the same OAuth client in the Google Cloud console.',
        { detail: 'badClientSecret' },
      )
    }
    return this.serialised(async () => {
      // The keychain first: when it is locked or refuses, nothing has changed.
      await this.options.secrets.set(CLIENT_SECRET_ACCOUNT, secret)
      const settings = await readSettings(this.options.folder)
      await writeSettings(this.options.folder, { ...settings, googleClient: { clientId: id } })
      return describeGoogleClient(this.options.nextStart({ clientId: id, clientSecret: secret }))
    })
  }

  async clear(): Promise<GoogleClientSettings> {
    return this.serialised(async () => {
      // The keychain first: when it is locked or refuses, the saved client stays whole.
      await this.options.secrets.delete(CLIENT_SECRET_ACCOUNT)
      const { googleClient: _removed, ...rest } = await readSettings(this.options.folder)
      await writeSettings(this.options.folder, rest)
      return describeGoogleClient(this.options.nextStart(null))
    })
  }

  /** One change at a time, so two quick saves never interleave their keychain and file writes. */
  private serialised<T>(change: () => Promise<T>): Promise<T> {
    return this.changes.run(SETTINGS_FILE, change)
  }
}

/**
 * The settings file; a damaged one is set aside next to the original (not overwritten by the next
 * save) and reported through `onSetAside`.
 */
async function readSettings(
  folder: string,
  onSetAside: (movedTo: string) => void = () => {},
): Promise<SettingsFile> {
  const { value: raw, setAsideTo } = await readJsonOrSetAside(path.join(folder, SETTINGS_FILE))
  if (setAsideTo !== null) onSetAside(setAsideTo)
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as SettingsFile) : {}
}

async function writeSettings(folder: string, settings: SettingsFile): Promise<void> {
  await writeFileAtomic(path.join(folder, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`)
}

function storedClientId(settings: SettingsFile): string | null {
  const client = settings.googleClient
  if (typeof client !== 'object' || client === null) return null
  const clientId = (client as { clientId?: unknown }).clientId
  return typeof clientId === 'string' && clientId.trim() !== '' ? clientId.trim() : null
}
