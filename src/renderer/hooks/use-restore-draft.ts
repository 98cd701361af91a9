import { useEffect, useRef } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { Draft, DraftSummary } from '../../shared/domain'
import { callSafely } from '../call-safely'

/**
 * At start, reopens the most recent draft once the drafts list is known, unless the person
 * has started writing in the meantime.
 */
export function useRestoreDraft(
  api: PostlineApi,
  drafts: readonly DraftSummary[] | null,
  ready: boolean,
  untouched: () => boolean,
  open: (draft: Draft) => Promise<void>,
): void {
  const done = useRef(false)
  useEffect(() => {
    if (done.current || drafts === null || !ready) return
    done.current = true
    const latest = drafts[0]
    if (latest === undefined || !untouched()) return
    void callSafely(() => api.drafts.get(latest.id)).then((result) => {
      if (result.ok && untouched()) void open(result.value)
    })
  }, [api, drafts, ready, untouched, open])
}
