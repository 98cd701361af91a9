import {
  lazy,
  Suspense,
  useCallback,
  useId,
  useMemo,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import type { AccountView } from '../../shared/domain'
import { isLanguage } from '../../shared/i18n/languages'
import type { SaveStatus } from '../draft-saver'
import type { Composer as ComposerModel } from '../hooks/use-composer'
import type { MessageActions } from '../hooks/use-message-actions'
import { suggestRecipients } from '../recipient-history'
import { AttachmentList } from './AttachmentList'
import { DraftLanguage } from './DraftLanguage'
import { FromField } from './FromField'
import { InlineError } from './InlineError'
import { SendQuestion } from './SendQuestion'
import { Icon } from './Icon'
import { addressesElsewhere, RecipientField } from './RecipientField'
import { useT } from '../i18n/I18n'
import { isMacPlatform, matchesShortcut } from '../../shared/shortcuts'
import { FormatQuestion, FormatSwitch } from './PlainTextSwitch'

/** TipTap and ProseMirror are most of the window's code: they load after the first paint. */
const BodyEditor = lazy(() =>
  import('./BodyEditor').then((module) => ({ default: module.BodyEditor })),
)

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘ Enter' : 'Ctrl+Enter'

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

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (matchesShortcut(event, 'togglePlainText', isMacPlatform(navigator.platform))) {
      event.preventDefault()
      if (!busy) toggleFormat()
      return
    }
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
    // The editor handles the shortcut itself (and says so by preventing the default).
    if (event.nativeEvent.defaultPrevented) return
    event.preventDefault()
    void actions.send()
  }

  const hasContent = state.touched || state.draftId !== undefined
  return (
    <section className="composer" aria-labelledby={titleId} aria-busy={busy} onKeyDown={onKeyDown}>
      <ComposerHeader composer={composer} titleId={titleId} hasContent={hasContent} />
      {/* The fields and the body scroll together; the attachments and Send stay in sight. */}
      <div className="composer-body">
        <FromField
          accounts={accounts}
          value={fromEmail}
          disabled={busy}
          onChange={(from) => setFields({ from })}
        />
        <RecipientFields composer={composer} />
        {actions.problem?.about === 'recipients' && (
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
        <Suspense fallback={<EditorLoading />}>
          <BodyEditor
            key={state.session}
            initialHtml={state.initialHtml}
            lang={lang}
            disabled={busy}
            plain={plain}
            formatSwitch={formatSwitch}
            onReady={composer.onEditorReady}
            onChange={composer.onBodyChange}
            onSend={send}
          />
        </Suspense>
      </div>
      <AttachmentList
        attachments={state.attachments}
        disabled={busy}
        broken={actions.brokenAttachments}
        problem={actions.problem?.about === 'attachment' ? actions.problem : null}
        onRemove={(id) => void actions.removeAttachment(id)}
      />
      <ComposerFooter actions={actions} busy={busy} hasContent={hasContent} />
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
function RecipientFields({ composer }: { composer: ComposerModel }) {
  const { state, fromEmail, busy, setFields } = composer
  const t = useT()
  const inputs = { cc: useRef<HTMLInputElement>(null), bcc: useRef<HTMLInputElement>(null) }
  const suggest = useCallback(
    (typed: string, exclude: ReadonlySet<string>) =>
      fromEmail === null ? [] : suggestRecipients(fromEmail, typed, exclude),
    [fromEmail],
  )
  const hidden = { cc: !state.showCc, bcc: !state.showBcc }

  function reveal(field: 'cc' | 'bcc'): void {
    composer.reveal(field)
    // The field exists after this render; focus it so the keyboard lands where the person asked.
    requestAnimationFrame(() => inputs[field].current?.focus())
  }

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
}: {
  actions: MessageActions
  busy: boolean
  hasContent: boolean
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
      <button
        type="button"
        className="button primary send-button"
        disabled={busy}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onClick={() => void actions.send()}
      >
        <Icon name="send" />
        {busy ? t.t('composer.sending') : t.t('composer.send')}
      </button>
      <span className="shortcut-hint" aria-hidden="true">
        {SHORTCUT}
      </span>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void actions.attachPicked()}
      >
        <Icon name="paperclip" />
        {t.t('composer.attachFiles')}
      </button>
      <span className="footer-spacer" />
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
