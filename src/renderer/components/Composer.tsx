import { lazy, Suspense, useCallback, useId, useRef, type KeyboardEvent } from 'react'
import type { AccountView } from '../../shared/domain'
import type { SaveStatus } from '../draft-saver'
import type { Composer as ComposerModel } from '../hooks/use-composer'
import type { MessageActions } from '../hooks/use-message-actions'
import { suggestRecipients } from '../recipient-history'
import { AttachmentList } from './AttachmentList'
import { FromField } from './FromField'
import { Icon } from './Icon'
import { RecipientField } from './RecipientField'

/** TipTap and ProseMirror are most of the window's code: they load after the first paint. */
const BodyEditor = lazy(() =>
  import('./BodyEditor').then((module) => ({ default: module.BodyEditor })),
)

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘ Enter' : 'Ctrl+Enter'

function SaveStatusText({ status }: { status: SaveStatus }) {
  const text =
    status.phase === 'saving' || status.phase === 'pending'
      ? 'Saving…'
      : status.phase === 'saved'
        ? `Draft saved ${status.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
        : status.phase === 'failed'
          ? 'Not saved'
          : ''
  return (
    <span className="save-status" data-phase={status.phase}>
      {text}
    </span>
  )
}

/** The message being written: From, To/Cc/Bcc, Subject, body, attachments, Send. */
export function Composer({
  composer,
  actions,
  accounts,
  dragging,
}: {
  composer: ComposerModel
  actions: MessageActions
  accounts: readonly AccountView[]
  dragging: boolean
}) {
  const { state, fromEmail, busy, setFields } = composer
  const titleId = useId()
  const subjectId = useId()
  const ccInput = useRef<HTMLInputElement>(null)
  const bccInput = useRef<HTMLInputElement>(null)

  const { send: sendMessage } = actions
  const send = useCallback(() => void sendMessage(), [sendMessage])
  const suggest = useCallback(
    (typed: string, exclude: ReadonlySet<string>) =>
      fromEmail === null ? [] : suggestRecipients(fromEmail, typed, exclude),
    [fromEmail],
  )

  function reveal(field: 'cc' | 'bcc'): void {
    composer.reveal(field)
    // The field exists after this render; focus it so the keyboard lands where the person asked.
    requestAnimationFrame(() => (field === 'cc' ? ccInput : bccInput).current?.focus())
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
    // The editor handles the shortcut itself (and says so by preventing the default).
    if (event.nativeEvent.defaultPrevented) return
    event.preventDefault()
    void actions.send()
  }

  const hasContent = state.touched || state.draftId !== undefined
  return (
    <section className="composer" aria-labelledby={titleId} aria-busy={busy} onKeyDown={onKeyDown}>
      <header className="composer-header">
        <h2 id={titleId} className="composer-title">
          {state.subject.trim() || 'New message'}
        </h2>
        <SaveStatusText status={composer.saveStatus} />
        {hasContent && (
          <button
            type="button"
            className="button small quiet"
            disabled={busy}
            onClick={() => void composer.startNew()}
          >
            New message
          </button>
        )}
      </header>
      <FromField
        accounts={accounts}
        value={fromEmail}
        disabled={busy}
        onChange={(from) => setFields({ from })}
      />
      <RecipientField
        label="To"
        entries={state.to}
        onChange={(to) => setFields({ to })}
        suggest={suggest}
        disabled={busy}
      >
        <span className="field-extras">
          {!state.showCc && (
            <button type="button" className="link-button" onClick={() => reveal('cc')}>
              Cc
            </button>
          )}
          {!state.showBcc && (
            <button type="button" className="link-button" onClick={() => reveal('bcc')}>
              Bcc
            </button>
          )}
        </span>
      </RecipientField>
      {state.showCc && (
        <RecipientField
          label="Cc"
          entries={state.cc}
          onChange={(cc) => setFields({ cc })}
          suggest={suggest}
          disabled={busy}
          inputRef={ccInput}
        />
      )}
      {state.showBcc && (
        <RecipientField
          label="Bcc"
          entries={state.bcc}
          onChange={(bcc) => setFields({ bcc })}
          suggest={suggest}
          disabled={busy}
          inputRef={bccInput}
        />
      )}
      <div className="field-row">
        <label className="field-label" htmlFor={subjectId}>
          Subject
        </label>
        <input
          id={subjectId}
          className="subject-input"
          type="text"
          value={state.subject}
          disabled={busy}
          maxLength={2_000}
          onChange={(event) => setFields({ subject: event.target.value })}
        />
      </div>
      <Suspense
        fallback={
          <div className="editor editor-loading" aria-busy="true">
            <span className="muted">Loading the editor…</span>
          </div>
        }
      >
        <BodyEditor
          key={state.session}
          initialHtml={state.initialHtml}
          disabled={busy}
          onReady={composer.onEditorReady}
          onChange={composer.onBodyChange}
          onSend={send}
        />
      </Suspense>
      <AttachmentList
        attachments={state.attachments}
        disabled={busy}
        onRemove={(id) => void actions.removeAttachment(id)}
      />
      <footer className="composer-footer">
        <button
          type="button"
          className="button primary send-button"
          disabled={busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => void actions.send()}
        >
          <Icon name="send" />
          {busy ? 'Sending…' : 'Send'}
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
          Attach files
        </button>
        <span className="footer-spacer" />
        {hasContent && (
          <button
            type="button"
            className="button quiet"
            disabled={busy}
            onClick={() => void actions.discard()}
          >
            Discard
          </button>
        )}
      </footer>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <Icon name="paperclip" />
          Drop files to attach them
        </div>
      )}
    </section>
  )
}
