// ESLint flat config. Besides the recommended rules, it enforces the boundaries described in
// docs/ARCHITECTURE.md: Electron only in the glue files, keytar only in the keychain adapter,
// nothing from Node or Electron in the renderer or the shared contract, and the sandbox (a
// stand-in for Google, not part of the client) imported only by the composition root, tests and
// benchmarks, while it imports nothing of Postline's.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import postline from './eslint-rules/postline.mjs'

/** The files that may import `electron` at run time. */
const ELECTRON_GLUE = ['src/main/main.ts', 'src/main/window.ts', 'src/preload/preload.ts']
/** The glue files that may import `ipcMain` / `ipcRenderer`. */
const IPC_GLUE = ['src/main/main.ts', 'src/preload/preload.ts']
/** The keychain adapter: the one file that may import keytar. */
const KEYTAR_FILES = ['src/main/accounts/keychain.ts']
/** The composition root: the one production file that may start the sandbox. */
const COMPOSITION_ROOT = ['src/main/main.ts']
/** Tests and benchmarks drive the sandbox too. */
const SANDBOX_DRIVERS = ['test/**', 'bench/**']
/** Google's stand-in. */
const SANDBOX_FILES = ['src/sandbox/**']
/** Main's files that build menus and dialogs a person reads. */
const MAIN_UI_FILES = [
  'src/main/main.ts',
  'src/main/window.ts',
  'src/main/menu-template.ts',
  'src/main/spellcheck-menu.ts',
  'src/main/later-quit.ts',
  'src/main/tray.ts',
]
/** Code that runs in the page, or is shared with it. */
const PAGE_FILES = ['src/renderer/**', 'src/shared/**']

const electronOnlyInGlue = {
  name: 'electron',
  allowTypeImports: true,
  message: `Import Electron at run time only in the glue files (${ELECTRON_GLUE.join(', ')}); elsewhere take it through constructors and \`import type\`.`,
}
const ipcOnlyInGlue = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: `ipcMain and ipcRenderer belong to the IPC glue only (${IPC_GLUE.join(', ')}).`,
}
const keytarOnlyInAdapter = {
  name: 'keytar',
  message: 'Only the keychain adapter (src/main/accounts/keychain.ts) may import keytar.',
}

/** Any import of the sandbox folder, from anywhere in the tree. */
const sandboxOnlyInRoot = {
  regex: '(^|/)sandbox(/|$)',
  message: `Only the composition root (${COMPOSITION_ROOT.join(', ')}), tests and benchmarks may import src/sandbox: it stands in for Google and is not part of the client.`,
}
/** What the sandbox may not import: Postline's own code, and the app's copy of Google's facts. */
const sandboxStandsAlone = {
  regex: '^(\\.\\./)+(src/)?((main|renderer|preload)(/|$)|shared/message-size$)',
  message:
    "The sandbox imports nothing of Postline (src/main, src/renderer, src/preload, nor the app's Google limits); its Google facts live in src/sandbox/google-facts.ts.",
}

/**
 * `@typescript-eslint/no-restricted-imports` with the given paths and patterns. Unless `sandbox`
 * is false, importing the sandbox is refused too (a later block replaces an earlier one's list).
 */
const restrict = (paths, patterns = [], { sandbox = true } = {}) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { paths, patterns: sandbox ? [...patterns, sandboxOnlyInRoot] : patterns },
  ],
})

export default defineConfig(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-artifacts/', 'bench/results.json'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      ...restrict([electronOnlyInGlue, keytarOnlyInAdapter]),
    },
  },
  {
    files: KEYTAR_FILES,
    rules: restrict([electronOnlyInGlue]),
  },
  {
    files: ELECTRON_GLUE,
    rules: restrict([ipcOnlyInGlue, keytarOnlyInAdapter]),
  },
  {
    files: IPC_GLUE,
    rules: restrict([keytarOnlyInAdapter]),
  },
  {
    files: COMPOSITION_ROOT,
    rules: restrict([keytarOnlyInAdapter], [], { sandbox: false }),
  },
  {
    files: SANDBOX_DRIVERS,
    rules: restrict([electronOnlyInGlue, keytarOnlyInAdapter], [], { sandbox: false }),
  },
  {
    files: SANDBOX_FILES,
    rules: restrict([electronOnlyInGlue, keytarOnlyInAdapter], [sandboxStandsAlone], {
      sandbox: false,
    }),
  },
  {
    files: PAGE_FILES,
    languageOptions: { globals: globals.browser },
    rules: restrict(
      [
        { name: 'electron', message: 'The page reaches main only through window.postline.' },
        { name: 'keytar', message: 'Secrets stay in main.' },
        ...builtinModules.map((name) => ({
          name,
          message: 'The page is sandboxed Chromium: no Node built-ins.',
        })),
      ],
      [{ group: ['node:*'], message: 'The page is sandboxed Chromium: no Node built-ins.' }],
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  // Every word a person sees comes from the catalogs (src/locales/): no literal text in the
  // window's JSX, nor in main's menus and dialogs (eslint-rules/postline.mjs).
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { postline },
    rules: { 'postline/no-literal-ui-text': ['error', { jsx: true }] },
  },
  {
    files: MAIN_UI_FILES,
    plugins: { postline },
    rules: { 'postline/no-literal-ui-text': ['error', { jsx: false, electron: true }] },
  },
)
