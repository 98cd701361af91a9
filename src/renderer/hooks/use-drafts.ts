import { useMemo } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { DraftSummary } from '../../shared/domain'
import { useMirror, type Mirror } from './use-mirror'

/** The saved drafts, newest first: `drafts.list()` once, then `drafts.changed`. */
export function useDrafts(api: PostlineApi): Mirror<readonly DraftSummary[]> {
  const mirror = useMirror<readonly DraftSummary[]>(
    (listener) => api.on('drafts.changed', listener),
    () => api.drafts.list(),
  )
  const value = useMemo(
    () => mirror.value && [...mirror.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    [mirror.value],
  )
  return useMemo(() => ({ value, loadError: mirror.loadError }), [value, mirror.loadError])
}
