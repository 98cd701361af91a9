// `npm start`: builds, then runs the app in Electron. Arguments after `--` (e.g. `--sandbox`)
// are passed to the app.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const isWindows = process.platform === 'win32'

const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: isWindows })
if (built.status !== 0) process.exit(built.status ?? 1)

const electronPath = findElectron()
if (electronPath === null) {
  console.error(
    'The Electron binary is not on this machine and could not be downloaded (Electron fetches ' +
      'it on first start, not during `npm install`): on a desktop with internet access, run ' +
      '`npx install-electron`, or `npm start` again.',
  )
  console.error(
    'Meanwhile, `npm test` shows the UI against the sandbox: its e2e suite runs the built ' +
      'renderer in headless Chromium and keeps screenshots in test-artifacts/.',
  )
  process.exit(1)
}

const env = { ...process.env }
delete env.ELECTRON_RUN_AS_NODE
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))

/** The Electron executable the `electron` package points to, or null when it cannot be downloaded. */
function findElectron() {
  const require = createRequire(path.join(root, 'package.json'))
  // Electron 45 (unlike 38) downloads its binary the first time `require('electron')` runs, printing
  // a stack trace when it cannot; its installer does the same quietly, and nothing once it is there.
  const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'ignore'],
  })
  if (install.status !== 0) return null
  try {
    const candidate = require('electron')
    return typeof candidate === 'string' && existsSync(candidate) ? candidate : null
  } catch {
    return null
  }
}
