import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { tempDir } from '../../helpers/temp-dir'

const ROOT = path.resolve(__dirname, '../../..')

/** The part of electronegativity's JS API (its `runner.js`) this test uses. */
interface ElectronegativityIssue {
  readonly id: string
  readonly file: string
  readonly sample?: string
  readonly description: string
  readonly location: { readonly line: number; readonly column: number }
  readonly severity: { readonly name: string }
  readonly confidence: { readonly name: string }
}
type RunElectronegativity = (options: {
  input: string
  isRelative: boolean
  electronVersionOverride: string
  customScan: string[]
  excludeFromScan: string[]
}) => Promise<{
  readonly issues: ElectronegativityIssue[]
  readonly errors: {
    readonly file: string
    readonly message: string
    readonly tolerable: boolean
  }[]
}>

/** One finding, flattened for printing and comparing. */
interface Finding {
  readonly id: string
  readonly severity: string
  readonly confidence: string
  readonly file: string
  readonly line: number
  readonly sample: string
  readonly description: string
}

/**
 * Global checks left out, and why. Inline exceptions live next to the code, as
 * `// eng-disable CHECK_ID` comments with their reason (src/main/window.ts).
 */
const EXCLUDED_CHECKS = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason:
      'downloads Electron’s release list from GitHub (offline here); electron-version.test.ts fails instead once the pinned Electron is older than the three supported majors (electron-support.ts)',
  },
  {
    check: 'CSPGlobalCheck',
    reason:
      'recognises a CSP only as a string literal in an onHeadersReceived callback or an HTML meta tag; Postline sends CONTENT_SECURITY_POLICY (window-options.ts) as a header from its app:// protocol handler (window.ts), and test/unit/main/window.test.ts pins its directives',
  },
] as const

/** Findings reviewed and accepted in files whose code is not Electron glue. */
const REVIEWED: readonly (Pick<Finding, 'id' | 'file' | 'sample'> & { reason: string })[] = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/auth/sign-in-flow.ts',
    sample: 'await request.openExternal(url)',
    reason:
      'calls the injected openExternal, which main.ts wires to openInBrowser (window.ts): only the href external-url.ts allowed (https, plain mailto, the sandbox’s http origin) reaches shell.openExternal',
  },
]

const electronVersion = async (): Promise<string> =>
  (
    JSON.parse(await readFile(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string
    }
  ).version

/** Runs electronegativity's checks over `input` (a folder) and answers every finding. */
async function scan(input: string): Promise<Finding[]> {
  const run = createRequire(__filename)('@doyensec/electronegativity') as RunElectronegativity
  const result = await run({
    input,
    isRelative: true,
    // Without it the tool assumes Electron 0.1 and its defaults (nodeIntegration on, …).
    electronVersionOverride: await electronVersion(),
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS.map((excluded) => excluded.check.toLowerCase()),
  })
  const unparsed = result.errors.filter((error) => !error.tolerable)
  assert.deepEqual(unparsed, [], 'electronegativity parsed every file it was given')
  return result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location.line,
    sample: issue.sample ?? '',
    description: issue.description,
  }))
}

/**
 * Checks whose informational findings fail too: electronegativity rates only a missing
 * `nodeIntegration` (with an old Electron's default) as high, and an explicit
 * `nodeIntegration: true` as informational, yet either is a page with Node.
 */
const BLOCKING_AT_ANY_SEVERITY = new Set(['NODE_INTEGRATION_JS_CHECK'])

/** The findings that fail the build: anything above informational that nobody reviewed. */
function blocking(findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (finding) =>
      (finding.severity !== 'INFORMATIONAL' || BLOCKING_AT_ANY_SEVERITY.has(finding.id)) &&
      !REVIEWED.some(matches(finding)),
  )
}

function matches(finding: Finding) {
  return (reviewed: Pick<Finding, 'id' | 'file' | 'sample'>): boolean =>
    reviewed.id === finding.id &&
    reviewed.file === finding.file &&
    reviewed.sample === finding.sample
}

function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.id} (${f.severity}, ${f.confidence}) ${f.file}:${f.line}: ${f.description}\n    ${f.sample}`,
    )
    .join('\n')
}

test('electronegativity finds nothing above informational in main and the preload', async (t) => {
  // One scan over both folders, so its global checks (navigation limits, permission handler)
  // see the whole main-process side, as the app has it.
  const input = await tempDir(t, 'postline-electronegativity-')
  await cp(path.join(ROOT, 'src/main'), path.join(input, 'main'), { recursive: true })
  await cp(path.join(ROOT, 'src/preload'), path.join(input, 'preload'), { recursive: true })

  const findings = await scan(input)
  const found = blocking(findings)
  assert.equal(found.length, 0, `electronegativity findings:\n${describeFindings(found)}`)
  const stale = REVIEWED.filter(
    (reviewed) => !findings.some((finding) => matches(finding)(reviewed)),
  )
  assert.deepEqual(stale, [], 'every reviewed finding still exists (remove the ones that do not)')
})

test('the scan catches a window with Node integration in its page', async (t) => {
  const input = await tempDir(t, 'postline-electronegativity-fixture-')
  await writeFile(
    path.join(input, 'main.js'),
    [
      "const { BrowserWindow } = require('electron')",
      'const window = new BrowserWindow({',
      '  webPreferences: { nodeIntegration: true },',
      '})',
      "window.loadURL('https://example.com/')",
      '',
    ].join('\n'),
  )
  const found = blocking(await scan(input))
  const nodeIntegration = found.find((finding) => finding.id === 'NODE_INTEGRATION_JS_CHECK')
  assert.ok(nodeIntegration, `NODE_INTEGRATION_JS_CHECK among:\n${describeFindings(found)}`)
  assert.deepEqual([nodeIntegration.file, nodeIntegration.line], ['main.js', 3])
  assert.match(describeFindings(found), /NODE_INTEGRATION_JS_CHECK \(\w+, \w+\) main\.js:3: /)
  assert.ok(
    found.some((finding) => finding.severity === 'HIGH'),
    'the insecure window also has findings above informational',
  )
})
