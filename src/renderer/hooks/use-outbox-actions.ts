import { useMemo } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { Draft } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { OutboxActions } from '../components/OutboxRow'
import type { ErrorContext } from '../error-text'
import { report } from '../call-safely'

/**
 * The outbox verbs. The list itself is not touched here: main announces every change with
 * `outbox.changed`. Undo hands the draft back to `onUndone`; `onDiscarded` hears of a discard.
 */
export function useOutboxActions(
  api: PostlineApi,
  onError: (error: PostlineError, context: ErrorContext) => void,
  onUndone: (draft: Draft) => void,
  reconnect: (email: string) => void,
  onDiscarded: (id: string) => void,
  onCopied: (copied: { draft: Draft; missing: readonly string[] }) => void,
): OutboxActions {
  return useMemo(
    () => ({
      undo: (id: string) =>
        void report(() => api.mail.undo(id), onError, 'outbox').then((draft) => {
          if (draft) onUndone(draft)
        }),
      sendNow: (id: string) => void report(() => api.outbox.sendNow(id), onError, 'outbox'),
      edit: (id: string) =>
        void report(() => api.mail.undo(id), onError, 'outbox').then((draft) => {
          if (draft) onUndone(draft)
        }),
      retry: (id: string) => void report(() => api.outbox.retry(id), onError, 'outbox'),
      sendAgain: (id: string) => void report(() => api.outbox.sendAgain(id), onError, 'outbox'),
      discard: (id: string) =>
        void report(() => api.outbox.discard(id), onError, 'outbox').then((left) => {
          if (left) onDiscarded(id)
        }),
      reconnect,
      openInGmail: (id: string) => void report(() => api.outbox.openInGmail(id), onError, 'outbox'),
      copyAsNew: (id: string) =>
        void report(() => api.outbox.copyAsNew(id), onError, 'outbox').then((copied) => {
          if (copied) onCopied(copied)
        }),
    }),
    [api, onError, onUndone, reconnect, onDiscarded, onCopied],
  )
}
