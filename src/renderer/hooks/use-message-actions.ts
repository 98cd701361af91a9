import { useCallback, useRef, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import { parseMailbox, type Mailbox } from '../../shared/addresses'
import { htmlMentionsAttachment } from '../../shared/attachment-mention'
import type { AttachmentView, OutboxItem } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import type { ErrorContext } from '../error-text'
import { rememberRecipients } from '../recipient-history'
import { sendProblem } from '../send-problem'
import { asks, stopAsking, type SendQuestionKind } from '../send-questions'
import { callSafely, report } from '../call-safely'
import type { Composer, ComposerState } from './use-composer'

/**
 * An error about one part of the open message, shown next to that part (not at the top of the
 * window) and only while its cause is there (`problemInView`).
 */
export type ComposerProblem =
  /** An attached file that changed or vanished: next to that file, until it is removed. */
  | { readonly about: 'attachment'; readonly attachmentId: string; readonly error: PostlineError }
  /** A file refused when attaching: by Attach files, until the next attach or removal. */
  | { readonly about: 'attach'; readonly error: PostlineError }
  /** A recipient that cannot be used (`entry`), or none at all (null): by the recipients. */
  | { readonly about: 'recipients'; readonly entry: string | null; readonly error: PostlineError }
  /** Anything else Send met: by Send, until the next Send. */
  | { readonly about: 'send'; readonly error: PostlineError }

/** The problem if its cause is still there in `state`, else null. */
export function problemInView(
  problem: ComposerProblem | null,
  state: Pick<ComposerState, 'to' | 'cc' | 'bcc' | 'attachments'>,
): ComposerProblem | null {
  if (problem === null) return null
  if (problem.about === 'attachment') {
    return state.attachments.some((file) => file.id === problem.attachmentId) ? problem : null
  }
  if (problem.about === 'recipients') {
    const all = [...state.to, ...state.cc, ...state.bcc]
    const present = problem.entry === null ? all.length === 0 : all.includes(problem.entry)
    return present ? problem : null
  }
  return problem
}

/** What the person does with the open message as a whole. */
export interface MessageActions {
  attachPicked(): Promise<void>
  attachDropped(files: readonly File[]): Promise<void>
  removeAttachment(attachmentId: string): Promise<void>
  /** Send; asks first (`question`) when the subject is empty or an attachment seems forgotten. */
  send(): Promise<void>
  /** Send at `at` (ms, UTC) chosen in the IANA `zone`; asks the same questions first. */
  sendLater(at: number, zone: string): Promise<void>
  discard(): Promise<void>
  /** The question Send waits on, if any. */
  readonly question: SendQuestionKind | null
  /** Send as it is, fix it (attach files, or write a subject), or go back to the message. */
  answerQuestion(answer: 'send' | 'fix' | 'cancel', dontAskAgain: boolean): Promise<void>
  /** The error about a part of the message, while its cause is there. */
  readonly problem: ComposerProblem | null
  /** The attachments main found changed or missing, by id (their chips say so). */
  readonly brokenAttachments: ReadonlySet<string>
  /** Closes the problem shown (for a refused file or a failed Send, whose cause is over). */
  dismissProblem(): void
}

function mailboxes(entries: readonly string[]): Mailbox[] {
  return entries.flatMap((entry) => {
    const parsed = parseMailbox(entry)
    return parsed.ok ? [parsed.mailbox] : []
  })
}

/** The first recipient entry that cannot be used, or null (none, or none at all). */
function badEntry(fields: Pick<ComposerState, 'to' | 'cc' | 'bcc'>): string | null {
  return [...fields.to, ...fields.cc, ...fields.bcc].find((e) => !parseMailbox(e).ok) ?? null
}

/** The attachment an `attachment-changed` error is about (its name is in the params). */
function attachmentOf(error: PostlineError, files: readonly AttachmentView[]) {
  const name = error.params?.['file']
  return files.find((file) => file.name === name)
}

/**
 * Attach, send and discard. Each first makes sure the draft exists and holds what is on
 * screen (`composer.save()`), since main attaches to and sends saved drafts only.
 *
 * Over 60 lines, on purpose: five short verbs (attach picked, attach dropped, remove, send, discard)
 * that share the save-first step and the problem shown in place; splitting them would scatter both.
 */
export function useMessageActions(
  api: PostlineApi,
  composer: Composer,
  onError: (error: PostlineError, context: ErrorContext) => void,
  onSent: (item: OutboxItem) => void,
  onDiscarded: (draftId: string) => void,
): MessageActions {
  const sending = useRef(false)
  // The time Send later chose, kept while a question is answered (null: Send now).
  const later = useRef<{ at: number; zone: string } | null>(null)
  const [question, setQuestion] = useState<SendQuestionKind | null>(null)
  // Each tagged with the message it is about (its session): another message opened, they go.
  const session = composer.state.session
  const [problemOf, setProblemOf] = useState<{ session: number; problem: ComposerProblem | null }>({
    session,
    problem: null,
  })
  const [brokenOf, setBrokenOf] = useState<{ session: number; ids: ReadonlySet<string> }>({
    session,
    ids: new Set(),
  })
  const problem = problemOf.session === session ? problemOf.problem : null
  const broken = brokenOf.session === session ? brokenOf.ids : NONE
  const setProblem = useCallback(
    (
      next: ComposerProblem | null | ((current: ComposerProblem | null) => ComposerProblem | null),
    ) =>
      setProblemOf((current) => {
        const was = current.session === session ? current.problem : null
        return { session, problem: typeof next === 'function' ? next(was) : next }
      }),
    [session],
  )
  const setBroken = useCallback(
    (update: (current: ReadonlySet<string>) => ReadonlySet<string>) =>
      setBrokenOf((current) => ({
        session,
        ids: update(current.session === session ? current.ids : NONE),
      })),
    [session],
  )
  const { save, setAttachments, setBusy, clear, collect, requestFocus } = composer
  const draftId = composer.state.draftId
  const attachments = composer.state.attachments

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

  const attachWith = useCallback(
    (call: (id: string) => ReturnType<PostlineApi['attachments']['pick']>) =>
      withDraft(async (id) => {
        const result = await callSafely(() => call(id))
        if (result.ok) {
          setAttachments(result.value.attachments)
          setProblem((current) => (current?.about === 'attach' ? null : current))
        } else if (result.error.code !== 'cancelled') {
          setProblem({ about: 'attach', error: result.error })
        }
      }),
    [setAttachments, setProblem, withDraft],
  )
  const attachPicked = useCallback(
    () => attachWith((id) => api.attachments.pick(id)),
    [api, attachWith],
  )
  const attachDropped = useCallback(
    (files: readonly File[]) => attachWith((id) => api.attachments.drop(id, files)),
    [api, attachWith],
  )

  const removeAttachment = useCallback(
    async (attachmentId: string) => {
      if (draftId === undefined) return
      const draft = await report(
        () => api.attachments.remove(draftId, attachmentId),
        onError,
        'attachment',
      )
      if (!draft) return
      setAttachments(draft.attachments)
      setProblem((current) => (current?.about === 'attach' ? null : current))
    },
    [api, draftId, onError, setAttachments, setProblem],
  )

  const sendFailed = useCallback(
    (error: PostlineError) => {
      const file =
        error.code === 'attachment-changed' ? attachmentOf(error, attachments) : undefined
      if (file === undefined) {
        setProblem({ about: 'send', error })
        return
      }
      setBroken((current) => new Set([...current, file.id]))
      setProblem({ about: 'attachment', attachmentId: file.id, error })
    },
    [attachments, setBroken, setProblem],
  )

  const sendNow = useCallback(
    async (answered: readonly SendQuestionKind[]) => {
      if (sending.current) return
      const fields = collect()
      const refused = sendProblem({ ...fields, attachments })
      if (refused) {
        const recipients = refused.code === 'invalid-address'
        setProblem(
          recipients
            ? { about: 'recipients', entry: badEntry(fields), error: refused }
            : { about: 'send', error: refused },
        )
        return
      }
      const ask = (kind: SendQuestionKind) => !answered.includes(kind) && asks(kind)
      if (ask('subject') && fields.subject.trim() === '') {
        setQuestion('subject')
        return
      }
      if (ask('attachment') && attachments.length === 0 && htmlMentionsAttachment(fields.html)) {
        setQuestion('attachment')
        return
      }
      setProblem(null)
      sending.current = true
      setBusy(true)
      try {
        await withDraft(async (id) => {
          const when = later.current
          const result = await callSafely(() =>
            when === null
              ? api.mail.send(id)
              : api.mail.sendLater(id, new Date(when.at).toISOString(), when.zone),
          )
          if (!result.ok) {
            sendFailed(result.error)
            return
          }
          if (fields.from !== null) {
            rememberRecipients(fields.from, mailboxes([...fields.to, ...fields.cc, ...fields.bcc]))
          }
          clear()
          // The next message starts where a person writes one: its To.
          requestFocus('to')
          onSent(result.value)
        })
      } finally {
        sending.current = false
        setBusy(false)
      }
    },
    [
      api,
      attachments,
      clear,
      collect,
      onSent,
      requestFocus,
      sendFailed,
      setBusy,
      setProblem,
      withDraft,
    ],
  )

  const send = useCallback(() => {
    later.current = null
    return sendNow([])
  }, [sendNow])
  const sendLater = useCallback(
    (at: number, zone: string) => {
      later.current = { at, zone }
      return sendNow([])
    },
    [sendNow],
  )
  const answerQuestion = useCallback(
    async (answer: 'send' | 'fix' | 'cancel', dontAskAgain: boolean) => {
      const kind = question
      setQuestion(null)
      if (kind === null) return
      if (dontAskAgain && answer !== 'cancel') stopAsking(kind)
      // The questions come one after the other: a "send" to the first goes on to the second.
      if (answer === 'send') await sendNow(kind === 'subject' ? ['subject'] : [...SUBJECT_AND_FILE])
      else if (answer === 'fix' && kind === 'attachment') await attachPicked()
      else if (answer === 'fix') requestFocus('subject')
    },
    [attachPicked, question, requestFocus, sendNow],
  )

  const touched = composer.state.touched
  const discard = useCallback(async () => {
    // A draft being created right now must be waited for, or it would outlive the discard.
    const saved = touched || draftId !== undefined ? await save() : null
    if (saved?.ok) {
      const id = saved.value
      const deleted = await report(() => api.drafts.delete(id), onError, 'draft')
      if (deleted === null) return
      clear()
      requestFocus('to')
      // Main keeps it in its trash until the toast's Undo is gone.
      onDiscarded(id)
      return
    }
    clear()
    requestFocus('to')
  }, [api, clear, draftId, onDiscarded, onError, requestFocus, save, touched])

  return {
    ...{ attachPicked, attachDropped, removeAttachment, send, sendLater, discard },
    question,
    answerQuestion,
    problem: problemInView(problem, composer.state),
    brokenAttachments: broken,
    dismissProblem: useCallback(() => setProblem(null), [setProblem]),
  }
}

const NONE: ReadonlySet<string> = new Set()
const SUBJECT_AND_FILE: readonly SendQuestionKind[] = ['subject', 'attachment']
