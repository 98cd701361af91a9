import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ESLint } from 'eslint'

// The boundaries eslint.config.mjs draws, checked on small snippets placed at real paths.

const eslint = new ESLint()

/** The messages of `no-restricted-imports` for `code` as if it were the file at `filePath`. */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message)
}

const importsSandbox = (from: string): string =>
  `import { startSandbox } from '${from}'\nexport const start = startSandbox\n`

test('only the composition root, tests and benchmarks may import the sandbox', async () => {
  assert.deepEqual(
    await restrictedImports('src/main/main.ts', importsSandbox('../sandbox/index')),
    [],
  )
  assert.deepEqual(
    await restrictedImports('test/helpers/x.ts', importsSandbox('../../src/sandbox/index')),
    [],
  )
  assert.deepEqual(await restrictedImports('bench/x.ts', importsSandbox('../src/sandbox')), [])
  for (const [file, from] of [
    ['src/main/core.ts', '../sandbox/index'],
    ['src/main/mail/x.ts', '../../sandbox'],
    ['src/main/window.ts', '../sandbox/server'],
    ['src/preload/x.ts', '../sandbox/index'],
    ['src/shared/x.ts', '../sandbox/index'],
    ['src/renderer/x.ts', '../sandbox/index'],
  ] as const) {
    const messages = await restrictedImports(file, importsSandbox(from))
    assert.equal(messages.length, 1, `${file} importing ${from}`)
    assert.match(messages[0] as string, /Only the composition root/)
  }
})

test("the sandbox imports nothing of Postline's", async () => {
  for (const from of [
    '../main/google-endpoints',
    '../main/mail/message-builder',
    '../renderer/error-text',
    '../preload/preload',
    '../shared/message-size',
  ]) {
    const code = `import * as x from '${from}'\nexport const y = x\n`
    const messages = await restrictedImports('src/sandbox/x.ts', code)
    assert.equal(messages.length, 1, from)
    assert.match(messages[0] as string, /The sandbox imports nothing of Postline/)
  }
  const ownFacts = `import { GMAIL_SEND_SCOPE } from './google-facts'\nexport const s = GMAIL_SEND_SCOPE\n`
  assert.deepEqual(await restrictedImports('src/sandbox/x.ts', ownFacts), [])
})

test('only the keychain adapter may import keytar', async () => {
  const code = `import keytar from 'keytar'\nexport const k = keytar\n`
  assert.deepEqual(await restrictedImports('src/main/accounts/keychain.ts', code), [])
  for (const file of ['src/main/accounts/registry.ts', 'src/main/core.ts', 'src/main/main.ts']) {
    const messages = await restrictedImports(file, code)
    assert.equal(messages.length, 1, file)
    assert.match(messages[0] as string, /keychain adapter \(src\/main\/accounts\/keychain\.ts\)/)
  }
})
