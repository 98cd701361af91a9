import { fork, spawn, type ChildProcess } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { build, type Plugin } from 'esbuild'
import { zodEnglishOnly } from '../../scripts/esbuild-zod-english.mjs'
import { tempFolder } from './core-home'

const REPO_ROOT = path.resolve(__dirname, '../..')

/**
 * Bundles a child entry the way scripts/build.mjs bundles the app's main process (esbuild, CJS,
 * node20, keytar and other native modules left external), so a child starts and weighs what the
 * app's main process would, without tsx's transform in the way. The bundle lives in a temp
 * folder; NODE_PATH lets it find the external modules in the repository's node_modules.
 */
export async function bundleChild(
  entry: string,
  options: { readonly stubElectron?: boolean } = {},
): Promise<{ file: string; remove(): Promise<void> }> {
  const folder = await tempFolder('postline-bench-child-')
  const file = path.join(folder, `${path.basename(entry, '.ts')}.js`)
  const native = ['keytar', 'bufferutil', 'utf-8-validate', 'fsevents', '*.node']
  await build({
    entryPoints: [path.resolve(REPO_ROOT, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
    // With `stubElectron`, `electron` is an empty object, so that the glue files (window.ts),
    // which only touch Electron inside functions, load under plain Node as in the app.
    external: options.stubElectron ? native : ['electron', ...native],
    // As scripts/build.mjs bundles main.
    plugins: [zodEnglishOnly(REPO_ROOT), ...(options.stubElectron ? [ELECTRON_STUB] : [])],
  })
  return { file, remove: () => rm(folder, { recursive: true, force: true }) }
}

const ELECTRON_STUB: Plugin = {
  name: 'electron-stub',
  setup(plugin) {
    plugin.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'stub' }))
    plugin.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'module.exports = {}',
      loader: 'js',
    }))
  },
}

/**
 * An entry that loads, in order, every module src/main/main.ts imports at its top (values, not
 * types; Electron stubbed), then `child`: a child weighs what the app's main process loads, and a
 * module main.ts loads only on demand (the sandbox, in sandbox mode) stays out unless the child
 * imports it itself. Bundle it with `stubElectron`.
 */
export async function appEntry(child: string): Promise<{ file: string; remove(): Promise<void> }> {
  const mainFile = path.join(REPO_ROOT, 'src/main/main.ts')
  const source = await readFile(mainFile, 'utf8')
  const specifiers = [...source.matchAll(/^import\s+(?:(?!type\b)[^;']*?from\s+)?'([^']+)'/gm)]
    .map((match) => match[1]!)
    .filter((specifier) => specifier !== 'electron')
  const folder = await tempFolder('postline-bench-entry-')
  const file = path.join(folder, 'app-entry.ts')
  const lines = specifiers.map((specifier) =>
    specifier.startsWith('.')
      ? `import ${JSON.stringify(path.resolve(path.dirname(mainFile), specifier))}`
      : `import ${JSON.stringify(specifier)}`,
  )
  lines.push(`import ${JSON.stringify(path.resolve(REPO_ROOT, child))}`)
  await writeFile(file, `${lines.join('\n')}\n`)
  return { file, remove: () => rm(folder, { recursive: true, force: true }) }
}

/** The environment a bundled child needs to resolve external modules. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ...extra }
}

/** A message a child sends over IPC. */
export interface ChildMessage {
  readonly type: string
  readonly [key: string]: unknown
}

/** A forked child with a simple request/answer channel over IPC. */
export class Child {
  private readonly inbox: ChildMessage[] = []
  private readonly waiters: ((message: ChildMessage) => void)[] = []
  private exited: Error | null = null
  readonly spawnedAt = performance.now()

  constructor(readonly process: ChildProcess) {
    process.on('message', (message: ChildMessage) => {
      const waiter = this.waiters.shift()
      if (waiter) waiter(message)
      else this.inbox.push(message)
    })
    process.on('exit', (code, signal) => {
      this.exited = new Error(`child exited with ${signal ?? code}`)
      for (const waiter of this.waiters.splice(0)) waiter({ type: 'exit', code, signal })
    })
  }

  /** The next message; throws if the child exits first or sends an error. */
  async next(type?: string): Promise<ChildMessage> {
    const message =
      this.inbox.shift() ??
      (this.exited
        ? { type: 'exit' }
        : await new Promise<ChildMessage>((resolve) => this.waiters.push(resolve)))
    if (message.type === 'error') throw new Error(`child failed: ${String(message.error)}`)
    if (message.type === 'exit') throw this.exited ?? new Error('child exited')
    if (type !== undefined && message.type !== type)
      throw new Error(`expected ${type} from the child, got ${message.type}`)
    return message
  }

  send(message: ChildMessage): void {
    this.process.send(message)
  }

  /** Asks the child to finish and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()))
    // The child may exit on its own meanwhile; a failed send is then expected, not an error.
    if (this.process.connected) this.process.send({ type: 'stop' }, () => {})
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}

/** Forks a bundled child with `--expose-gc`, stderr passed through to ours. */
export function forkChild(file: string, args: string[] = [], env: Record<string, string> = {}) {
  return new Child(
    fork(file, args, {
      execArgv: ['--expose-gc'],
      env: childEnv(env),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  )
}

/**
 * Spawns the bundled start child with `config`: ms from spawn to its `ready` line, and the JSON
 * report it prints. With `killedAfterReady`, a SIGKILL after `ready` is the expected end (a crash
 * the child does to itself) and there is no report.
 */
export function startChildOnce<Report>(
  file: string,
  config: object,
  killedAfterReady = false,
): Promise<{ readyMs: number; report: Report | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--expose-gc', file, JSON.stringify(config)], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let readyMs: number | undefined
    let output = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      if (readyMs === undefined && output.includes('ready\n')) readyMs = performance.now() - started
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'))
      if (killedAfterReady && signal === 'SIGKILL' && readyMs !== undefined)
        resolve({ readyMs, report: null })
      else if (code === 0 && readyMs !== undefined && line !== undefined)
        resolve({ readyMs, report: JSON.parse(line) as Report })
      else reject(new Error(`start child ${file} exited with ${code ?? signal}`))
    })
  })
}
