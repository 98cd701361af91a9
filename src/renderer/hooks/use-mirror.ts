import { useEffect, useState } from 'react'
import type { PostlineError, Result } from '../../shared/errors'
import { callSafely } from '../call-safely'

/** A list main owns, as the window last heard it; `value` is null until the first answer. */
export interface Mirror<T> {
  readonly value: T | null
  readonly loadError: PostlineError | null
}

/**
 * Mirrors state main owns: one `load()` at start, then every event `subscribe` delivers.
 * An event that arrives before the first answer wins, since it is newer. No polling.
 */
export function useMirror<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  load: () => Promise<Result<T>>,
): Mirror<T> {
  const [state, setState] = useState<Mirror<T>>({ value: null, loadError: null })

  useEffect(() => {
    let live = true
    let heardEvent = false
    const unsubscribe = subscribe((value) => {
      heardEvent = true
      setState({ value, loadError: null })
    })
    void callSafely(load).then((result) => {
      if (!live || heardEvent) return
      setState(
        result.ok
          ? { value: result.value, loadError: null }
          : { value: null, loadError: result.error },
      )
    })
    return () => {
      live = false
      unsubscribe()
    }
    // Subscribing once per bridge: callers pass functions that only close over `api`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return state
}
