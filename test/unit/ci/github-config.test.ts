import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Ajv from 'ajv'
import { load } from 'js-yaml'

// GitHub's workflow and Dependabot's configuration cannot run here, so they are checked here:
// the workflow against its published schema, both for what the project needs of them.

const ROOT = path.resolve(__dirname, '../../..')

async function yamlFile(relative: string): Promise<Record<string, unknown>> {
  return load(await readFile(path.join(ROOT, relative), 'utf8')) as Record<string, unknown>
}

async function workflowValidator() {
  const schemaPath = path.join(ROOT, 'test/fixtures/schemas/github-workflow.json')
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>
  // strict: false, because the schema uses keywords of editors (markdownDescription) Ajv does not know.
  return new Ajv({ strict: false, allErrors: true }).compile(schema)
}

test('the CI workflow is valid against SchemaStore’s github-workflow schema', async () => {
  const validate = await workflowValidator()
  const workflow = await yamlFile('.github/workflows/ci.yml')
  assert.ok(validate(workflow), JSON.stringify(validate.errors, null, 2))
})

test('the schema check would catch a broken workflow', async () => {
  const validate = await workflowValidator()
  const workflow = await yamlFile('.github/workflows/ci.yml')
  const jobs = workflow.jobs as Record<string, Record<string, unknown>>
  assert.equal(validate({ ...workflow, jobs: { ...jobs, checks: { steps: [] } } }), false)
  assert.equal(validate({ ...workflow, on: 'pushed' }), false)
  assert.equal(validate({ ...workflow, jobz: jobs }), false)
})

interface Step {
  readonly run?: string
  readonly if?: string
}

test('CI runs .ci/run on Linux, and the real-Electron test on Linux (xvfb), macOS and Windows', async () => {
  const workflow = await yamlFile('.github/workflows/ci.yml')
  const jobs = workflow.jobs as Record<string, Record<string, unknown>>
  const checks = jobs.checks as { 'runs-on': string; steps: Step[] }
  assert.equal(checks['runs-on'], 'ubuntu-latest')
  assert.ok(checks.steps.some((step) => step.run === 'bash .ci/run'))

  const electron = jobs['electron-app'] as {
    strategy: { matrix: { os: string[] } }
    steps: Step[]
  }
  assert.deepEqual(electron.strategy.matrix.os.sort(), [
    'macos-latest',
    'ubuntu-latest',
    'windows-latest',
  ])
  const runs = electron.steps.map((step) => step.run ?? '')
  // The Electron binary is downloaded: nothing skips it as .ci/run does.
  assert.ok(runs.some((run) => run.startsWith('npm ci')))
  assert.ok(runs.includes('node node_modules/electron/install.js'))
  assert.ok(runs.every((run) => !run.includes('ELECTRON_SKIP_BINARY_DOWNLOAD')))
  const linux = electron.steps.find(
    (step) => step.if === "runner.os == 'Linux'" && step.run?.includes('electron-app.test.ts'),
  )
  assert.match(linux?.run ?? '', /^xvfb-run .*test\/e2e\/electron-app\.test\.ts$/)
  const others = electron.steps.find((step) => step.if === "runner.os != 'Linux'")
  assert.match(others?.run ?? '', /test\/e2e\/electron-app\.test\.ts$/)
})

interface Group {
  readonly patterns: string[]
  readonly 'exclude-patterns'?: string[]
}

/** Dependabot's pattern matching: `*` is any run of characters. */
function matches(pattern: string, name: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\/@-]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`).test(name)
}

/** The group Dependabot puts a package in: the first whose patterns take it. */
function groupOf(groups: Record<string, Group>, name: string): string | undefined {
  return Object.entries(groups).find(
    ([, group]) =>
      group.patterns.some((pattern) => matches(pattern, name)) &&
      !(group['exclude-patterns'] ?? []).some((pattern) => matches(pattern, name)),
  )?.[0]
}

test('Dependabot groups Electron, keytar’s toolchain, Google’s packages and the rest, weekly', async () => {
  const config = await yamlFile('.github/dependabot.yml')
  assert.equal(config.version, 2)
  const updates = config.updates as {
    'package-ecosystem': string
    directory: string
    schedule: { interval: string }
    groups: Record<string, Group>
  }[]
  assert.deepEqual(updates.map((update) => update['package-ecosystem']).sort(), [
    'github-actions',
    'npm',
  ])
  for (const update of updates) {
    assert.equal(update.directory, '/')
    assert.equal(update.schedule.interval, 'weekly')
  }
  const npm = updates.find((update) => update['package-ecosystem'] === 'npm')!
  const expected: Record<string, string> = {
    electron: 'electron',
    'electron-builder': 'electron',
    keytar: 'keytar-toolchain',
    'node-gyp': 'keytar-toolchain',
    'google-auth-library': 'google',
    '@googleapis/gmail': 'google',
    react: 'the-rest',
    zod: 'the-rest',
  }
  for (const [name, group] of Object.entries(expected)) {
    assert.equal(groupOf(npm.groups, name), group, name)
  }
})
