import { use } from 'react'
import type { BodyEditorProps } from './BodyEditor'

type Chunk = typeof import('./BodyEditor')

/** The promise as React's `use` tracks one: once settled, it is read without suspending. */
type TrackedChunk = Promise<Chunk> & {
  status?: 'pending' | 'fulfilled' | 'rejected'
  value?: Chunk
  reason?: unknown
}

let chunk: TrackedChunk | null = null

/**
 * The body editor's chunk (TipTap and ProseMirror: most of the window's code), loaded once.
 * main.tsx starts it before the app's modules run (start-editor-chunk.ts), so it is fetched and
 * compiled while they run and render; it stays a dynamic import, outside the eager weight.
 */
export function loadBodyEditor(): Promise<Chunk> {
  if (chunk === null) {
    const started: TrackedChunk = import('./BodyEditor')
    started.status = 'pending'
    // Marks the outcome the way React does, so `use` below reads a loaded chunk synchronously.
    // Handling the rejection here also keeps it from being unhandled; `use` rethrows it.
    started.then(
      (value) => {
        started.status = 'fulfilled'
        started.value = value
      },
      (reason: unknown) => {
        started.status = 'rejected'
        started.reason = reason
      },
    )
    chunk = started
  }
  return chunk
}

/**
 * The body editor, rendered in the composer's first pass when its chunk has loaded. React.lazy
 * always suspends on its first render, even for a loaded module, and React then holds the
 * revealed editor back (its fallback throttle, up to 300 ms); `use` of a settled promise does not.
 * Until the chunk is there it suspends like lazy did, into the composer's Suspense fallback.
 */
export function BodyEditor(props: BodyEditorProps) {
  const { BodyEditor: Editor } = use(loadBodyEditor())
  return <Editor {...props} />
}
