import { useEffect, useMemo, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import { newestFirst, useListMirror, type Mirror } from './use-mirror'

const byCreation = newestFirst<OutboxItem>((item) => item.createdAt)

/** The outbox as main describes it, with the upload progress of messages on the wire. */
export interface OutboxState extends Mirror<readonly OutboxItem[]> {
  readonly progress: ReadonlyMap<string, SendProgress>
}

/** `outbox.list()` once, then the changes `outbox.changed` tells; progress from `send.progress`. */
export function useOutbox(api: PostlineApi): OutboxState {
  const mirror = useListMirror<OutboxItem>(
    (listener) => api.on('outbox.changed', listener),
    () => api.outbox.list(),
    byCreation,
  )
  const [progress, setProgress] = useState<ReadonlyMap<string, SendProgress>>(new Map())

  useEffect(
    () =>
      api.on('send.progress', (update) =>
        setProgress((current) => new Map(current).set(update.outboxId, update)),
      ),
    [api],
  )

  // Only messages on the wire have progress worth showing.
  const items = mirror.value
  const current = useMemo(() => {
    const sending = new Set(
      (items ?? []).filter((item) => item.state === 'sending').map((item) => item.id),
    )
    return new Map([...progress].filter(([id]) => sending.has(id)))
  }, [items, progress])

  return { ...mirror, progress: current }
}
