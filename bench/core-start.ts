// Core start: wall time from spawn to "ready" of a fresh Node process that builds the core on an
// empty data folder and answers `accounts.list`, against a process that only loads
// @googleapis/gmail, google-auth-library and keytar. Both are bundled as the app is.
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { bundleChild, childEnv } from './lib/child'
import { log, run, timedRuns } from './lib/report'
import { median, ratio, round, summary } from './lib/stats'
import { tempFolder } from './lib/world'

const RUNS = timedRuns(15)
const TARGET = 1.5

/** Where the core child says its time went (ms since its process started). */
const phases: { loadedMs: number; coreBuiltMs: number }[] = []

/** Milliseconds from spawn to the child's "ready" line. */
function timeToReady(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let ready: number | undefined
    let output = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      if (ready === undefined && output.includes('ready\n')) ready = performance.now() - started
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const phase = output.split('\n').find((line) => line.startsWith('{"loadedMs"'))
      if (phase !== undefined) phases.push(JSON.parse(phase) as (typeof phases)[number])
      if (code === 0 && ready !== undefined) resolve(ready)
      else reject(new Error(`${args.join(' ')} exited with ${code} before "ready"`))
    })
  })
}

function installed(name: string): boolean {
  try {
    require.resolve(name)
    return true
  } catch {
    return false
  }
}

run(async () => {
  const core = await bundleChild('bench/children/core-start.ts')
  const floor = await bundleChild('bench/children/imports-floor.ts')
  const coreMs: number[] = []
  const floorMs: number[] = []
  try {
    // One unmeasured run of each warms the page cache, as a second launch of the app would be.
    await timeToReady([floor.file])
    const warmDir = await tempFolder()
    await timeToReady([core.file, warmDir])
    await rm(warmDir, { recursive: true, force: true })
    phases.length = 0
    for (let i = 0; i < RUNS; i++) {
      floorMs.push(await timeToReady([floor.file]))
      const dataDir = await tempFolder()
      coreMs.push(await timeToReady([core.file, dataDir]))
      await rm(dataDir, { recursive: true, force: true })
    }
  } finally {
    await core.remove()
    await floor.remove()
  }

  let googleapis: unknown = 'not installed (the 242 MB `googleapis` package was not installed)'
  if (installed('googleapis')) {
    const runs: number[] = []
    const script = "require('googleapis');process.stdout.write('ready\\n')"
    for (let i = 0; i < RUNS; i++) runs.push(await timeToReady(['-e', script]))
    googleapis = { ...summary(runs, 1), ratioToFloor: ratio(median(runs), median(floorMs)) }
  }

  const value = ratio(median(coreMs), median(floorMs))!
  log(`core ${round(median(coreMs), 1)} ms, floor ${round(median(floorMs), 1)} ms`)
  return {
    figure: 'core start',
    value,
    unit: 'ratio (median wall time spawn→ready, core / floor)',
    floor: round(median(floorMs), 1),
    ratio: value,
    target: `median ratio <= ${TARGET}`,
    holds: value <= TARGET,
    ...summary(coreMs, 1),
    details: {
      coreMs: summary(coreMs, 1),
      floorMs: summary(floorMs, 1),
      overheadMs: round(median(coreMs) - median(floorMs), 1),
      coreChildPhasesMs: {
        modulesEvaluated: round(median(phases.map((phase) => phase.loadedMs)), 1),
        createCoreAndAccountsList: round(median(phases.map((phase) => phase.coreBuiltMs)), 1),
      },
      how: 'esbuild bundles like scripts/build.mjs (keytar external), `node <bundle>`, one unmeasured warm-up each',
      floorLoads: ['@googleapis/gmail', 'google-auth-library', 'keytar'],
      googleapis,
    },
  }
})
