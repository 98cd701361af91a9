import { useEffect, useState, type ReactNode } from 'react'
import type { BodyEditorProps } from './BodyEditor'

type Chunk = typeof import('./BodyEditor')

/** The chunk's promise with its outcome kept on it, so a render reads a loaded chunk at once. */
type TrackedChunk = Promise<Chunk> & {
  status?: 'pending' | 'fulfilled' | 'rejected'
  value?: Chunk
  reason?: unknown
}

let chunk: TrackedChunk | null = null

/**
 * The body editor's chunk (TipTap and ProseMirror: most of the window's code), loaded once.
 * main.tsx starts it before the app's modules run (start-editor-chunk.ts), so it is fetched and
 * compiled while they run and render. It stays a chunk of its own, outside index.html's static
 * graph (bench/renderer-weight.ts counts it in a figure of its own).
 */
export function loadBodyEditor(): TrackedChunk {
  if (chunk === null) {
    const started: TrackedChunk = import('./BodyEditor')
    started.status = 'pending'
    // Keeps the outcome on the promise, so BodyEditor below reads a loaded chunk synchronously.
    // Handling the rejection here also keeps it from being unhandled; BodyEditor rethrows it.
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
 * The body editor once its chunk has loaded, and `fallback` until then. Nothing suspends: a
 * boundary that showed its fallback has the content it reveals held back by React (its fallback
 * throttle, up to 300 ms after the fallback appeared), and the chunk usually lands just after the
 * composer's first render. A loaded chunk renders the editor in the same pass; one still on its
 * way re-renders this component when it lands, as an ordinary update. A chunk that failed to
 * load is thrown into the nearest error boundary, as React.lazy would.
 */
export function BodyEditor({
  fallback,
  ...props
}: BodyEditorProps & { readonly fallback: ReactNode }) {
  const chunk = loadBodyEditor()
  const [, landed] = useState(0)
  useEffect(() => {
    if (chunk.status !== 'pending') return
    let live = true
    const rerender = () => {
      if (live) landed((count) => count + 1)
    }
    chunk.then(rerender, rerender)
    return () => {
      live = false
    }
  }, [chunk])
  if (chunk.status === 'rejected') throw chunk.reason
  if (chunk.status !== 'fulfilled') return fallback
  const { BodyEditor: Editor } = chunk.value!
  return <Editor {...props} />
}
