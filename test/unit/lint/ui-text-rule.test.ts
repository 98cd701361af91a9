import assert from 'node:assert/strict'
import { test } from 'node:test'
import path from 'node:path'
import { ESLint, Linter } from 'eslint'
import tseslint from 'typescript-eslint'
// @ts-expect-error: a plain ES module without types
import postline from '../../../eslint-rules/postline.mjs'

const linter = new Linter({ configType: 'flat' })
const ROOT = path.resolve(__dirname, '../../..')

function problems(code: string, options: { jsx?: boolean; electron?: boolean }): number[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.tsx'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { postline },
        rules: { 'postline/no-literal-ui-text': ['error', options] },
      },
    ],
    'x.tsx',
  )
  for (const message of messages) assert.equal(message.ruleId, 'postline/no-literal-ui-text')
  return messages.map((message) => message.line)
}

test('literal words in JSX text and visible attributes are refused', () => {
  const code = [
    'const a = <p>Send now</p>',
    'const b = <button aria-label="Remove">×</button>',
    'const c = <input placeholder={"Search drafts"} />',
    'const d = <img alt={`Photo`} />',
    'const e = <p>{"Waiting"}</p>',
    'const f = <p title={busy ? "Busy" : t("x")}>{t("y")}</p>',
  ].join('\n')
  assert.deepEqual(problems(code, {}), [1, 2, 3, 4, 5, 6])
})

test('keys, names, symbols and non-visible attributes pass', () => {
  const code = [
    'const a = <p>{t("composer.send")}</p>',
    'const b = <button aria-label={t("x")}>×</button>',
    'const c = <span className="chip" data-testid="To" role="list">Postline</span>',
    'const d = <p> · {count} </p>',
    'const e = <input type="email" autoComplete="off" />',
  ].join('\n')
  assert.deepEqual(problems(code, {}), [])
})

test("main's menu items and dialog options must not hold literal words", () => {
  const code = [
    'const menu = [{ label: "Open log folder", role: "help" }]',
    'const box = { type: "info", message: `Postline could not open ${x}.`, detail: t("y") }',
    'const ask = { buttons: ["Send", t("no")], title: "Postline" }',
  ].join('\n')
  assert.deepEqual(problems(code, { jsx: false, electron: true }), [1, 2, 3])
  assert.deepEqual(problems(code, { jsx: true, electron: false }), [])
})

test("the config holds main's menu, tray and dialog files to the rule: a literal label is refused", async () => {
  const eslint = new ESLint({ cwd: ROOT })
  for (const file of [
    'src/main/main.ts',
    'src/main/window.ts',
    'src/main/menu-template.ts',
    'src/main/spellcheck-menu.ts',
    'src/main/later-quit.ts',
    'src/main/tray.ts',
  ]) {
    const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as {
      rules: Record<string, unknown>
    }
    assert.deepEqual(
      config.rules['postline/no-literal-ui-text'],
      [2, { jsx: false, electron: true }],
      file,
    )
  }
  // Linted as if it were tray.ts's text: the literal label is refused, the translated one passes.
  const [result] = await eslint.lintText(
    [
      'export const menu = [',
      "  { label: 'Open Postline', click: () => undefined },",
      '  { label: words.quit, click: () => undefined },',
      ']',
      'declare const words: { quit: string }',
      '',
    ].join('\n'),
    { filePath: path.join(ROOT, 'src/main/tray.ts') },
  )
  const refused = result!.messages.filter((m) => m.ruleId === 'postline/no-literal-ui-text')
  assert.deepEqual(
    refused.map((m) => m.line),
    [2],
  )
})
