import type { PostlineApi } from '../../shared/api'
import type { DraftSummary } from '../../shared/domain'
import { newestFirst, useListMirror, type Mirror } from './use-mirror'

const byUpdate = newestFirst<DraftSummary>((draft) => draft.updatedAt)

/** The saved drafts, newest first: `drafts.list()` once, then the changes `drafts.changed` tells. */
export function useDrafts(api: PostlineApi): Mirror<readonly DraftSummary[]> {
  return useListMirror<DraftSummary>(
    (listener) => api.on('drafts.changed', listener),
    () => api.drafts.list(),
    byUpdate,
  )
}
