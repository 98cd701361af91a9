// Idle memory: RSS of the app's main process without Electron, in a child process of its own that
// loads what src/main/main.ts loads at its top (bench/lib/child.ts's appEntry), started on a data
// folder with 3 accounts and 100 drafts, once it has checked the accounts with the sandbox (in the
// parent), after a full gc. In both of the app's modes: Google (the figure; the sandbox is not
// loaded) and sandbox (main.ts loads and starts one in its own process). Beside them: a bare Node
// process, and one that only loads the core's libraries.
import { spawn } from 'node:child_process'
import { startSandbox } from '../src/sandbox'
import { appEntry, bundleChild, childEnv, forkChild } from './lib/child'
import { log, QUICK, run, timedRuns } from './lib/report'
import { median, ratio, round, summary } from './lib/stats'
import { newHome, removeHome } from './lib/core-home'

const RUNS = timedRuns(5)
const ACCOUNTS = 3
const DRAFTS = QUICK ? 10 : 100
const TARGET_MIB = 80
const MIB = 1024 * 1024
/** The figure is RSS this long after the sample 1 s after start (see bench/children/idle-core.ts). */
const SETTLE_MS = QUICK ? 0 : 11_000

/** The JSON line a child prints after "ready" (its RSS after gc). */
function rssOf(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...args], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'))
      if (code !== 0 || line === undefined)
        reject(new Error(`${args.join(' ')} exited with ${code}`))
      else resolve((JSON.parse(line) as { rss: number }).rss)
    })
  })
}

/** The median of each key over runs, in MiB. */
function medians(runs: Record<string, number>[]): Record<string, number> {
  const keys = Object.keys(runs[0] ?? {})
  return Object.fromEntries(
    keys.map((key) => [key, round(median(runs.map((one) => one[key]!)) / MIB, 1)]),
  )
}

run(async () => {
  const sandbox = await startSandbox()
  const home = await newHome()
  const emptyHome = await newHome()
  const entry = await appEntry('bench/children/idle-core.ts')
  const core = await bundleChild(entry.file, { stubElectron: true })
  await entry.remove()
  const floor = await bundleChild('bench/children/imports-floor.ts')
  const config = {
    home,
    accounts: ACCOUNTS,
    drafts: DRAFTS,
    sandbox: {
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    },
  }
  const coreRss: number[] = []
  const sandboxModeRss: number[] = []
  const sandboxModeSteps: Record<string, number>[] = []
  const heap: number[] = []
  const steps: Record<string, number>[] = []
  const v8: Record<string, number>[] = []
  const floorRss: number[] = []
  const bareRss: number[] = []
  const noDraftsRss: number[] = []
  let state = { accounts: 0, drafts: 0, gc: false }
  try {
    const prepare = forkChild(core.file, [JSON.stringify({ ...config, mode: 'prepare' })])
    await prepare.next('done')
    await prepare.stop()
    const noDrafts = { ...config, home: emptyHome, drafts: 0 }
    const prepareEmpty = forkChild(core.file, [JSON.stringify({ ...noDrafts, mode: 'prepare' })])
    await prepareEmpty.next('done')
    await prepareEmpty.stop()
    for (let i = 0; i < RUNS; i++) {
      // The three idle at once: each is its own process, and RSS is its own.
      const idle = forkChild(core.file, [
        JSON.stringify({ ...config, mode: 'idle', app: 'google', settleMs: SETTLE_MS }),
      ])
      const inSandboxMode = forkChild(core.file, [
        JSON.stringify({ ...config, mode: 'idle', app: 'sandbox', settleMs: SETTLE_MS }),
      ])
      const empty = forkChild(core.file, [
        JSON.stringify({ ...noDrafts, mode: 'idle', app: 'google', settleMs: SETTLE_MS }),
      ])
      const [done, sandboxDone, emptyDone] = await Promise.all(
        [idle, inSandboxMode, empty].map((child) => child.next('done')),
      )
      await Promise.all([idle.stop(), inSandboxMode.stop(), empty.stop()])
      coreRss.push(done!.rss as number)
      heap.push(done!.heapUsed as number)
      steps.push(done!.steps as Record<string, number>)
      v8.push({
        heapTotal: done!.heapTotal as number,
        external: done!.external as number,
        arrayBuffers: done!.arrayBuffers as number,
      })
      state = {
        accounts: done!.accounts as number,
        drafts: done!.drafts as number,
        gc: done!.gc as boolean,
      }
      sandboxModeRss.push(sandboxDone!.rss as number)
      sandboxModeSteps.push(sandboxDone!.steps as Record<string, number>)
      noDraftsRss.push(emptyDone!.rss as number)
      floorRss.push(await rssOf([floor.file, '--rss']))
      bareRss.push(
        await rssOf([
          '-e',
          'gc();gc();console.log(JSON.stringify({rss:process.memoryUsage().rss}))',
        ]),
      )
      log(
        `run ${i + 1}: core ${round(coreRss[i]! / MIB, 1)} MiB (sandbox mode ${round(sandboxModeRss[i]! / MIB, 1)}), libraries only ${round(floorRss[i]! / MIB, 1)} MiB, bare node ${round(bareRss[i]! / MIB, 1)} MiB`,
      )
    }
  } finally {
    await core.remove()
    await floor.remove()
    await removeHome(home)
    await removeHome(emptyHome)
    await sandbox.close()
  }
  if (state.accounts !== ACCOUNTS || state.drafts !== DRAFTS)
    throw new Error(
      `expected ${ACCOUNTS} connected accounts and ${DRAFTS} drafts, got ${JSON.stringify(state)}`,
    )
  const mib = (values: number[]) => values.map((value) => value / MIB)
  const value = round(median(mib(coreRss)), 1)
  const sandboxValue = round(median(mib(sandboxModeRss)), 1)
  const floorMiB = round(median(mib(floorRss)), 1)
  const what = `MiB RSS of the app's main process (what main.ts loads, without Electron) with ${ACCOUNTS} accounts and ${DRAFTS} drafts, after start and gc, idle ${(1_000 + SETTLE_MS) / 1_000} s`
  const how = `the core child (esbuild bundle of main.ts's top-level imports, Electron stubbed, then bench/children/idle-core.ts; --expose-gc) starts on a data folder prepared by another child, awaits core.verified (3 token refreshes against the sandbox in the parent), lists accounts and drafts, idles 1 s (a first sample after gc: coreRssByStepMiB.oneSecondAfterStart), idles ${SETTLE_MS} ms more, gc() twice, process.memoryUsage().rss; the Google-mode, sandbox-mode and no-drafts children idle at the same time`
  const floorIs =
    'a Node process that only loads @googleapis/gmail, google-auth-library and keytar (bundled like the core), after gc'
  return [
    {
      figure: 'idle memory',
      value,
      unit: `${what}, Google mode`,
      floor: floorMiB,
      ratio: ratio(median(coreRss), median(floorRss)),
      target: `<= ${TARGET_MIB} MiB`,
      holds: value <= TARGET_MIB,
      ...summary(mib(coreRss), 1),
      details: {
        gcExposed: state.gc,
        sandboxModeMiB: summary(mib(sandboxModeRss), 1),
        coreHeapUsedMiB: summary(mib(heap), 1),
        // Medians, MiB: the core's RSS after gc at each step of its start, and V8's own figures.
        coreRssByStepMiB: medians(steps),
        coreV8MiB: medians(v8),
        coreWithoutDraftsMiB: summary(mib(noDraftsRss), 1),
        librariesOnlyMiB: summary(mib(floorRss), 1),
        bareNodeMiB: summary(mib(bareRss), 1),
        floorIs,
        how,
      },
    },
    {
      figure: 'idle memory, sandbox mode',
      value: sandboxValue,
      unit: `${what}, sandbox mode (a sandbox loaded and running in the same process, as main.ts starts it)`,
      floor: floorMiB,
      ratio: ratio(median(sandboxModeRss), median(floorRss)),
      target: 'none (shown beside the Google mode figure: the sandbox is for trying Postline out)',
      holds: true,
      ...summary(mib(sandboxModeRss), 1),
      details: {
        googleModeMiB: summary(mib(coreRss), 1),
        rssByStepMiB: medians(sandboxModeSteps),
        how: `${how}; before createCore it imports src/sandbox dynamically and starts one (idle, the core's accounts are checked with the parent's sandbox, which holds their grants)`,
      },
    },
  ]
})
