// Every failure main raises for a person names its situation (`params.detail`), so the window can
// word it in the person's language: a failure with only an English sentence would show as its
// code's general advice. TypeScript checks that each named detail exists (ErrorDetail); this
// checks that none is left out.
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'

const MAIN = path.resolve(__dirname, '../../../src/main')

/**
 * Failures main raises only when its own output is broken (a message ID or date it made
 * itself): nothing a person did or can fix, so the code's advice is all there is to say.
 */
const WITHOUT_DETAIL = new Set([
  "new PostlineFailure('invalid-input', 'The message ID is not valid.')",
  "new PostlineFailure('invalid-input', 'The message date is not valid.')",
])

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/** Each `new X(…)` call in `source`, with its arguments, for the failure classes. */
function failureCalls(source: string): string[] {
  const calls: string[] = []
  const start = /new (PostlineFailure|OAuthError|KeychainUnavailableError|GmailSendError)\(/g
  for (let match = start.exec(source); match !== null; match = start.exec(source)) {
    let depth = 1
    let index = match.index + match[0].length
    while (depth > 0 && index < source.length) {
      const char = source[index]
      if (char === '(') depth += 1
      if (char === ')') depth -= 1
      index += 1
    }
    calls.push(source.slice(match.index, index))
  }
  return calls
}

test('every failure main raises names its detail for the window', async () => {
  const missing: string[] = []
  let seen = 0
  for (const file of await sourceFiles(MAIN)) {
    for (const call of failureCalls(await readFile(file, 'utf8'))) {
      seen += 1
      const oneLine = call.replace(/\s+/g, ' ')
      if (WITHOUT_DETAIL.has(oneLine)) continue
      // A detail, or params passed on from the failure it wraps (`oauth.params`, `error.params`).
      if (/\bdetail\b|\.\.\.details\b|\bparams\b/.test(call)) continue
      missing.push(`${path.relative(MAIN, file)}: ${oneLine.slice(0, 120)}`)
    }
  }
  assert.ok(seen > 60, `the scan found the failures (${seen})`)
  assert.deepEqual(missing, [])
})
