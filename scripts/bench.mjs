// Runs every benchmark in bench/*.ts, each in a fresh Node process, prints the JSON line each one
// prints, and writes them all to bench/results.json.
//
//   npm run bench                      every figure, full sizes
//   npm run bench -- --quick           (or BENCH_QUICK=1) each once with tiny sizes, for CI
//   npm run bench -- send-overhead ... only the named benchmarks
//
// Benchmarks that add accounts need a keyring: like scripts/test.sh, this re-runs itself through
// scripts/keyring-session.sh (a private D-Bus session with a temporary, unlocked gnome-keyring), so
// the person's keychain is never touched. It exits non-zero only when a benchmark crashes, never because a target does not hold.
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1'
const only = args.filter((arg) => !arg.startsWith('--'))

if (process.env.POSTLINE_KEYRING_SESSION !== '1') {
  const child = spawnSync(
    'bash',
    [
      path.join(root, 'scripts/keyring-session.sh'),
      process.execPath,
      fileURLToPath(import.meta.url),
      ...args,
    ],
    { stdio: 'inherit' },
  )
  process.exit(child.status ?? 1)
}

process.exitCode = await runAll()

async function runAll() {
  const names = readdirSync(path.join(root, 'bench'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -3))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort()
  const unknown = only.filter((name) => !names.includes(name))
  if (unknown.length > 0) {
    console.error(`no benchmark named ${unknown.join(', ')}`)
    return 2
  }
  const started = Date.now()
  const results = []
  let crashed = 0
  for (const name of names) {
    const result = await runOne(name)
    if (result.crashed) crashed++
    results.push(result.json)
    console.log(JSON.stringify(result.json))
  }
  const file = path.join(root, 'bench/results.json')
  const summary = { quick, startedAt: new Date(started).toISOString(), results }
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`)
  const held = results.filter((result) => result.holds === true).length
  console.error(
    `bench: ${results.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `${held} hold, ${results.length - held - crashed} do not, ${crashed} crashed` +
      `${quick ? ' (quick: sizes too small to judge)' : ''}; written to ${path.relative(root, file)}`,
  )
  return crashed > 0 ? 1 : 0
}

/** Runs one benchmark in a fresh Node process and takes the last JSON line of its stdout. */
function runOne(name) {
  const limitMs = quick ? 90_000 : 15 * 60_000
  console.error(`bench: ${name}${quick ? ' (quick)' : ''}`)
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', 'tsx', `bench/${name}.ts`],
      {
        cwd: root,
        env: { ...process.env, BENCH_QUICK: quick ? '1' : '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    )
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => (stdout += chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      // The benchmark and whatever it started (Chromium, child cores) are one process group.
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }, limitMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((candidate) => candidate.startsWith('{'))
      let json
      try {
        json = line === undefined ? undefined : JSON.parse(line)
      } catch {
        json = undefined
      }
      if (code === 0 && json !== undefined) {
        resolve({ crashed: false, json })
        return
      }
      const why = timedOut
        ? `timed out after ${limitMs / 1000} s`
        : `exited with ${signal ?? code}${json === undefined ? ' without a JSON line' : ''}`
      resolve({
        crashed: true,
        json: { figure: name, ...(json ?? {}), error: why, holds: false },
      })
    })
  })
}
