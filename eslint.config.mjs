// ESLint flat config. Besides the recommended rules, it enforces the process boundaries of
// DESIGN.md: Electron only in the glue files, keytar only in the keychain adapter, and nothing
// from Node or Electron in the renderer or the shared contract.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** The files that may import `electron` at run time. */
const ELECTRON_GLUE = ['src/main/main.ts', 'src/main/window.ts', 'src/preload/preload.ts']
/** The glue files that may import `ipcMain` / `ipcRenderer`. */
const IPC_GLUE = ['src/main/main.ts', 'src/preload/preload.ts']
/** Where the keychain adapter lives. */
const KEYTAR_FILES = ['src/main/accounts/**']
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

/** `@typescript-eslint/no-restricted-imports` with the given paths and patterns. */
const restrict = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
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
)
