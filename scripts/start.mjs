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
    'The Electron binary is not installed on this machine (node_modules/electron was installed ' +
      'with ELECTRON_SKIP_BINARY_DOWNLOAD): on a desktop with internet access, run ' +
      '`node node_modules/electron/install.js` (or `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD), ' +
      'then `npm start` again.',
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

/** The Electron executable the `electron` package points to, or null when it was never downloaded. */
function findElectron() {
  try {
    const candidate = createRequire(path.join(root, 'package.json'))('electron')
    return typeof candidate === 'string' && existsSync(candidate) ? candidate : null
  } catch {
    return null
  }
}
