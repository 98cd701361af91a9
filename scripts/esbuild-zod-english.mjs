// An esbuild plugin for main's bundle: zod ships its error messages in some fifty languages and
// its `locales` namespace keeps them all in the bundle (about 360 KiB that main compiles at every
// start). Postline words its errors itself (src/locales), and zod's own English is only ever
// logged, so the bundle keeps zod's English messages and nothing else.
import path from 'node:path'

/** @param {string} root the repository's root, where node_modules is */
export function zodEnglishOnly(root) {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
        args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
          ? { path: 'zod-locales', namespace: 'zod-english-only' }
          : undefined,
      )
      build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
        contents: `export { default as en } from 'zod/v4/locales/en.js'`,
        resolveDir: root,
      }))
    },
  }
}
