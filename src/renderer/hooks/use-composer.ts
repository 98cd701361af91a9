import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { PostlineApi } from '../../shared/api'
import type {
  AccountView,
  AttachmentView,
  Draft,
  DraftFields,
  MessageFormat,
} from '../../shared/domain'
import type { Language } from '../../shared/i18n/languages'
import type { PostlineError, Result } from '../../shared/errors'
import type { EditorHandle } from '../components/BodyEditor'
import { DraftSaver, type SaveStatus } from '../draft-saver'
import type { ErrorContext } from '../error-text'
import { newMessageHtml, signatureHtml } from '../signature-render'
import { onSignatureSaved, readSignature } from '../signature-store'
import { addressKey } from '../../shared/addresses'
import { identityAddress, identityKey, identitySignature, sendingAddress } from '../send-as'
import type { Formatting } from '../plain-text'
import { plainByDefault, usePlainTextDefaults } from '../plain-text-defaults'

/** The fields the person fills in above the body. */
export interface ComposerFields {
  /** The account the person chose; null follows the active account. */
  readonly from: string | null
  /**
   * The send-as address of that account the person chose (null: its own address); not chosen
   * yet (`undefined`): the account's default.
   */
  readonly fromAddress?: string | null
  readonly to: readonly string[]
  readonly cc: readonly string[]
  readonly bcc: readonly string[]
  readonly subject: string
  /** The message's language (spell checking); null until saved or chosen: the window's. */
  readonly lang: Language | null
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
  /** Rich text or plain text; a new message takes its sending address's default. */
  readonly format: MessageFormat
  /** The format was chosen (by the person, or the draft's own): the default no longer applies. */
  readonly formatChosen: boolean
}

/** The composer's state and verbs. */
export interface Composer {
  readonly state: ComposerState
  /** The account the message goes from. */
  readonly fromEmail: string | null
  /** The send-as address it goes from; null: the account's own. */
  readonly fromAddress: string | null
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
  /** Moves the keyboard focus there once it can take it (the editor ready, the form enabled). */
  requestFocus(target: FocusTarget): void
  /** Rich → plain at once when nothing would be lost, else asks; plain → rich at once. */
  toggleFormat(): void
  /** What switching to plain text would lose, while the person is asked; null otherwise. */
  readonly formatQuestion: readonly Formatting[] | null
  /** The answer: switch to plain text (losing the formatting), or keep the formatting. */
  answerFormat(switchNow: boolean): void
  /** The To and Subject inputs, for `requestFocus`. */
  readonly toInput: RefObject<HTMLInputElement | null>
  readonly subjectInput: RefObject<HTMLInputElement | null>
}

/** Where `requestFocus` can put the focus. */
/** `draft-end`: the body, after the person's own text (a draft brought back by Undo or restore). */
export type FocusTarget = 'to' | 'subject' | 'body' | 'draft-end'

function freshState(
  session: number,
  signature: string,
  format: MessageFormat = 'rich',
): ComposerState {
  return {
    format,
    formatChosen: false,
    session,
    initialHtml: newMessageHtml(signature),
    draftId: undefined,
    from: null,
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    lang: null,
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

type Update = (next: (current: ComposerState) => ComposerState) => void
type OnError = (error: PostlineError, context: ErrorContext) => void

/**
 * The open message: its fields, its body (through the editor's handle), autosaved as a draft
 * through one `DraftSaver`, and the signature of the sending account at its end.
 */
export function useComposer(
  api: PostlineApi,
  accounts: readonly AccountView[],
  onError: OnError,
): Composer {
  const [state, setState] = useState<ComposerState>(() => freshState(1, ''))
  const stateRef = useRef(state)
  const [busy, setBusy] = useState(false)
  const editor = useEditorHandle()
  const fromEmail = sendingAccount(state.from, accounts)
  const fromAddress = sendingAddress(state.fromAddress, fromEmail, accounts)
  const accountsRef = useRef(accounts)
  useEffect(() => {
    accountsRef.current = accounts
  })
  const update: Update = useCallback((next) => {
    stateRef.current = next(stateRef.current)
    setState(stateRef.current)
  }, [])
  const collect = useCollect(stateRef, editor.handle, fromEmail, fromAddress)
  const hasContent = useCallback(() => {
    const current = stateRef.current
    return (
      current.to.length + current.cc.length + current.bcc.length + current.attachments.length > 0 ||
      current.subject.trim() !== '' ||
      editor.handle.current?.hasOwnText() === true
    )
  }, [editor.handle])
  const { saver, saveStatus, touch } = useDraftSaving(api, {
    stateRef,
    collect,
    update,
    onError,
    hasContent,
  })
  const signature = useSignature(
    editor,
    identityKey(fromEmail, fromAddress),
    state.session,
    accountsRef,
  )
  const { open, clear, saveIfTouched } = useMessageSwitching({
    accounts,
    saver,
    update,
    stateRef,
    signatureRef: signature,
  })

  const focus = useFocusRequest(editor, busy)
  // The sending address's default (an alias has its own).
  const format = useFormatSwitch(api, {
    ...{ editor, update, stateRef, touch, focus, state },
    fromEmail: fromAddress ?? fromEmail,
  })

  return {
    ...{ state, fromEmail, fromAddress, saveStatus, busy, open, clear, collect, setBusy },
    ...{ ...focus, ...format },
    onEditorReady: editor.onReady,
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
    startNew: useCallback(async () => {
      if (await saveIfTouched()) clear()
    }, [clear, saveIfTouched]),
    save: useCallback(() => saver().flush(), [saver]),
    setAttachments: useCallback(
      (attachments: readonly AttachmentView[]) =>
        update((current) => ({ ...current, attachments, touched: true })),
      [update],
    ),
  }
}

/**
 * Focus asked for (after Send, Undo, Discard) lands once its target can take it: the new editor
 * mounted for the body, the form no longer disabled for To and Subject.
 */
function useFocusRequest(editor: ReturnType<typeof useEditorHandle>, busy: boolean) {
  const toInput = useRef<HTMLInputElement | null>(null)
  const subjectInput = useRef<HTMLInputElement | null>(null)
  const request = useRef<FocusTarget | null>(null)
  // Bumped by each request, so the effect below runs for it.
  const [asked, setAsked] = useState(0)
  const requestFocus = useCallback((target: FocusTarget) => {
    request.current = target
    setAsked((n) => n + 1)
  }, [])
  const { handle, generation } = editor
  useEffect(() => {
    const target = request.current
    if (target === null || busy) return
    if (target === 'body' || target === 'draft-end') {
      if (handle.current === null) return
      handle.current.focus(target === 'draft-end' ? 'ownTextEnd' : undefined)
    } else {
      ;(target === 'to' ? toInput : subjectInput).current?.focus()
    }
    request.current = null
  }, [asked, busy, handle, generation])
  return { requestFocus, toInput, subjectInput }
}

/** The body editor's handle, once it is ready. */
function useEditorHandle() {
  const handle = useRef<EditorHandle | null>(null)
  const [ready, setReady] = useState(false)
  // Counts the editors made ready, so a new one is seen even when `ready` stays true.
  const [generation, setGeneration] = useState(0)
  const onReady = useCallback((next: EditorHandle | null) => {
    handle.current = next
    setReady(next !== null)
    if (next !== null) setGeneration((n) => n + 1)
    // For benchmarks and tracing: the first moment the whole composer takes input.
    if (next !== null && performance.getEntriesByName('composer-ready').length === 0) {
      performance.mark('composer-ready')
    }
  }, [])
  return { handle, ready, generation, onReady }
}

/** The draft's fields as they are now: the state's, the sending account, the editor's body. */
function useCollect(
  stateRef: RefObject<ComposerState>,
  editorRef: RefObject<EditorHandle | null>,
  fromEmail: string | null,
  fromAddress: string | null,
): () => DraftFields {
  const fromRef = useRef(fromEmail)
  const addressRef = useRef(fromAddress)
  useEffect(() => {
    fromRef.current = fromEmail
    addressRef.current = fromAddress
  })
  return useCallback((): DraftFields => {
    const current = stateRef.current
    return {
      from: fromRef.current,
      fromAddress: addressRef.current,
      to: current.to,
      cc: current.cc,
      bcc: current.bcc,
      subject: current.subject,
      html: editorRef.current?.html() ?? current.initialHtml,
      // Plain text is sent as typed; for rich text main writes the text part from the HTML.
      text: current.format === 'plain' ? (editorRef.current?.text() ?? '') : '',
      format: current.format,
      // Not chosen yet: main gives a new draft the window's language.
      ...(current.lang !== null ? { lang: current.lang } : {}),
    }
  }, [stateRef, editorRef])
}

/**
 * The one `DraftSaver` of this composer, its status, and `touch` for a change by the person.
 * A message becomes a draft only once it has content (a recipient, a subject, text of the
 * person's, an attachment): choosing another From, or opening the composer and leaving it,
 * creates none.
 */
function useDraftSaving(
  api: PostlineApi,
  {
    stateRef,
    collect,
    update,
    onError,
    hasContent,
  }: {
    stateRef: RefObject<ComposerState>
    collect: () => DraftFields
    update: Update
    onError: OnError
    hasContent: () => boolean
  },
) {
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ phase: 'idle' })
  const onErrorRef = useRef(onError)
  useEffect(() => {
    onErrorRef.current = onError
  })
  const saverRef = useRef<DraftSaver | null>(null)
  /** Made on first use (never during a render). */
  const saver = useCallback((): DraftSaver => {
    saverRef.current ??= new DraftSaver({
      save: (id, fields) => api.drafts.save(id, fields),
      collect,
      onSaved: (draft) =>
        update((current) => ({ ...current, draftId: draft.id, lang: current.lang ?? draft.lang })),
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
  }, [saver, stateRef])
  const touch = useCallback(() => {
    if (!saver().started && !hasContent()) return
    update((current) => (current.touched ? current : { ...current, touched: true }))
    saver().touch()
  }, [hasContent, saver, update])
  return { saver, saveStatus, touch }
}

/**
 * The signature block the body carries, as inserted (`html`), and whose it is; `html` is null
 * when the block is the person's (they edited or removed it), which is never replaced unasked.
 */
type SignatureRef = RefObject<{ email: string | null; html: string | null }>

/** Moves the body's signature to the sending account's, or offers to when the person edited it. */
function followFrom(
  handle: EditorHandle,
  signatureRef: SignatureRef,
  email: string | null,
  accounts: readonly AccountView[],
): void {
  // `email` is an identity: the account, or one of its send-as addresses (its own signature).
  const next = email === null ? '' : signatureHtml(identitySignature(email, accounts))
  const current = signatureRef.current
  if (current.html !== null) {
    const outcome = handle.swapSignature(current.html, next)
    if (outcome !== 'edited') {
      signatureRef.current = { email, html: outcome === 'replaced' ? next : null }
      handle.offerSignature(null)
      return
    }
  }
  if (handle.signatureIs(next)) {
    signatureRef.current = { email, html: next }
    handle.offerSignature(null)
    return
  }
  signatureRef.current = { email, html: null }
  // A block the person edited stays; they are told, and may take the account's instead.
  const hasBlock = !handle.signatureIs('')
  handle.offerSignature(
    hasBlock && email !== null
      ? {
          account: identityAddress(email),
          nextHtml: next,
          onReplaced: () => {
            if (signatureRef.current.email === email) signatureRef.current = { email, html: next }
          },
        }
      : null,
  )
}

/**
 * Keeps the sending account's signature in the body: when From changes, wherever the block
 * stands and whatever was typed around it, and when the account's signature is saved in
 * Settings while the message is open (if the person has not edited the block).
 */
function useSignature(
  editor: ReturnType<typeof useEditorHandle>,
  fromEmail: string | null,
  session: number,
  accountsRef: RefObject<readonly AccountView[]>,
): SignatureRef {
  const signatureRef = useRef<{ email: string | null; html: string | null }>({
    email: null,
    html: '',
  })
  const { handle: handleRef, ready } = editor
  useEffect(() => {
    const handle = handleRef.current
    if (!ready || handle === null || signatureRef.current.email === fromEmail) return
    followFrom(handle, signatureRef, fromEmail, accountsRef.current)
  }, [handleRef, ready, fromEmail, session, accountsRef])
  useEffect(
    () =>
      onSignatureSaved((email) => {
        const handle = handleRef.current
        const current = signatureRef.current
        if (handle === null || current.html === null || current.email === null) return
        if (addressKey(current.email) !== addressKey(email)) return
        const next = signatureHtml(readSignature(email))
        const outcome = handle.swapSignature(current.html, next)
        signatureRef.current = { email, html: outcome === 'replaced' ? next : null }
      }),
    [handleRef],
  )
  return signatureRef
}

/** Opening a draft and starting afresh, each after saving the open message if it changed. */
function useMessageSwitching({
  accounts,
  saver,
  update,
  stateRef,
  signatureRef,
}: {
  accounts: readonly AccountView[]
  saver: () => DraftSaver
  update: Update
  stateRef: RefObject<ComposerState>
  signatureRef: SignatureRef
}) {
  const clear = useCallback(() => {
    saver().start(undefined)
    const account = sendingAccount(null, accounts)
    // A new message starts from the account's default address, with its signature.
    const email = identityKey(account, sendingAddress(undefined, account, accounts))
    const text = email === null ? '' : identitySignature(email, accounts)
    signatureRef.current = { email, html: signatureHtml(text) }
    update((current) =>
      freshState(
        current.session + 1,
        text,
        plainByDefault(email === null ? null : identityAddress(email)) ? 'plain' : 'rich',
      ),
    )
  }, [accounts, saver, signatureRef, update])

  const saveIfTouched = useCallback(async (): Promise<boolean> => {
    if (!stateRef.current.touched) return true
    const saved = await saver().flush()
    return saved.ok
  }, [saver, stateRef])

  const open = useCallback(
    async (draft: Draft) => {
      if (!(await saveIfTouched())) return
      saver().start(draft.id)
      const account = sendingAccount(draft.from, accounts)
      const email = identityKey(
        account,
        sendingAddress(draft.fromAddress ?? null, account, accounts),
      )
      signatureRef.current = {
        email,
        html: email === null ? '' : signatureHtml(identitySignature(email, accounts)),
      }
      update((current) => ({ ...openedState(draft), session: current.session + 1 }))
    },
    [accounts, saveIfTouched, saver, signatureRef, update],
  )
  return { open, clear, saveIfTouched }
}

/** The composer's state for a draft just opened (its session is the caller's). */
function openedState(draft: Draft): Omit<ComposerState, 'session'> {
  return {
    initialHtml: draft.html === '' ? '<p></p>' : draft.html,
    draftId: draft.id,
    from: draft.from,
    // A draft saved before send-as addresses existed goes from the account's own address.
    fromAddress: draft.fromAddress ?? null,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    lang: draft.lang,
    attachments: draft.attachments,
    showCc: draft.cc.length > 0,
    showBcc: draft.bcc.length > 0,
    touched: false,
    format: draft.format,
    formatChosen: true,
  }
}

/**
 * The rich/plain switch. Switching mounts the other editor with the body converted (the undo
 * history starts afresh there; nothing typed is lost): plain → rich makes paragraphs at once,
 * rich → plain first asks when the body has formatting plain text cannot hold. A new message the
 * person has not touched follows its sending address's default.
 */
function useFormatSwitch(
  api: PostlineApi,
  {
    editor,
    update,
    stateRef,
    touch,
    fromEmail,
    focus,
    state,
  }: {
    state: ComposerState
    editor: ReturnType<typeof useEditorHandle>
    update: Update
    stateRef: RefObject<ComposerState>
    touch: () => void
    fromEmail: string | null
    focus: { requestFocus(target: FocusTarget): void }
  },
) {
  // The question belongs to the editor it was asked about (its session): moot once another opens.
  const [question, setQuestion] = useState<{
    session: number
    losses: readonly Formatting[]
  } | null>(null)
  const formatQuestion = question?.session === state.session ? question.losses : null
  const defaults = usePlainTextDefaults(api)
  const { handle, ready } = editor
  const { requestFocus } = focus

  const switchTo = useCallback(
    (format: MessageFormat, chosen: boolean) => {
      const current = stateRef.current
      if (current.format === format) return
      const html = handle.current?.convertedHtml() ?? current.initialHtml
      update((state) => ({
        ...state,
        format,
        formatChosen: state.formatChosen || chosen,
        initialHtml: html,
        session: state.session + 1,
      }))
      if (chosen) {
        touch()
        requestFocus('body')
      }
    },
    [handle, requestFocus, stateRef, touch, update],
  )

  const toggleFormat = useCallback(() => {
    if (stateRef.current.format === 'plain') {
      setQuestion(null)
      switchTo('rich', true)
      return
    }
    const losses = handle.current?.formatting() ?? []
    if (losses.length === 0) switchTo('plain', true)
    else setQuestion({ session: stateRef.current.session, losses })
  }, [handle, stateRef, switchTo])

  const answerFormat = useCallback(
    (switchNow: boolean) => {
      setQuestion(null)
      if (switchNow) switchTo('plain', true)
      else requestFocus('body')
    },
    [requestFocus, switchTo],
  )

  // A new, untouched message follows its sending address's default (also when From changes).
  const { session } = state
  useEffect(() => {
    const current = stateRef.current
    if (!ready || current.formatChosen || current.touched || current.draftId !== undefined) return
    const wanted = fromEmail !== null && defaults.has(addressKey(fromEmail)) ? 'plain' : 'rich'
    if (current.format !== wanted) switchTo(wanted, false)
  }, [defaults, fromEmail, ready, session, stateRef, switchTo])

  return { toggleFormat, formatQuestion, answerFormat }
}
