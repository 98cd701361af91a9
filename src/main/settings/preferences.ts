import path from 'node:path'
import type { LanguageState } from '../../shared/domain'
import {
  isLanguage,
  matchLanguage,
  PSEUDO_LANGUAGE,
  type DisplayLanguage,
} from '../../shared/i18n/languages'
import { addressKey } from '../../shared/addresses'
import type { Kept } from '../../shared/errors'
import { readJsonOrSetAside, writeFileAtomic } from '../store/atomic-file'
import { diskFailure, errnoOf } from '../store/disk-errors'
import { nodeFileSystem, type FileSystem } from '../store/file-system'
import { KeyedLock } from '../store/keyed-lock'

/**
 * The person's preferences in the data folder: the window's language, and the sending addresses
 * whose new messages start in plain text.
 */
export const PREFERENCES_FILE = 'preferences.json'

/** What {@link Preferences.open} needs. */
export interface PreferencesOptions {
  readonly dataDir: string
  /** The system's preferred languages, most preferred first (Electron's, or the browser's). */
  readonly systemLanguages: readonly string[]
  /** Whether the pseudo-locale may be chosen (tests and development only). */
  readonly allowPseudo?: boolean
  readonly fs?: FileSystem
  /** Told where a damaged preferences file was moved. */
  readonly onSetAside?: (movedTo: string) => void
}

/**
 * The person's language choice, remembered in `preferences.json`. Disk first: the choice in
 * memory changes only after the file that records it was written; changes run one at a time.
 */
export class Preferences {
  private readonly lock = new KeyedLock()
  private listeners = new Set<(state: LanguageState) => void>()

  private constructor(
    private readonly options: PreferencesOptions,
    private chosen: DisplayLanguage | null,
    /** Sending addresses (compared form, `addressKey`) that write in plain text by default. */
    private plainText: readonly string[],
  ) {}

  /** Reads the file; a missing one means no choice, a damaged one is set aside. */
  static async open(options: PreferencesOptions): Promise<Preferences> {
    const fs = options.fs ?? nodeFileSystem
    const file = path.join(options.dataDir, PREFERENCES_FILE)
    let value: unknown
    try {
      const read = await readJsonOrSetAside(file, fs)
      if (read.setAsideTo) options.onSetAside?.(read.setAsideTo)
      value = read.value
    } catch (error) {
      // No file yet, or one that cannot be read: the system's language, nothing lost.
      if (errnoOf(error) === undefined) throw error
    }
    const language = (value as { language?: unknown } | undefined)?.language
    const chosen =
      isLanguage(language) || (options.allowPseudo && language === PSEUDO_LANGUAGE)
        ? (language as DisplayLanguage)
        : null
    const plain = (value as { plainText?: unknown } | undefined)?.plainText
    const plainText = Array.isArray(plain)
      ? [...new Set(plain.filter((entry): entry is string => typeof entry === 'string'))]
          .map(addressKey)
          .sort()
      : []
    return new Preferences(options, chosen, plainText)
  }

  /** The language in use and where it comes from. */
  language(): LanguageState {
    const system = matchLanguage(this.options.systemLanguages)
    return { chosen: this.chosen, system, active: this.chosen ?? system }
  }

  /** Remembers the person's choice (null: follow the system) and tells every listener. */
  async setLanguage(language: DisplayLanguage | null): Promise<LanguageState> {
    if (language === PSEUDO_LANGUAGE && !this.options.allowPseudo) {
      // The contract lets the pseudo-locale through for tests; the app never offers it.
      language = null
    }
    return this.lock.run('preferences', async () => {
      await this.write({ language, plainText: this.plainText }, 'language')
      this.chosen = language
      const state = this.language()
      for (const listener of [...this.listeners]) listener(state)
      return state
    })
  }

  /** The sending addresses whose new messages start in plain text (compared form, sorted). */
  plainTextDefaults(): readonly string[] {
    return this.plainText
  }

  /**
   * Whether new messages from `address` start in plain text. Keyed by the sending address (an
   * account's, or a send-as address's), so each identity has its own; disk first.
   */
  async setPlainTextDefault(address: string, plain: boolean): Promise<readonly string[]> {
    const key = addressKey(address)
    return this.lock.run('preferences', async () => {
      const others = this.plainText.filter((entry) => entry !== key)
      const next = plain ? [...others, key].sort() : others
      // The checkbox shows what main answered, so a failed write leaves it as it was.
      await this.write({ language: this.chosen, plainText: next }, 'nothing')
      this.plainText = next
      return next
    })
  }

  /** Writes the whole file (atomically); a failure is the disk's, named for `what`. */
  private async write(
    value: { language: DisplayLanguage | null; plainText: readonly string[] },
    what: Kept,
  ): Promise<void> {
    const fs = this.options.fs ?? nodeFileSystem
    try {
      await fs.mkdir(this.options.dataDir, { recursive: true, mode: 0o700 })
      await writeFileAtomic(
        path.join(this.options.dataDir, PREFERENCES_FILE),
        // Without plain-text defaults the file is as it was before they existed.
        `${JSON.stringify(value.plainText.length > 0 ? value : { language: value.language }, null, 2)}\n`,
        fs,
      )
    } catch (error) {
      throw diskFailure(error, this.options.dataDir, what)
    }
  }

  /** Calls `listener` after each change of language; answers a function that stops it. */
  onLanguageChanged(listener: (state: LanguageState) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
}
