import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { access, chmod, constants, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { extractFile, listPackage, statFile } from '@electron/asar'
import { getCurrentFuseWire } from '@electron/fuses'
import { tempDir } from '../../helpers/temp-dir'
import {
  ELECTRON_DEFAULT_WIRE,
  FUSE_NAMES,
  OFF,
  ON,
  POSTLINE_FUSES,
  SENTINEL,
  WASM_TRAP_HANDLERS,
  fuseIndex,
} from './fuses'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../../..')
const EXECUTABLE = 'postline'
/**
 * A shell script that carries Electron's fuse wire (sentinel, version, length, nine fuses at
 * Electron's defaults) in a comment, so electron-builder's fuse step finds it as in the real binary.
 */
const STAND_IN = Buffer.concat([
  Buffer.from('#!/bin/sh\necho "a stand-in for the Electron binary"\n# '),
  ELECTRON_DEFAULT_WIRE,
  Buffer.from('\n'),
])

interface PackageJson {
  readonly main: string
  readonly dependencies: Record<string, string>
  readonly devDependencies: Record<string, string>
}

/**
 * An unpacked Electron as electron-builder's `electronDist` accepts it: a folder holding the
 * `electron` executable, which electron-builder copies and renames to the app's executable name.
 * It needs nothing else (no resources/, locales/ or version file) for a Linux `dir` target.
 */
async function electronStandIn(folder: string): Promise<string> {
  const dist = path.join(folder, 'electron-dist')
  await mkdir(dist)
  await writeFile(path.join(dist, 'electron'), STAND_IN)
  await chmod(path.join(dist, 'electron'), 0o755)
  return dist
}

/**
 * `npm run build`'s bundling step, then `electron-builder --linux dir` with electron-builder.yml
 * and three overrides: the stand-in Electron, no native rebuild (it downloads Electron's headers)
 * and a temporary output folder. Answers the unpacked app's folder.
 */
async function pack(folder: string): Promise<string> {
  await run(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT })
  const output = path.join(folder, 'release')
  await run(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      '--projectDir',
      ROOT,
      `-c.electronDist=${await electronStandIn(folder)}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
  )
  const unpacked = (await readdir(output)).filter((name) => name.endsWith('-unpacked'))
  assert.equal(unpacked.length, 1, `one unpacked app in ${output}`)
  return path.join(output, unpacked[0]!)
}

test(
  'electron-builder packs only the built app and keytar (its native module outside the asar) and flips the fuses',
  { timeout: 120_000 },
  async (t) => {
    const appDir = await pack(await tempDir(t, 'postline-packaging-'))
    const packageJson = JSON.parse(
      await readFile(path.join(ROOT, 'package.json'), 'utf8'),
    ) as PackageJson

    const executable = path.join(appDir, EXECUTABLE)
    await access(executable, constants.X_OK)
    const packedExecutable = await readFile(executable)
    const wireAt = STAND_IN.indexOf(SENTINEL) + SENTINEL.length + 2
    assert.deepEqual(
      [packedExecutable.subarray(0, wireAt), packedExecutable.subarray(wireAt + 9)],
      [STAND_IN.subarray(0, wireAt), STAND_IN.subarray(wireAt + 9)],
      'the executable is Electron renamed, changed only in its fuses',
    )

    // electron-builder flipped the fuses from electron-builder.yml in the packed executable.
    const wire = await getCurrentFuseWire(executable)
    assert.equal(wire.version, '1')
    const states = Object.fromEntries(
      FUSE_NAMES.map((name) => [name, (wire as Record<number, number>)[fuseIndex(name)]]),
    )
    assert.deepEqual(
      states,
      Object.fromEntries(FUSE_NAMES.map((name) => [name, POSTLINE_FUSES[name] ? ON : OFF])),
    )
    assert.equal(
      (wire as Record<number, number>)[WASM_TRAP_HANDLERS],
      ON,
      'the fuse @electron/fuses 1.8 cannot name keeps Electron’s default',
    )

    const asar = path.join(appDir, 'resources', 'app.asar')
    const entries = listPackage(asar, { isPack: false }).map((entry) =>
      entry.split(path.sep).join('/').replace(/^\//, ''),
    )
    const has = (entry: string): boolean => entries.includes(entry)

    assert.deepEqual(
      [...new Set(entries.map((entry) => entry.split('/')[0]))].sort(),
      ['dist', 'node_modules', 'package.json'],
      'nothing from src/, test/, bench/, scripts/ or assets/',
    )
    assert.deepEqual(
      [...new Set(entries.filter((e) => e.startsWith('dist/')).map((e) => e.split('/')[1]))].sort(),
      ['main', 'preload', 'renderer'],
      'no type declarations from dist/.types',
    )
    for (const file of [
      'dist/main/main.js',
      'dist/preload/preload.js',
      'dist/renderer/index.html',
      'package.json',
      'node_modules/keytar/package.json',
      'node_modules/keytar/lib/keytar.js',
    ]) {
      assert.ok(has(file), `${file} is packed`)
    }
    assert.ok(
      entries.some((e) => /^dist\/renderer\/assets\/[^/]+\.js$/.test(e)),
      'renderer script',
    )
    assert.ok(
      entries.some((e) => /^dist\/renderer\/assets\/[^/]+\.css$/.test(e)),
      'renderer CSS',
    )
    assert.deepEqual(
      entries.filter((entry) => /\.(ts|tsx|mts|cts|map)$/.test(entry)),
      [],
      'no TypeScript sources, declarations or source maps',
    )

    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as PackageJson
    assert.equal(packed.main, 'dist/main/main.js')
    assert.deepEqual(
      extractFile(asar, 'dist/main/main.js'),
      await readFile(path.join(ROOT, 'dist/main/main.js')),
      'the freshly built main process',
    )

    // Every package anywhere in the archive, nested node_modules included.
    const modules = new Set(
      entries.flatMap((entry) =>
        [...entry.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]!),
      ),
    )
    for (const name of Object.keys(packageJson.dependencies)) {
      assert.ok(modules.has(name), `dependency ${name} is packed`)
    }
    const devDependencies = Object.keys(packageJson.devDependencies).filter((name) =>
      modules.has(name),
    )
    assert.deepEqual(devDependencies, [], 'no devDependency is packed: the bundles hold them')

    const keytarNode = 'node_modules/keytar/build/Release/keytar.node'
    assert.equal(statFile(asar, keytarNode).unpacked, true, 'keytar.node is marked unpacked')
    await access(path.join(appDir, 'resources', 'app.asar.unpacked', keytarNode))
  },
)
