import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'

const RENDERER = path.resolve(__dirname, '../../../src/renderer')

// rolldown bundles a module that exports nothing, in a package that says "type": "commonjs", as
// CommonJS, and then wraps every module it imports in an init function compiled on the main
// thread at start (docs/ARCHITECTURE.md, "The window's start").
test('every module of the window exports something, so the bundle keeps them ES modules', async () => {
  const entries = await readdir(RENDERER, { recursive: true, withFileTypes: true })
  const modules = entries
    .filter(
      (entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'),
    )
    .map((entry) => path.join(entry.parentPath, entry.name))
  assert.ok(modules.length > 50, 'the window has its modules')
  const exportless: string[] = []
  for (const file of modules) {
    const code = await readFile(file, 'utf8')
    if (!/^export\b/m.test(code)) exportless.push(path.relative(RENDERER, file))
  }
  assert.deepEqual(exportless, [])
})
