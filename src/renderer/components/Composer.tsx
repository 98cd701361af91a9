import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react'
import { flushSync } from 'react-dom'
import type { AccountView } from '../../shared/domain'
import { isLanguage } from '../../shared/i18n/languages'
import { ariaKeyShortcuts, shortcutLabel, type ShortcutAction } from '../../shared/shortcuts'
import type { SaveStatus } from '../draft-saver'
import type { Composer as ComposerModel } from '../hooks/use-composer'
import { MAC } from '../editor-keys'
import { cycleAddress, useComposerShortcuts } from '../hooks/use-composer-shortcuts'
import type { MessageActions } from '../hooks/use-message-actions'
import { suggestRecipients } from '../recipient-history'
import { AttachmentList } from './AttachmentList'
import { DraftLanguage } from './DraftLanguage'
import { FromField } from './FromField'
import { InlineError } from './InlineError'
import { SendQuestion } from './SendQuestion'
import { SendLaterButton, type SendLaterHandle } from './SendLater'
import { Icon } from './Icon'
import { addressesElsewhere, RecipientField } from './RecipientField'
import { actionLabel, ShortcutsButton, ShortcutsSheet } from './ShortcutsSheet'
import type { EditorHandle } from './BodyEditor'
import { TemplatesControl } from './TemplatesControl'
import { useT, type WindowTranslator } from '../i18n/I18n'
import { FormatQuestion, FormatSwitch } from './PlainTextSwitch'
// TipTap and ProseMirror, most of the window's code: a chunk of their own, loaded from the start.
import { BodyEditor } from './body-editor-chunk'

/** A button's `aria-keyshortcuts` and its title with the keys: "Show Cc (Ctrl+Shift+C)". */
function shortcutProps(t: WindowTranslator, action: ShortcutAction) {
  return {
    'aria-keyshortcuts': ariaKeyShortcuts(action),
    title: t.t('composer.shortcut.title', {
      action: t.t(actionLabel(action)),
      shortcut: shortcutLabel(action, MAC),
    }),
  }
}

function SaveStatusText({ status }: { status: SaveStatus }) {
  const t = useT()
  const text =
    status.phase === 'saving' || status.phase === 'pending'
      ? t.t('composer.saving')
      : status.phase === 'saved'
        ? t.t('composer.savedAt', {
            time: t.dateTime(status.at, { hour: '2-digit', minute: '2-digit' }),
          })
        : status.phase === 'failed'
          ? t.t('composer.notSaved')
          : ''
  return (
    <span className="save-status" data-phase={status.phase}>
      {text}
    </span>
  )
}

interface ComposerProps {
  composer: ComposerModel
  actions: MessageActions
  accounts: readonly AccountView[]
  dragging: boolean
}

/** The message being written: From, To/Cc/Bcc, Subject, body, attachments, Send. */
export function Composer({ composer, actions, accounts, dragging }: ComposerProps) {
  const t = useT()
  const { state, fromEmail, busy, setFields } = composer
  const titleId = useId()
  const { send: sendMessage } = actions
  const send = useCallback(() => void sendMessage(), [sendMessage])
  // The message's language, else the window's (the pseudo-locale writes English).
  const lang = state.lang ?? (isLanguage(t.language) ? t.language : 'en')

  const plain = state.format === 'plain'
  const { toggleFormat } = composer
  const formatSwitch = useMemo(
    () => <FormatSwitch plain={plain} disabled={busy} onToggle={toggleFormat} />,
    [plain, busy, toggleFormat],
  )

  const [sheetOpen, setSheetOpen] = useState(false)
  const laterMenu = useRef<SendLaterHandle>(null)
  const [templatesOpen, setTemplatesOpen] = useState(false)
  // The editor's handle, for templates (save its own text, insert into it).
  const editor = useRef<EditorHandle | null>(null)
  const { onEditorReady } = composer
  const onReady = useCallback(
    (handle: EditorHandle | null) => {
      editor.current = handle
      onEditorReady(handle)
    },
    [onEditorReady],
  )
  const [announced, setAnnounced] = useState('')
  const recipientInputs = {
    cc: useRef<HTMLInputElement>(null),
    bcc: useRef<HTMLInputElement>(null),
  }
  const reveal = (field: 'cc' | 'bcc'): void => revealField(composer, recipientInputs, field)
  // Next and previous account: From cycles through the accounts, wrapping, and says so.
  const cycleAccount = (step: 1 | -1): void => {
    const next = cycleAddress(
      accounts.map((account) => account.email),
      fromEmail,
      step,
    )
    if (next === null) return
    // The account's default address (an alias chosen for another account does not carry over).
    setFields({ from: next, fromAddress: undefined })
    setAnnounced(t.t('composer.shortcut.fromChanged', { account: next }))
  }
  // While a message is being sent the form is disabled: its keys wait too (the sheet opens).
  const keys = useComposerShortcuts({
    send,
    showCc: () => {
      if (!busy) reveal('cc')
    },
    showBcc: () => {
      if (!busy) reveal('bcc')
    },
    attach: () => {
      if (!busy) void actions.attachPicked()
    },
    // From To or Subject: to the body, where Ctrl+K (again) opens the link form at the text.
    insertLink: () => {
      if (!busy) composer.requestFocus('body')
    },
    nextAccount: () => {
      if (!busy) cycleAccount(1)
    },
    previousAccount: () => {
      if (!busy) cycleAccount(-1)
    },
    shortcuts: () => setSheetOpen(true),
    // Send's menu of later times (send-later).
    sendLater: () => {
      if (!busy) laterMenu.current?.open()
    },
    insertTemplate: () => {
      if (!busy) setTemplatesOpen(true)
    },
    togglePlainText: () => {
      if (!busy) toggleFormat()
    },
  })

  const hasContent = state.touched || state.draftId !== undefined
  return (
    <section
      className="composer"
      aria-labelledby={titleId}
      aria-busy={busy}
      onKeyDown={keys.onKeyDown}
    >
      <ComposerHeader composer={composer} titleId={titleId} hasContent={hasContent} />
      {/* The fields and the body scroll together; the attachments and Send stay in sight. */}
      <div className="composer-body">
        <FromField
          accounts={accounts}
          value={fromEmail}
          address={composer.fromAddress}
          disabled={busy}
          onChange={(from, fromAddress) => setFields({ from, fromAddress })}
        />
        <RecipientFields
          composer={composer}
          inputs={recipientInputs}
          reveal={reveal}
          refusedEntry={actions.problem?.about === 'recipients' ? actions.problem.entry : null}
        />
        <p className="visually-hidden" role="status">
          {announced}
        </p>
        {/* An entry that cannot be used is told of by its own field; this is for "no one". */}
        {actions.problem?.about === 'recipients' && actions.problem.entry === null && (
          <InlineError error={actions.problem.error} context="send" />
        )}
        <SubjectField
          inputRef={composer.subjectInput}
          value={state.subject}
          disabled={busy}
          onChange={(subject) => setFields({ subject })}
          language={
            <DraftLanguage
              value={lang}
              disabled={busy}
              onChange={(next) => setFields({ lang: next })}
            />
          }
        />
        {composer.formatQuestion !== null && (
          <FormatQuestion losses={composer.formatQuestion} onAnswer={composer.answerFormat} />
        )}
        <BodyEditor
          fallback={<EditorLoading />}
          key={state.session}
          initialHtml={state.initialHtml}
          lang={lang}
          disabled={busy}
          plain={plain}
          formatSwitch={formatSwitch}
          onReady={onReady}
          onChange={composer.onBodyChange}
          onShortcutKey={keys.editorKey}
        />
      </div>
      <AttachmentList
        attachments={state.attachments}
        disabled={busy}
        broken={actions.brokenAttachments}
        problem={actions.problem?.about === 'attachment' ? actions.problem : null}
        onRemove={(id) => void actions.removeAttachment(id)}
      />
      <ComposerFooter
        actions={actions}
        busy={busy}
        hasContent={hasContent}
        onShortcuts={() => setSheetOpen(true)}
        laterMenu={laterMenu}
        templates={
          <TemplatesControl
            composer={composer}
            editor={editor}
            open={templatesOpen}
            onOpenChange={setTemplatesOpen}
          />
        }
      />
      <ShortcutsSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      <SendQuestion
        kind={actions.question}
        onAnswer={(answer, dontAsk) => void actions.answerQuestion(answer, dontAsk)}
      />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <Icon name="paperclip" />
          {t.t('composer.dropFiles')}
        </div>
      )}
    </section>
  )
}

type RecipientInputs = Record<'cc' | 'bcc', RefObject<HTMLInputElement | null>>

/** Shows Cc or Bcc (a button, its key, the menu) and puts the keyboard there. */
function revealField(composer: ComposerModel, inputs: RecipientInputs, field: 'cc' | 'bcc') {
  // Rendered now (a menu click comes outside React's events, whose updates wait), so the keyboard
  // lands in the field at once, where the person asked.
  flushSync(() => composer.reveal(field))
  inputs[field].current?.focus()
}

function EditorLoading() {
  const t = useT()
  return (
    <div className="editor editor-loading" aria-busy="true">
      <span className="muted">{t.t('composer.loadingEditor')}</span>
    </div>
  )
}

/** The subject as the title, whether the draft is saved, and New message. */
function ComposerHeader({
  composer,
  titleId,
  hasContent,
}: {
  composer: ComposerModel
  titleId: string
  hasContent: boolean
}) {
  const t = useT()
  return (
    <header className="composer-header">
      <h2 id={titleId} className="composer-title">
        {composer.state.subject.trim() || t.t('composer.newMessage')}
      </h2>
      <SaveStatusText status={composer.saveStatus} />
      {hasContent && (
        <button
          type="button"
          className="button small quiet"
          disabled={composer.busy}
          onClick={() => void composer.startNew()}
        >
          {t.t('composer.newMessage')}
        </button>
      )}
    </header>
  )
}

type RecipientKind = 'to' | 'cc' | 'bcc'
const RECIPIENT_LABELS = {
  to: 'composer.field.to',
  cc: 'composer.field.cc',
  bcc: 'composer.field.bcc',
} as const

/** To, and Cc and Bcc once asked for, with suggestions from the From account's history. */
function RecipientFields({
  composer,
  inputs,
  reveal,
  refusedEntry,
}: {
  composer: ComposerModel
  inputs: RecipientInputs
  reveal(field: 'cc' | 'bcc'): void
  /** The entry Send was refused for, if any: its field says why. */
  refusedEntry: string | null
}) {
  const { state, fromEmail, busy, setFields } = composer
  const t = useT()
  const suggest = useCallback(
    (typed: string, exclude: ReadonlySet<string>) =>
      fromEmail === null ? [] : suggestRecipients(fromEmail, typed, exclude),
    [fromEmail],
  )
  const hidden = { cc: !state.showCc, bcc: !state.showBcc }

  const labels = {
    to: t.t(RECIPIENT_LABELS.to),
    cc: t.t(RECIPIENT_LABELS.cc),
    bcc: t.t(RECIPIENT_LABELS.bcc),
  }
  const field = (kind: RecipientKind, extras?: ReactNode) => (
    <RecipientField
      label={t.t(RECIPIENT_LABELS[kind])}
      entries={state[kind]}
      onChange={(entries) => setFields({ [kind]: entries })}
      elsewhere={addressesElsewhere(state, labels, kind)}
      suggest={suggest}
      disabled={busy}
      inputRef={kind === 'to' ? composer.toInput : inputs[kind]}
      refused={refusedEntry !== null && state[kind].includes(refusedEntry)}
    >
      {extras}
    </RecipientField>
  )
  return (
    <>
      {field(
        'to',
        <span className="field-extras">
          {(['cc', 'bcc'] as const).map(
            (kind) =>
              hidden[kind] && (
                <button
                  key={kind}
                  type="button"
                  className="link-button"
                  {...shortcutProps(t, kind === 'cc' ? 'showCc' : 'showBcc')}
                  onClick={() => reveal(kind)}
                >
                  {t.t(RECIPIENT_LABELS[kind])}
                </button>
              ),
          )}
        </span>,
      )}
      {state.showCc && field('cc')}
      {state.showBcc && field('bcc')}
    </>
  )
}

function SubjectField({
  inputRef,
  value,
  disabled,
  onChange,
  language,
}: {
  inputRef: RefObject<HTMLInputElement | null>
  value: string
  disabled: boolean
  onChange(subject: string): void
  /** The message's language selector, at the end of the row. */
  language: ReactNode
}) {
  const t = useT()
  const subjectId = useId()
  return (
    <div className="field-row">
      <label className="field-label" htmlFor={subjectId}>
        {t.t('composer.field.subject')}
      </label>
      <input
        ref={inputRef}
        id={subjectId}
        className="subject-input"
        type="text"
        value={value}
        disabled={disabled}
        maxLength={2_000}
        onChange={(event) => onChange(event.target.value)}
      />
      {language}
    </div>
  )
}

/** Send (with its shortcut), Attach files, and Discard once there is something to discard. */
function ComposerFooter({
  actions,
  busy,
  hasContent,
  onShortcuts,
  laterMenu,
  templates,
}: {
  actions: MessageActions
  busy: boolean
  hasContent: boolean
  /** Opens the shortcuts sheet. */
  onShortcuts(): void
  /** Send's ▾ menu (send later), opened by its shortcut too. */
  laterMenu: RefObject<SendLaterHandle | null>
  /** The Templates button and its dialog. */
  templates: ReactNode
}) {
  const t = useT()
  const { problem } = actions
  return (
    <footer className="composer-footer">
      {(problem?.about === 'attach' || problem?.about === 'send') && (
        <InlineError
          error={problem.error}
          context={problem.about === 'attach' ? 'attachment' : 'send'}
          onDismiss={actions.dismissProblem}
        />
      )}
      <span className="send-split">
        <button
          type="button"
          className="button primary send-button"
          disabled={busy}
          {...shortcutProps(t, 'send')}
          onClick={() => void actions.send()}
        >
          <Icon name="send" />
          {busy ? t.t('composer.sending') : t.t('composer.send')}
        </button>
        <SendLaterButton
          ref={laterMenu}
          disabled={busy}
          onSchedule={(at, zone) => void actions.sendLater(at, zone)}
        />
      </span>
      <span className="shortcut-hint" aria-hidden="true">
        {shortcutLabel('send', MAC)}
      </span>
      <button
        type="button"
        className="button"
        disabled={busy}
        {...shortcutProps(t, 'attach')}
        onClick={() => void actions.attachPicked()}
      >
        <Icon name="paperclip" />
        {t.t('composer.attachFiles')}
      </button>
      {templates}
      <span className="footer-spacer" />
      <ShortcutsButton onOpen={onShortcuts} />
      {hasContent && (
        <button
          type="button"
          className="button quiet"
          disabled={busy}
          onClick={() => void actions.discard()}
        >
          {t.t('composer.discard')}
        </button>
      )}
    </footer>
  )
}
