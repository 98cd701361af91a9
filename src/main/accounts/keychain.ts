import { KeychainUnavailableError } from '../errors'

/** Where refresh tokens live: the operating system's keychain, one entry per account. */
export interface SecretStore {
  /** The secret, or null when there is no entry. Throws {@link KeychainUnavailableError}. */
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** Whether an entry was there to delete. */
  delete(account: string): Promise<boolean>
  /**
   * The secret or null, without the write that tells a missing entry from a locked keychain
   * (so a read at start creates nothing). Stores without it are read with {@link get}.
   */
  peek?(account: string): Promise<string | null>
}

/** The part of keytar Postline uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

const PROBE_ACCOUNT = 'postline-keychain-probe'
/** libsecret's errors for an item that vanished between the search and the read. */
const VANISHED_ITEM = /No such (interface|object)|Object does not exist/i
/** The waits before each retry of such a call (about a second in all). */
const VANISHED_ITEM_RETRIES_MS = [50, 150, 300, 500]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * The keychain through keytar (libsecret, macOS Keychain, Windows Credential Manager).
 * Every failure becomes `keychain-unavailable` with what to do; nothing ever falls back to a file.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: KeytarLike | undefined

  constructor(
    private readonly service: string,
    private readonly load: () => KeytarLike = loadKeytar,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async get(account: string): Promise<string | null> {
    const secret = await this.call((k) => k.getPassword(this.service, account))
    if (secret !== null) return secret
    // libsecret answers a read from a locked keyring with "nothing" instead of an error, so a
    // missing entry is told apart from a locked keychain by a write, which does fail when locked.
    await this.call(async (k) => {
      await k.setPassword(this.service, PROBE_ACCOUNT, 'probe')
      await k.deletePassword(this.service, PROBE_ACCOUNT)
    })
    return null
  }

  async peek(account: string): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account))
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call((k) => k.setPassword(this.service, account, secret))
  }

  async delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account))
  }

  private async call<T>(operation: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    let keytar: KeytarLike
    try {
      keytar = this.keytar ??= this.load()
    } catch (error) {
      throw new KeychainUnavailableError(
        this.advice('missing'),
        describe(error),
        this.params('missing'),
      )
    }
    // An item being deleted while libsecret goes through the collection fails the call ("No such
    // interface … Item", "No such object") until the deletion is through: such a call (a read, a
    // write that replaces, a delete) is tried again.
    for (const wait of VANISHED_ITEM_RETRIES_MS) {
      try {
        return await operation(keytar)
      } catch (error) {
        if (!VANISHED_ITEM.test(describe(error))) {
          throw new KeychainUnavailableError(
            this.advice('refused'),
            describe(error),
            this.params('refused'),
          )
        }
        await sleep(wait)
      }
    }
    try {
      return await operation(keytar)
    } catch (error) {
      throw new KeychainUnavailableError(
        this.advice('refused'),
        describe(error),
        this.params('refused'),
      )
    }
  }

  /** What the window words the same advice from, in the person's language. */
  private params(kind: 'missing' | 'refused') {
    return { detail: 'keychain', kind, platform: this.platform } as const
  }

  private advice(kind: 'missing' | 'refused'): string {
    const lead =
      kind === 'missing'
        ? 'Postline cannot use your system keychain, where it keeps sign-ins.'
        : 'Your system keychain is locked or not available, so Postline cannot read or save sign-ins.'
    switch (this.platform) {
      case 'darwin':
        return `${lead} Unlock your login keychain in Keychain Access, then try again.`
      case 'win32':
        return `${lead} Check that Windows Credential Manager is running, then try again.`
      default:
        return `${lead} Unlock your keyring (GNOME Keyring or KWallet), or install one with the Secret Service API (for example gnome-keyring and libsecret-1-0), then try again.`
    }
  }
}

function loadKeytar(): KeytarLike {
  // Loaded on first use, synchronously, so that a missing libsecret is a clear error, not a
  // crash at start; esbuild leaves this native module external.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('keytar') as KeytarLike
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
