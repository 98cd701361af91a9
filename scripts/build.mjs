// Builds the app into dist/: the main process and the preload with esbuild, the renderer with Vite.
// `npm run build` type-checks first; this script only bundles.
import { rm, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as esbuild } from 'esbuild'
import { build as viteBuild } from 'vite'
import { zodEnglishOnly } from './esbuild-zod-english.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const at = (...parts) => path.join(root, ...parts)

// Loaded at run time, not bundled: Electron itself, and modules with compiled `.node` parts
// (keytar, plus the optional native speed-ups some dependencies try to require).
const NATIVE_MODULES = ['keytar', 'bufferutil', 'utf-8-validate', 'fsevents', '*.node']

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
}

await rm(at('dist/main'), { recursive: true, force: true })
await rm(at('dist/preload'), { recursive: true, force: true })

await esbuild({
  ...common,
  entryPoints: [at('src/main/main.ts')],
  outfile: at('dist/main/main.js'),
  external: ['electron', ...NATIVE_MODULES],
  plugins: [zodEnglishOnly(root)],
})

// A sandboxed preload may require only `electron` (and a few polyfilled modules), so everything
// else is bundled into it.
await esbuild({
  ...common,
  entryPoints: [at('src/preload/preload.ts')],
  outfile: at('dist/preload/preload.js'),
  external: ['electron'],
})
const preload = await readFile(at('dist/preload/preload.js'), 'utf8')
const requires = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1])
const foreign = requires.filter((name) => name !== 'electron')
if (foreign.length > 0) {
  console.error(`The preload must not require ${foreign.join(', ')}: a sandboxed preload cannot.`)
  process.exit(1)
}

await viteBuild({ configFile: at('vite.config.mts'), root: at('src/renderer'), logLevel: 'warn' })

console.log('built dist/main, dist/preload and dist/renderer')
