import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Sandbox } from '../../../src/sandbox/index'
import type { Result } from '../../../src/shared/errors'
import type { AccountView } from '../../../src/shared/domain'
import { testService } from '../../helpers/core'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, GRACE, sandboxForFile } from '../../helpers/sandbox'

const run = promisify(execFile)
const CHILD = join(__dirname, '..', 'fixtures', 'keychain-child.ts')

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

async function runChild(
  mode: 'locked' | 'missing' | 'session',
  dataDir: string,
  xdg: string,
  service = testService(),
) {
  const config = {
    mode,
    endpoints: sandbox.endpoints,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    dataDir,
    service,
    identities: mode === 'locked' ? [ADA, GRACE] : mode === 'session' ? [GRACE, GRACE] : [GRACE],
  }
  const node = `node --import tsx ${JSON.stringify(CHILD)}`
  // `locked`: a keyring of its own on a D-Bus session of its own, so locking it harms no other test.
  const script =
    mode === 'locked'
      ? `eval "$(printf %s pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; exec ${node}`
      : `exec ${node}`
  const env = {
    ...process.env,
    POSTLINE_CHILD_CONFIG: JSON.stringify(config),
    XDG_DATA_HOME: xdg,
    ...(mode !== 'locked'
      ? { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/postline-bus' }
      : {}),
  }
  const command =
    mode === 'locked' ? ['dbus-run-session', '--', 'bash', '-c', script] : ['bash', '-c', script]
  const { stdout } = await run(command[0]!, command.slice(1), { env, timeout: 60_000 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, Result<unknown>>
}

async function filesContain(dir: string, needle: RegExp): Promise<boolean> {
  for (const name of await readdir(dir, { recursive: true })) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => '')
    if (needle.test(text)) return true
  }
  return false
}

test('a locked keychain keeps the account, refuses sign-out and new accounts, and writes no token to a file', async (t) => {
  const dataDir = await tempDir(t)
  const revokedBefore = sandbox.revocations().length
  const report = await runChild('locked', dataDir, await tempDir(t))

  assert.equal(report.firstAdd!.ok, true)
  const listed = report.listAfterRestart as Result<AccountView[]>
  assert.ok(listed.ok)
  // A locked keychain says nothing about the grant: the account is not turned to Reconnect.
  assert.deepEqual(
    listed.value.map((a) => [a.email, a.status]),
    [[ADA, 'connected']],
  )

  for (const key of ['signOut', 'add'] as const) {
    const result = report[key]!
    assert.equal(result.ok, false, key)
    if (!result.ok) {
      assert.equal(result.error.code, 'keychain-unavailable')
      assert.match(result.error.message, /locked or not available.*Unlock your keyring/)
    }
  }
  const after = report.list as Result<AccountView[]>
  assert.ok(after.ok)
  assert.deepEqual(
    after.value.map((a) => a.email),
    [ADA],
  )
  // The sign-in that could not be stored was revoked rather than left dangling at Google.
  assert.deepEqual(
    sandbox
      .revocations()
      .slice(revokedBefore)
      .map((r) => r.email),
    [GRACE],
  )
  assert.equal(await filesContain(dataDir, /sbx-|refresh|secret/i), false)
})

test('with no keychain service at all, adding an account fails clearly and adds nothing', async (t) => {
  const dataDir = await tempDir(t)
  const report = await runChild('missing', dataDir, await tempDir(t))
  const add = report.add!
  assert.equal(add.ok, false)
  if (!add.ok) {
    assert.equal(add.error.code, 'keychain-unavailable')
    assert.match(add.error.message, /install one with the Secret Service API/)
  }
  assert.deepEqual(report.list, { ok: true, value: [] })
  assert.equal(await filesContain(dataDir, /sbx-/), false)
})

test('with no keychain, the add offers this session only; such an account is never written and is revoked at close', async (t) => {
  const dataDir = await tempDir(t)
  const xdg = await tempDir(t)
  const service = testService()
  const revokedBefore = sandbox.revocations().length
  const report = await runChild('session', dataDir, xdg, service)

  const add = report.add!
  assert.equal(add.ok, false)
  if (!add.ok) {
    assert.equal(add.error.code, 'keychain-unavailable')
    // The sentence still says what to install or unlock, and the offer comes with it.
    assert.match(add.error.message, /install one with the Secret Service API/)
    assert.match(add.error.message, /this session only/)
    // What the window words it from: the keychain's advice for this platform, and the offer.
    assert.deepEqual(add.error.params, {
      detail: 'keychain',
      kind: 'refused',
      platform: process.platform,
      offer: 'session-only',
    })
  }
  const session = report.session as Result<AccountView>
  assert.ok(session.ok, JSON.stringify(session))
  assert.deepEqual(
    [session.value.email, session.value.status, session.value.sessionOnly],
    [GRACE, 'connected', true],
  )
  const listed = report.listSession as Result<AccountView[]>
  assert.ok(listed.ok)
  assert.deepEqual(
    listed.value.map((a) => [a.email, a.sessionOnly === true, a.active]),
    [[GRACE, true, true]],
  )
  assert.equal(report.refreshed, true)
  // Gone after a restart: close revoked its grant (the failed keychain add was revoked too).
  assert.deepEqual(report.listAfterRestart, { ok: true, value: [] })
  assert.deepEqual(
    sandbox
      .revocations()
      .slice(revokedBefore)
      .map((r) => r.email),
    [GRACE, GRACE],
  )
  assert.equal(sandbox.liveGrants().filter((g) => g.email === GRACE).length, 0)
  // Nothing was written: no token, not even the address, in any file; nothing in a keychain.
  assert.equal(await filesContain(dataDir, /sbx-|grace/i), false)
  assert.equal(await filesContain(xdg, /sbx-|grace/i), false)
  assert.deepEqual(await secretToolSearch(service), [])
})
