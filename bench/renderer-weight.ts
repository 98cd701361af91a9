// Renderer weight: gzip size of the JS and CSS the window loads before the composer is usable.
// Built with vite; followed from index.html (script and stylesheet tags, modulepreload links)
// through the static imports of each chunk (vite's manifest). Lazy chunks are listed apart.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildRenderer } from './lib/renderer'
import { log, run } from './lib/report'
import { round, summary } from './lib/stats'

const TARGET_KIB = 200

interface ManifestChunk {
  readonly file: string
  readonly src?: string
  readonly isEntry?: boolean
  readonly imports?: readonly string[]
  readonly dynamicImports?: readonly string[]
  readonly css?: readonly string[]
}
type Manifest = Record<string, ManifestChunk>

/** The files index.html loads itself: module scripts, stylesheets, modulepreload links. */
function htmlAssets(html: string): string[] {
  const files: string[] = []
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const text = tag[0]
    const url = /\b(?:src|href)="([^"]+)"/.exec(text)?.[1]
    if (url === undefined || /^(data:|https?:)/.test(url)) continue
    const rel = /\brel="([^"]+)"/.exec(text)?.[1]
    if (tag[1] === 'script' || rel === 'stylesheet' || rel === 'modulepreload') files.push(url)
  }
  return files.map((url) => path.posix.normalize(url.replace(/^\.\//, '')))
}

run(async () => {
  const build = await buildRenderer()
  try {
    const html = await readFile(path.join(build.dir, 'index.html'), 'utf8')
    const manifest = JSON.parse(
      await readFile(path.join(build.dir, '.vite/manifest.json'), 'utf8'),
    ) as Manifest
    const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]))

    // Everything reachable from index.html without a dynamic import.
    const eager = new Set<string>()
    const visit = (file: string) => {
      if (eager.has(file)) return
      eager.add(file)
      const key = byFile.get(file)
      const chunk = key === undefined ? undefined : manifest[key]
      for (const css of chunk?.css ?? []) eager.add(css)
      for (const imported of chunk?.imports ?? []) visit(manifest[imported]!.file)
    }
    for (const file of htmlAssets(html)) visit(file)

    // What only a dynamic import brings in, minus what is already loaded.
    const lazy = new Set<string>()
    const visitLazy = (key: string) => {
      const chunk = manifest[key]!
      for (const file of [chunk.file, ...(chunk.css ?? [])]) if (!eager.has(file)) lazy.add(file)
      for (const imported of chunk.imports ?? []) {
        if (!eager.has(manifest[imported]!.file) && !lazy.has(manifest[imported]!.file))
          visitLazy(imported)
      }
    }
    for (const chunk of Object.values(manifest))
      for (const key of chunk.dynamicImports ?? []) visitLazy(key)

    const measure = async (file: string) => {
      const bytes = await readFile(path.join(build.dir, file))
      return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
    }
    const eagerFiles = await Promise.all([...eager].sort().map(measure))
    const lazyFiles = await Promise.all([...lazy].sort().map(measure))
    const total = (files: { gzip: number }[]) => files.reduce((sum, file) => sum + file.gzip, 0)
    const kib = (bytes: number) => round(bytes / 1024, 1)
    const value = kib(total(eagerFiles))
    for (const file of eagerFiles) log(`eager ${file.file}: ${kib(file.gzip)} KiB gzip`)
    for (const file of lazyFiles) log(`lazy  ${file.file}: ${kib(file.gzip)} KiB gzip`)
    const withLazy = kib(total(eagerFiles) + total(lazyFiles))
    const details = {
      eager: eagerFiles.map((file) => ({ ...file, gzipKiB: kib(file.gzip) })),
      lazy: lazyFiles.map((file) => ({ ...file, gzipKiB: kib(file.gzip) })),
      lazyTotalKiB: kib(total(lazyFiles)),
      withLazyKiB: withLazy,
    }
    return [
      {
        figure: 'renderer weight',
        value,
        unit: "KiB gzip (level 9) of the JS + CSS index.html loads (its static graph; the body editor's chunk is counted in the next figure)",
        floor: null,
        ratio: round(value / TARGET_KIB, 3),
        target: `<= ${TARGET_KIB} KiB`,
        holds: value <= TARGET_KIB,
        ...summary([value]),
        details: {
          ...details,
          note: "ratio is value / target (no floor). The body editor (TipTap) is a chunk of its own, imported dynamically; the entry starts fetching it on its first line, so it loads in parallel with the app's code, before the composer takes typing: see 'renderer weight with the editor'.",
        },
      },
      {
        figure: 'renderer weight with the editor',
        value: withLazy,
        unit: 'KiB gzip (level 9) of all the JS + CSS the window loads before the body editor takes typing (the entry graph and the editor chunk it fetches at start)',
        floor: value,
        ratio: round(withLazy / value, 3),
        target: 'none (shown beside the entry figure: everything the window loads to be usable)',
        holds: true,
        ...summary([withLazy]),
        details: {
          ...details,
          note: 'floor is the entry graph alone; ratio is this / the entry graph',
        },
      },
    ]
  } finally {
    await build.remove()
  }
})
