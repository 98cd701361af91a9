import { useCallback, useEffect, useRef, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView, AttachmentView, Draft, DraftFields } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import type { EditorHandle } from '../components/BodyEditor'
import { DraftSaver, type SaveStatus } from '../draft-saver'
import type { ErrorContext } from '../error-text'
import { newMessageHtml, signatureHtml } from '../signature-html'
import { readSignature } from '../signatures'

/** The fields the person fills in above the body. */
export interface ComposerFields {
  /** The account the person chose; null follows the active account. */
  readonly from: string | null
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  readonly subject: string
}

/** Everything the composer shows. */
export interface ComposerState extends ComposerFields {
  /** Changes for each message opened, so the body editor starts afresh. */
  readonly session: number
  readonly initialHtml: string
  readonly draftId: string | undefined
  readonly attachments: readonly AttachmentView[]
  readonly showCc: boolean
  readonly showBcc: boolean
  /** The person has changed something since this message was opened. */
  readonly touched: boolean
}

/** The composer's state and verbs. */
export interface Composer {
  readonly state: ComposerState
  /** The account the message goes from. */
  readonly fromEmail: string | null
  readonly saveStatus: SaveStatus
  readonly busy: boolean
  onEditorReady(handle: EditorHandle | null): void
  setFields(patch: Partial<ComposerFields>): void
  onBodyChange(byPerson: boolean): void
  reveal(field: 'cc' | 'bcc'): void
  /** Saves the current message if needed, then opens `draft`. */
  open(draft: Draft): Promise<void>
  /** Saves the current message if needed, then starts an empty one. */
  startNew(): Promise<void>
  /** Forgets the open message; its draft (if any) is left to the caller. */
  clear(): void
  /** Saves now; answers the draft's id (creating the draft if needed). */
  save(): Promise<Result<string>>
  /** The draft's fields as they are now, body included. */
  collect(): DraftFields
  setAttachments(attachments: readonly AttachmentView[]): void
  setBusy(busy: boolean): void
}

function freshState(session: number, signature: string): ComposerState {
  return {
    session,
    initialHtml: newMessageHtml(signature),
    draftId: undefined,
    from: null,
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    attachments: [],
    showCc: false,
    showBcc: false,
    touched: false,
  }
}

/** The account a message goes from: the chosen one while it exists, else the active one. */
export function sendingAccount(chosen: string | null, accounts: readonly AccountView[]) {
  if (chosen !== null && accounts.some((account) => account.email === chosen)) return chosen
  return (accounts.find((account) => account.active) ?? accounts[0])?.email ?? null
}

/**
 * The open message: its fields, its body (through the editor's handle), autosaved as a draft
 * through one `DraftSaver`, and the signature of the sending account at its end.
 */
export function useComposer(
  api: PostlineApi,
  accounts: readonly AccountView[],
  onError: (error: PostlineError, context: ErrorContext) => void,
): Composer {
  const [state, setState] = useState<ComposerState>(() => freshState(1, ''))
  const stateRef = useRef(state)
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ phase: 'idle' })
  const [busy, setBusy] = useState(false)
  const editor = useRef<EditorHandle | null>(null)
  const [editorReady, setEditorReady] = useState(false)
  const fromEmail = sendingAccount(state.from, accounts)
  const fromRef = useRef(fromEmail)
  /** The signature the body carries at its end, as inserted, and whose it is. */
  const signature = useRef<{ email: string | null; html: string }>({ email: null, html: '' })
  const onErrorRef = useRef(onError)

  useEffect(() => {
    fromRef.current = fromEmail
    onErrorRef.current = onError
  })

  const update = useCallback((next: (current: ComposerState) => ComposerState) => {
    stateRef.current = next(stateRef.current)
    setState(stateRef.current)
  }, [])

  const collect = useCallback((): DraftFields => {
    const current = stateRef.current
    return {
      from: fromRef.current,
      to: current.to,
      cc: current.cc,
      bcc: current.bcc,
      subject: current.subject,
      html: editor.current?.html() ?? current.initialHtml,
      // Main writes the plain-text part from the HTML.
      text: '',
    }
  }, [])

  const saverRef = useRef<DraftSaver | null>(null)
  /** The one saver of this composer, made on first use (never during a render). */
  const saver = useCallback((): DraftSaver => {
    saverRef.current ??= new DraftSaver({
      save: (id, fields) => api.drafts.save(id, fields),
      collect,
      onSaved: (draft) => update((current) => ({ ...current, draftId: draft.id })),
      onStatus: (status) => {
        setSaveStatus(status)
        if (status.phase === 'failed') onErrorRef.current(status.error, 'draft')
      },
    })
    return saverRef.current
  }, [api, collect, update])
  useEffect(() => () => saverRef.current?.dispose(), [])
  // Closing the window should not lose the last words typed: save what the debounce still holds.
  useEffect(() => {
    const flush = () => {
      if (stateRef.current.touched) void saver().flush()
    }
    window.addEventListener('pagehide', flush)
    return () => window.removeEventListener('pagehide', flush)
  }, [saver])

  const touch = useCallback(() => {
    update((current) => (current.touched ? current : { ...current, touched: true }))
    saver().touch()
  }, [saver, update])

  // The sending account changed: its signature replaces the previous one, if untouched.
  useEffect(() => {
    const handle = editor.current
    if (!editorReady || handle === null || signature.current.email === fromEmail) return
    const next = fromEmail === null ? '' : signatureHtml(readSignature(fromEmail))
    if (handle.swapSignature(signature.current.html, next)) {
      signature.current = { email: fromEmail, html: next }
    } else {
      signature.current = { email: fromEmail, html: '' }
    }
  }, [fromEmail, editorReady, state.session])

  const clear = useCallback(() => {
    saver().start(undefined)
    const email = sendingAccount(null, accounts)
    const text = email === null ? '' : readSignature(email)
    signature.current = { email, html: signatureHtml(text) }
    update((current) => freshState(current.session + 1, text))
  }, [accounts, saver, update])

  const saveIfTouched = useCallback(async (): Promise<boolean> => {
    if (!stateRef.current.touched) return true
    const saved = await saver().flush()
    return saved.ok
  }, [saver])

  const open = useCallback(
    async (draft: Draft) => {
      if (!(await saveIfTouched())) return
      saver().start(draft.id)
      const email = sendingAccount(draft.from, accounts)
      signature.current = {
        email,
        html: email === null ? '' : signatureHtml(readSignature(email)),
      }
      update((current) => ({
        session: current.session + 1,
        initialHtml: draft.html === '' ? '<p></p>' : draft.html,
        draftId: draft.id,
        from: draft.from,
        to: draft.to,
        cc: draft.cc,
        bcc: draft.bcc,
        subject: draft.subject,
        attachments: draft.attachments,
        showCc: draft.cc.length > 0,
        showBcc: draft.bcc.length > 0,
        touched: false,
      }))
    },
    [accounts, saveIfTouched, saver, update],
  )

  return {
    state,
    fromEmail,
    saveStatus,
    busy,
    onEditorReady: useCallback((handle: EditorHandle | null) => {
      editor.current = handle
      setEditorReady(handle !== null)
      // For benchmarks and tracing: the first moment the whole composer takes input.
      if (handle !== null && performance.getEntriesByName('composer-ready').length === 0) {
        performance.mark('composer-ready')
      }
    }, []),
    setFields: useCallback(
      (patch: Partial<ComposerFields>) => {
        update((current) => ({ ...current, ...patch }))
        touch()
      },
      [touch, update],
    ),
    onBodyChange: useCallback(
      (byPerson: boolean) => {
        if (byPerson) touch()
        else if (saver().id !== undefined) saver().touch()
      },
      [saver, touch],
    ),
    reveal: useCallback(
      (field: 'cc' | 'bcc') =>
        update((current) => ({ ...current, [field === 'cc' ? 'showCc' : 'showBcc']: true })),
      [update],
    ),
    open,
    startNew: useCallback(async () => {
      if (await saveIfTouched()) clear()
    }, [clear, saveIfTouched]),
    clear,
    save: useCallback(() => saver().flush(), [saver]),
    collect,
    setAttachments: useCallback(
      (attachments: readonly AttachmentView[]) => {
        update((current) => ({ ...current, attachments, touched: true }))
      },
      [update],
    ),
    setBusy,
  }
}
