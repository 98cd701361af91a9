import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** One keychain entry as seen from outside Postline. */
export interface KeyringEntry {
  readonly account: string
  readonly secret: string
}

/**
 * `secret-tool search --all service NAME`: the entries any program on the desktop can see.
 * secret-tool prints attributes on stderr and secrets on stdout, so each secret is read back
 * with `secret-tool lookup`.
 */
export async function secretToolSearch(service: string): Promise<KeyringEntry[]> {
  // secret-tool exits 1 when nothing matches.
  const { stderr } = await run('secret-tool', ['search', '--all', 'service', service]).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
  )
  const accounts = [...stderr.matchAll(/^attribute\.account = (.*)$/gm)].map((match) => match[1]!)
  const entries: KeyringEntry[] = []
  for (const account of accounts.sort()) {
    const { stdout } = await run('secret-tool', ['lookup', 'service', service, 'account', account])
    entries.push({ account, secret: stdout })
  }
  return entries
}

/** Locks the login collection through the Secret Service D-Bus API, as a screen lock would. */
export async function lockKeyring(): Promise<void> {
  await run('dbus-send', [
    '--session',
    '--print-reply',
    '--dest=org.freedesktop.secrets',
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    'array:objpath:/org/freedesktop/secrets/collection/login',
  ])
}
