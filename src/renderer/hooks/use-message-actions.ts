import { useCallback, useRef, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import { parseMailbox, type Mailbox } from '../../shared/addresses'
import { htmlMentionsAttachment } from '../../shared/attachment-mention'
import type { OutboxItem } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { ErrorContext } from '../error-text'
import { rememberRecipients } from '../recipient-history'
import { sendProblem } from '../send-problem'
import { report } from '../call-safely'
import type { Composer } from './use-composer'

/** What the person does with the open message as a whole. */
export interface MessageActions {
  attachPicked(): Promise<void>
  attachDropped(files: readonly File[]): Promise<void>
  removeAttachment(attachmentId: string): Promise<void>
  /** Send; asks first (`attachmentQuestion`) when the body mentions an attachment and none is attached. */
  send(): Promise<void>
  discard(): Promise<void>
  /** True while Send waits for the answer to "Send without attachment?". */
  readonly attachmentQuestion: boolean
  /** The answer: send as it is, attach files first, or go back to the message. */
  answerAttachmentQuestion(answer: 'send' | 'attach' | 'cancel'): Promise<void>
}

function mailboxes(entries: readonly string[]): Mailbox[] {
  return entries.flatMap((entry) => {
    const parsed = parseMailbox(entry)
    return parsed.ok ? [parsed.mailbox] : []
  })
}

/**
 * Attach, send and discard. Each first makes sure the draft exists and holds what is on
 * screen (`composer.save()`), since main attaches to and sends saved drafts only.
 *
 * Over 60 lines, on purpose: five short verbs (attach picked, attach dropped, remove, send, discard)
 * that share the save-first step; splitting them would only scatter that step.
 */
export function useMessageActions(
  api: PostlineApi,
  composer: Composer,
  onError: (error: PostlineError, context: ErrorContext) => void,
  onSent: (item: OutboxItem) => void,
): MessageActions {
  const sending = useRef(false)
  const [attachmentQuestion, setAttachmentQuestion] = useState(false)
  const { save, setAttachments, setBusy, clear, collect } = composer
  const draftId = composer.state.draftId

  const withDraft = useCallback(
    async (body: (draftId: string) => Promise<void>) => {
      const saved = await save()
      if (!saved.ok) {
        onError(saved.error, 'draft')
        return
      }
      await body(saved.value)
    },
    [onError, save],
  )

  const attachPicked = useCallback(
    () =>
      withDraft(async (id) => {
        const draft = await report(() => api.attachments.pick(id), onError, 'attachment')
        if (draft) setAttachments(draft.attachments)
      }),
    [api, onError, setAttachments, withDraft],
  )

  const attachDropped = useCallback(
    (files: readonly File[]) =>
      withDraft(async (id) => {
        const draft = await report(() => api.attachments.drop(id, files), onError, 'attachment')
        if (draft) setAttachments(draft.attachments)
      }),
    [api, onError, setAttachments, withDraft],
  )

  const removeAttachment = useCallback(
    async (attachmentId: string) => {
      if (draftId === undefined) return
      const draft = await report(
        () => api.attachments.remove(draftId, attachmentId),
        onError,
        'attachment',
      )
      if (draft) setAttachments(draft.attachments)
    },
    [api, draftId, onError, setAttachments],
  )

  const attachments = composer.state.attachments
  const sendNow = useCallback(
    async (askAboutAttachment: boolean) => {
      if (sending.current) return
      const fields = collect()
      const problem = sendProblem({ ...fields, attachments })
      if (problem) {
        onError(problem, 'send')
        return
      }
      if (askAboutAttachment && attachments.length === 0 && htmlMentionsAttachment(fields.html)) {
        setAttachmentQuestion(true)
        return
      }
      sending.current = true
      setBusy(true)
      try {
        await withDraft(async (id) => {
          const item = await report(() => api.mail.send(id), onError, 'send')
          if (!item) return
          if (fields.from !== null) {
            rememberRecipients(fields.from, mailboxes([...fields.to, ...fields.cc, ...fields.bcc]))
          }
          clear()
          onSent(item)
        })
      } finally {
        sending.current = false
        setBusy(false)
      }
    },
    [api, attachments, clear, collect, onError, onSent, setBusy, withDraft],
  )

  const send = useCallback(() => sendNow(true), [sendNow])
  const answerAttachmentQuestion = useCallback(
    async (answer: 'send' | 'attach' | 'cancel') => {
      setAttachmentQuestion(false)
      if (answer === 'send') await sendNow(false)
      else if (answer === 'attach') await attachPicked()
    },
    [attachPicked, sendNow],
  )

  const touched = composer.state.touched
  const discard = useCallback(async () => {
    // A draft being created right now must be waited for, or it would outlive the discard.
    const saved = touched || draftId !== undefined ? await save() : null
    if (saved?.ok) {
      const id = saved.value
      const deleted = await report(() => api.drafts.delete(id), onError, 'draft')
      if (deleted === null) return
    }
    clear()
  }, [api, clear, draftId, onError, save, touched])

  return {
    attachPicked,
    attachDropped,
    removeAttachment,
    send,
    discard,
    attachmentQuestion,
    answerAttachmentQuestion,
  }
}
