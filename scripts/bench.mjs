// Runs every benchmark in bench/*.ts, each in a fresh Node process, prints every figure each one
// prints (one JSON line each), a table of them all, and writes them to bench/results.json. Growth
// tables and plots go to bench/results/ (written by the benchmarks themselves).
//
//   npm run bench                      every figure, full sizes
//   npm run bench -- --quick           (or BENCH_QUICK=1) each once with tiny sizes, for CI
//   npm run bench -- send-overhead ... only the named benchmarks
//
// Benchmarks that add accounts need a keyring: like scripts/test.sh, this re-runs itself through
// scripts/keyring-session.sh (a private D-Bus session with a temporary, unlocked gnome-keyring), so
// the person's keychain is never touched. It exits non-zero only when a benchmark crashes, never because a target does not hold.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
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

const loadBefore = loadavg().map((value) => Math.round(value * 100) / 100)
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
  const renderer = await sharedRenderer(names)
  try {
    for (const name of names) {
      const result = await runOne(name, renderer.env)
      if (result.crashed) crashed++
      for (const json of result.figures) {
        results.push(json)
        console.log(JSON.stringify(json))
      }
    }
  } finally {
    renderer.remove()
  }
  const file = path.join(root, 'bench/results.json')
  const summary = {
    quick,
    startedAt: new Date(started).toISOString(),
    load: { before: loadBefore, after: loadavg().map((value) => Math.round(value * 100) / 100) },
    results,
  }
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`)
  printTable(results)
  const held = results.filter((result) => result.holds === true).length
  console.error(
    `bench: ${results.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `${held} hold, ${results.length - held - crashed} do not, ${crashed} crashed` +
      `${quick ? ' (quick: sizes too small to judge)' : ''}; load average (1, 5, 15 min) ` +
      `before ${loadBefore.join(', ')}, after ${summary.load.after.join(', ')}; ` +
      `written to ${path.relative(root, file)}`,
  )
  return crashed > 0 ? 1 : 0
}

/**
 * Benchmarks that open the window share one build of the renderer (vite, into a temp folder):
 * bench/lib/renderer.ts uses BENCH_RENDERER_DIR when it is set instead of building again.
 */
async function sharedRenderer(names) {
  const needs = names.some((name) =>
    readFileSync(path.join(root, 'bench', `${name}.ts`), 'utf8').includes("'./lib/renderer'"),
  )
  if (!needs || process.env.BENCH_RENDERER_DIR) return { env: {}, remove() {} }
  const dir = mkdtempSync(path.join(tmpdir(), 'postline-bench-renderer-'))
  console.error('bench: building the renderer once for every benchmark that opens the window')
  const build = spawnSync(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir', '--manifest'],
    { cwd: root, stdio: 'inherit' },
  )
  if (build.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return { env: {}, remove() {} }
  }
  return {
    env: { BENCH_RENDERER_DIR: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Every figure on one line each: value, floor, ratio, target and whether it holds. */
function printTable(results) {
  const cell = (value) =>
    value === null || value === undefined ? '-' : typeof value === 'number' ? String(value) : value
  const rows = results.map((result) => [
    result.holds === true ? 'holds' : result.error ? 'CRASH' : 'MISSES',
    result.figure,
    cell(result.value),
    cell(result.floor),
    cell(result.ratio),
    result.error ?? result.target ?? '',
  ])
  const header = ['', 'figure', 'value', 'floor', 'ratio', 'target']
  const widths = header.map((name, i) =>
    Math.min(48, Math.max(name.length, ...rows.map((row) => String(row[i]).length))),
  )
  const line = (row) =>
    row
      .map((value, i) => (i === row.length - 1 ? String(value) : String(value).padEnd(widths[i])))
      .join('  ')
  console.error(['', line(header), ...rows.map(line), ''].join('\n'))
}

/**
 * Runs one benchmark in a fresh Node process and takes every figure it prints (one JSON line
 * each, with a `figure` name) from its stdout.
 */
function runOne(name, extraEnv) {
  const limitMs = quick ? 90_000 : 30 * 60_000
  console.error(`bench: ${name}${quick ? ' (quick)' : ''}`)
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--import', 'tsx', `bench/${name}.ts`],
      {
        cwd: root,
        env: { ...process.env, ...extraEnv, BENCH_QUICK: quick ? '1' : '0' },
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
      const figures = stdout
        .trim()
        .split('\n')
        .filter((candidate) => candidate.startsWith('{'))
        .flatMap((line) => {
          try {
            const json = JSON.parse(line)
            return typeof json.figure === 'string' ? [json] : []
          } catch {
            return []
          }
        })
      if (code === 0 && figures.length > 0) {
        resolve({ crashed: false, figures })
        return
      }
      const why = timedOut
        ? `timed out after ${limitMs / 1000} s`
        : `exited with ${signal ?? code}${figures.length === 0 ? ' without a JSON line' : ''}`
      resolve({
        crashed: true,
        figures: [...figures, { figure: name, error: why, holds: false }],
      })
    })
  })
}
