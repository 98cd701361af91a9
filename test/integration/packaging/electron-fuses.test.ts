import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import path from 'node:path'
import { FUSE_NAMES, POSTLINE_FUSES, configKey } from './fuses'

const ROOT = path.resolve(__dirname, '../../..')

/** electron-builder's own config loader and schema check (app-builder-lib, as its CLI uses them). */
interface ConfigApi {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>
  validateConfiguration(config: Config, logger: unknown): Promise<void>
}
interface Config {
  readonly electronFuses?: Record<string, unknown> | null
  readonly [key: string]: unknown
}

const fromBuilder = createRequire(require.resolve('electron-builder'))
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config',
) as ConfigApi
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (on: boolean) => unknown }

const load = (): Promise<Config> => getConfig(ROOT, null, null)

test('electron-builder.yml sets every fuse electron-builder knows, as Postline needs them', async () => {
  const config = await load()
  await validateConfiguration(config, new DebugLogger(false))
  const expected = Object.fromEntries(
    FUSE_NAMES.map((name) => [configKey(name), POSTLINE_FUSES[name]]),
  )
  assert.deepEqual(config.electronFuses, expected)
  assert.deepEqual(
    Object.entries(POSTLINE_FUSES)
      .filter(([, on]) => on)
      .map(([name]) => name)
      .sort(),
    ['EnableCookieEncryption', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar'],
  )
})

test('electron-builder rejects a misspelt fuse, so the check above reads what the builder reads', async () => {
  const config = await load()
  const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }
  await assert.rejects(validateConfiguration(misspelt, new DebugLogger(false)), /electronFuses/)
})
