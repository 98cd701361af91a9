import { useEffect, useMemo, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { OutboxItem, SendProgress } from '../../shared/domain'
import { useMirror, type Mirror } from './use-mirror'

/** The outbox as main describes it, with the upload progress of messages on the wire. */
export interface OutboxState extends Mirror<readonly OutboxItem[]> {
  readonly progress: ReadonlyMap<string, SendProgress>
}

/** `outbox.list()` once, then `outbox.changed`; progress from `send.progress`. */
export function useOutbox(api: PostlineApi): OutboxState {
  const mirror = useMirror<readonly OutboxItem[]>(
    (listener) => api.on('outbox.changed', listener),
    () => api.outbox.list(),
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
