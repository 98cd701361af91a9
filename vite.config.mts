import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The body editor is a lazy chunk (the composer's fields do not wait for it), but the composer
 * is not ready until it runs: a `modulepreload` in index.html has the browser fetch and compile
 * it, and the chunks it imports, while the app's own script loads, instead of after the app
 * has rendered (issue 14: 150-250 ms of the composer-ready figure). It is not run before the
 * app asks for it.
 */
function preloadEditorChunk(): Plugin {
  return {
    name: 'postline:preload-editor-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle
        if (bundle === undefined) return []
        const editor = Object.values(bundle).find(
          (output) =>
            output.type === 'chunk' &&
            output.isDynamicEntry &&
            output.facadeModuleId?.endsWith('/components/BodyEditor.tsx') === true,
        )
        if (editor === undefined || editor.type !== 'chunk') {
          throw new Error('vite.config: no BodyEditor chunk to preload')
        }
        // Its imports other than the entry (which index.html loads already).
        const shared = editor.imports.filter((file) => {
          const chunk = bundle[file]
          return !(chunk?.type === 'chunk' && chunk.isEntry)
        })
        const files = [editor.fileName, ...shared]
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react(), preloadEditorChunk()],
  build: { outDir: '../../dist/renderer', emptyOutDir: true, sourcemap: true },
})
