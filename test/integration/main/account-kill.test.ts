import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'
import type { Sandbox } from '../../../src/sandbox/index'
import { httpBrowser } from '../../helpers/consent'
import { ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

const CHILD = join(__dirname, '..', 'fixtures', 'account-child.ts')
const RUNS = 20

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

function liveGrants(email: string): number {
  return sandbox.liveGrants().filter((grant) => grant.email === email).length
}

/**
 * The child bundled once into one file (keytar stays outside): a child then starts in a fraction
 * of the time `tsx` takes, which keeps 20 runs well inside a minute.
 */
let bundled: Promise<string> | undefined
let bundleDir: string | undefined
after(() => (bundleDir ? rm(bundleDir, { recursive: true, force: true }) : undefined))
function childScript(): Promise<string> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'postline-account-child-'))
    bundleDir = dir
    const outfile = join(dir, 'account-child.js')
    await build({
      entryPoints: [CHILD],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      external: ['keytar', 'electron'],
      logLevel: 'warning',
    })
    return outfile
  })()
  return bundled
}

/**
 * Starts the child; once it prints `trigger`, waits `delayMs` (or until it prints `stop`) and
 * kills it -9. Answers the last line it printed before the kill.
 */
async function killAfter(
  config: object,
  trigger: string,
  stop: string,
  delayMs: number,
): Promise<string> {
  const child = spawn(process.execPath, [await childScript()], {
    env: {
      ...process.env,
      POSTLINE_CHILD_CONFIG: JSON.stringify(config),
      NODE_PATH: join(__dirname, '..', '..', '..', 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let last = ''
  let timer: NodeJS.Timeout | undefined
  const lines = createInterface({ input: child.stdout })
  const killed = new Promise<void>((resolve) => {
    const kill = () => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      resolve()
    }
    lines.on('line', (line) => {
      if (child.killed) return
      last = line
      if (line === trigger) timer = setTimeout(kill, delayMs)
      if (line === stop || line === 'DONE' || line.startsWith('FAILED')) kill()
    })
    child.once('exit', () => resolve())
  })
  await killed
  await exited
  lines.close()
  return last
}

/** A spread of kill delays over the window, the same every run of the suite. */
function delayFor(run: number, spanMs: number): number {
  return Math.round((run * spanMs) / (RUNS - 1))
}

test(`a sign-in killed right after the code exchange: after a restart the grant is revoked and no account appears (${RUNS} runs)`, async (t) => {
  const outcomes: Record<string, number> = {}
  for (let run = 0; run < RUNS; run++) {
    const dataDir = await tempDir(t)
    const service = testService()
    const grantsBefore = liveGrants(ADA)
    const revokedBefore = sandbox.revocations().length
    const last = await killAfter(
      {
        mode: 'sign-in',
        endpoints: sandbox.endpoints,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        dataDir,
        service,
        email: ADA,
        stepMs: 25,
      },
      'EXCHANGED',
      'STORED',
      delayFor(run, 150),
    )
    const where = {
      EXCHANGED: 'after the exchange, before the entry named its account',
      NAMED: 'after the entry named its account, before the account’s keychain write',
      STORED: 'after the account’s keychain write, before the registry',
    }[last]
    assert.ok(where, `run ${run} was killed after ${last}`)
    assert.equal(liveGrants(ADA), grantsBefore + 1, `run ${run}: the grant was live at the kill`)

    const { core } = await startCore(
      t,
      sandboxOptions(sandbox, dataDir, service, async () => {}),
    )
    await core.verified
    assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [], `run ${run}`)
    assert.equal(liveGrants(ADA), grantsBefore, `run ${run}: the grant was revoked`)
    assert.deepEqual(
      sandbox
        .revocations()
        .slice(revokedBefore)
        .map((r) => [r.email, r.tokenKind]),
      [[ADA, 'refresh']],
      `run ${run}`,
    )
    // Neither the pending entry nor an account entry is left in the keychain.
    assert.deepEqual(await secretToolSearch(service), [], `run ${run}`)
    await core.close()
    outcomes[where] = (outcomes[where] ?? 0) + 1
  }
  const summary = `sign-in kills: ${JSON.stringify(outcomes)}`
  t.diagnostic(summary)
  console.log(summary)
})

test(`a sign-out killed between the revocation and the keychain delete never leaves a live-looking account with a dead grant (${RUNS} runs)`, async (t) => {
  const outcomes: Record<string, number> = {}
  for (let run = 0; run < RUNS; run++) {
    const dataDir = await tempDir(t)
    const service = testService()
    const first = await startCore(
      t,
      sandboxOptions(sandbox, dataDir, service, httpBrowser([{ identity: ADA }]).openExternal),
    )
    ok(await first.core.handlers['accounts.add'](undefined))
    await first.core.close()
    const revokedBefore = sandbox.revocations().length

    const last = await killAfter(
      {
        mode: 'sign-out',
        endpoints: sandbox.endpoints,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        dataDir,
        service,
        email: ADA,
        stepMs: 30,
      },
      'DELETING',
      'never',
      delayFor(run, 60),
    )
    assert.ok(['DELETING', 'DELETED', 'DONE'].includes(last), `run ${run} was killed after ${last}`)
    // The revocation went through before the kill.
    assert.deepEqual(
      sandbox
        .revocations()
        .slice(revokedBefore)
        .map((r) => r.email),
      [ADA],
    )

    const { core } = await startCore(
      t,
      sandboxOptions(sandbox, dataDir, service, async () => {}),
    )
    await core.verified
    const listed = ok(await core.handlers['accounts.list'](undefined))
    const keychain = (await secretToolSearch(service)).map((entry) => entry.account)
    let outcome: string
    if (listed.length === 0) {
      assert.deepEqual(keychain, [], `run ${run}: gone, with its keychain entry gone`)
      outcome = 'gone'
    } else {
      // Still here: it must say Reconnect (its grant is dead), and signing out must finish it.
      assert.deepEqual(
        listed.map((a) => [a.email, a.status]),
        [[ADA, 'needs-reconnect']],
        `run ${run}: never a live account whose grant is dead`,
      )
      outcome = keychain.includes(ADA)
        ? 'still there, keychain entry kept, Reconnect shown'
        : 'still there, keychain entry gone, Reconnect shown'
      assert.deepEqual(ok(await core.handlers['accounts.signOut']({ email: ADA })), [])
      assert.deepEqual(await secretToolSearch(service), [], `run ${run}: signed out after all`)
    }
    await core.close()
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
  }
  const summary = `sign-out kills: ${JSON.stringify(outcomes)}`
  t.diagnostic(summary)
  console.log(summary)
})
