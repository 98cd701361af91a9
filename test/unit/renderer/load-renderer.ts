import path from 'node:path'

const RENDERER = path.resolve(__dirname, '../../../src/renderer')

/**
 * Imports a module of the window's code by path at run time. The Node tsconfig that checks
 * the tests may not include `src/renderer` (it is a composite project with a DOM-free lib), so
 * a static import would fail type-checking (TS6307); each test declares the little it uses.
 */
export async function loadRenderer<T>(relative: string): Promise<T> {
  return (await import(path.join(RENDERER, relative))) as T
}
