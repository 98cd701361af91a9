import { useId, useState, type FormEvent, type RefObject } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { PostlineError } from '../../shared/errors'
import { ariaKeyShortcuts, shortcutLabel } from '../../shared/shortcuts'
import { MAC, modifierLabel } from '../editor-keys'
import { errorSentence } from '../error-text'
import type { Composer } from '../hooks/use-composer'
import { useComposerTemplates, type InsertOutcome } from '../hooks/use-templates'
import { useT } from '../i18n/I18n'
import type { InsertMode } from '../template-insert'
import type { EditorHandle } from './BodyEditor'
import './templates.css'
import { useModalDialog } from '../hooks/use-modal-dialog'

/** Which step the dialog shows. */
type Step = 'list' | 'confirm' | 'save'

/**
 * The composer's Templates button (and its shortcut, `insertTemplate`), and the dialog it opens:
 * the templates to insert, replacing the message or at the cursor, and Save this message as a
 * template. Replacing text the person wrote asks first; Undo in the body brings it back.
 */
export function TemplatesControl({
  api = window.postline,
  composer,
  editor,
  open,
  onOpenChange,
}: {
  api?: PostlineApi
  composer: Composer
  editor: RefObject<EditorHandle | null>
  /** Whether the dialog is open (the button or the shortcut opened it). */
  open: boolean
  onOpenChange(open: boolean): void
}) {
  const t = useT()
  const templates = useComposerTemplates(api, composer, editor)
  const [step, setStep] = useState<Step>('list')
  const [chosen, setChosen] = useState<string | null>(null)
  const [problem, setProblem] = useState<{ title: string; error: PostlineError } | null>(null)
  const [working, setWorking] = useState(false)
  const [notice, setNotice] = useState('')
  const titleId = useId()
  const { reload } = templates
  const ref = useModalDialog(open, () => {
    setStep('list')
    setProblem(null)
    setNotice('')
    void reload()
  })

  const list = templates.list ?? []
  const selected = list.find((template) => template.id === chosen) ?? list[0] ?? null

  function close(): void {
    onOpenChange(false)
  }

  async function insert(mode: InsertMode): Promise<void> {
    if (selected === null) return
    if (mode === 'replace' && step !== 'confirm' && editor.current?.hasOwnText() === true) {
      setStep('confirm')
      return
    }
    setWorking(true)
    const result = await templates.insert(selected.id, mode)
    setWorking(false)
    if (!result.ok) {
      setStep('list')
      setProblem({ title: t.t('composer.templates.notInserted'), error: result.error })
      return
    }
    close()
    setNotice(insertedNotice(t, result.value))
  }

  async function save(name: string, withFiles: boolean): Promise<void> {
    setWorking(true)
    const result = await templates.save(name, withFiles)
    setWorking(false)
    if (!result.ok) {
      setProblem({ title: t.t('composer.templates.notSaved'), error: result.error })
      return
    }
    close()
    setNotice(t.t('composer.templates.saved', { name: result.value.name }))
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={composer.busy}
        aria-haspopup="dialog"
        aria-keyshortcuts={ariaKeyShortcuts('insertTemplate')}
        title={t.t('composer.templates.buttonTitle', {
          shortcut: shortcutLabel('insertTemplate', MAC),
        })}
        onClick={() => onOpenChange(true)}
      >
        {t.t('composer.templates.button')}
      </button>
      <span className="template-notice" role="status">
        {notice}
      </span>
      <dialog
        ref={ref}
        className="dialog templates-dialog"
        aria-labelledby={titleId}
        onClose={close}
        // The composer's own keys (Ctrl+Enter sends) are not for what is typed in here.
        onKeyDown={(event) => event.stopPropagation()}
      >
        {step === 'list' && (
          <ListStep
            titleId={titleId}
            list={templates.list}
            loadError={templates.loadError}
            selected={selected?.id ?? null}
            onSelect={setChosen}
            working={working}
            problem={problem}
            onInsert={(mode) => void insert(mode)}
            onSave={() => {
              setProblem(null)
              setStep('save')
            }}
            onCancel={close}
          />
        )}
        {step === 'confirm' && selected !== null && (
          <ConfirmStep
            titleId={titleId}
            name={selected.name}
            working={working}
            onReplace={() => void insert('replace')}
            onCancel={() => setStep('list')}
          />
        )}
        {step === 'save' && (
          <SaveStep
            titleId={titleId}
            fileCount={composer.state.attachments.length}
            working={working}
            problem={problem}
            onSave={(name, withFiles) => void save(name, withFiles)}
            onCancel={close}
          />
        )}
      </dialog>
    </>
  )
}

function insertedNotice(t: ReturnType<typeof useT>, outcome: InsertOutcome): string {
  const inserted = t.t(
    outcome.mode === 'replace'
      ? 'composer.templates.insertedReplace'
      : 'composer.templates.insertedCursor',
    { name: outcome.template },
  )
  if (outcome.missing.length === 0) return inserted
  return `${inserted} ${t.t('composer.templates.filesMissing', {
    count: outcome.missing.length,
    files: t.list(outcome.missing),
  })}`
}

function Problem({ problem }: { problem: { title: string; error: PostlineError } | null }) {
  const t = useT()
  if (problem === null) return null
  return (
    <p className="inline-error" role="alert" data-code={problem.error.code}>
      {problem.title} {errorSentence(t, problem.error)}
    </p>
  )
}

/** The templates to choose from, what each way of inserting does, and Save as template. */
function ListStep({
  titleId,
  list,
  loadError,
  selected,
  onSelect,
  working,
  problem,
  onInsert,
  onSave,
  onCancel,
}: {
  titleId: string
  list: readonly { id: string; name: string; subject: string }[] | null
  loadError: PostlineError | null
  selected: string | null
  onSelect(id: string): void
  working: boolean
  problem: { title: string; error: PostlineError } | null
  onInsert(mode: InsertMode): void
  onSave(): void
  onCancel(): void
}) {
  const t = useT()
  const helpId = useId()
  const empty = list !== null && list.length === 0
  return (
    <>
      <h2 id={titleId} className="dialog-title">
        {t.t('composer.templates.title')}
      </h2>
      {loadError && (
        <Problem problem={{ title: t.t('composer.templates.notLoaded'), error: loadError }} />
      )}
      {empty && <p className="dialog-text">{t.t('composer.templates.empty')}</p>}
      {list !== null && list.length > 0 && (
        <>
          <fieldset className="template-choices" aria-describedby={helpId}>
            <legend className="visually-hidden">{t.t('composer.templates.choose')}</legend>
            {list.map((template) => (
              <label key={template.id} className="template-choice">
                <input
                  type="radio"
                  name="template"
                  value={template.id}
                  checked={template.id === selected}
                  onChange={() => onSelect(template.id)}
                />
                <span className="template-choice-name">{template.name}</span>
                {template.subject !== '' && (
                  <span className="template-choice-subject">{template.subject}</span>
                )}
              </label>
            ))}
          </fieldset>
          <div id={helpId} className="template-help">
            <p>{t.t('composer.templates.replaceHelp')}</p>
            <p>{t.t('composer.templates.cursorHelp')}</p>
          </div>
        </>
      )}
      <Problem problem={problem} />
      <button type="button" className="link-button template-save-link" onClick={onSave}>
        {t.t('composer.templates.saveCurrent')}
      </button>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t.t('common.cancel')}
        </button>
        {list !== null && list.length > 0 && (
          <>
            <button
              type="button"
              className="button"
              disabled={working || selected === null}
              onClick={() => onInsert('cursor')}
            >
              {t.t('composer.templates.insertCursor')}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={working || selected === null}
              onClick={() => onInsert('replace')}
            >
              {t.t('composer.templates.insertReplace')}
            </button>
          </>
        )}
      </div>
    </>
  )
}

/** Replacing text the person wrote: asked first, and how to get it back. */
function ConfirmStep({
  titleId,
  name,
  working,
  onReplace,
  onCancel,
}: {
  titleId: string
  name: string
  working: boolean
  onReplace(): void
  onCancel(): void
}) {
  const t = useT()
  return (
    <>
      <h2 id={titleId} className="dialog-title">
        {t.t('composer.templates.confirmTitle')}
      </h2>
      <div className="dialog-text">
        <p>{t.t('composer.templates.confirmText', { name })}</p>
        <p>
          {t.t('composer.templates.confirmUndo', {
            shortcut: modifierLabel('Z', MAC),
          })}
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t.t('common.cancel')}
        </button>
        <button type="button" className="button danger" disabled={working} onClick={onReplace}>
          {t.t('composer.templates.confirmReplace')}
        </button>
      </div>
    </>
  )
}

/** Save as template: a name, and whether the message's files go with it. */
function SaveStep({
  titleId,
  fileCount,
  working,
  problem,
  onSave,
  onCancel,
}: {
  titleId: string
  fileCount: number
  working: boolean
  problem: { title: string; error: PostlineError } | null
  onSave(name: string, withFiles: boolean): void
  onCancel(): void
}) {
  const t = useT()
  const nameId = useId()
  const noteId = useId()
  const [name, setName] = useState('')
  const [withFiles, setWithFiles] = useState(false)

  function submit(event: FormEvent): void {
    event.preventDefault()
    onSave(name, withFiles)
  }

  return (
    <form onSubmit={submit}>
      <h2 id={titleId} className="dialog-title">
        {t.t('composer.templates.saveTitle')}
      </h2>
      <div className="form-field">
        <label htmlFor={nameId} className="form-label">
          {t.t('composer.templates.name')}
        </label>
        <input
          id={nameId}
          className="text-input"
          type="text"
          value={name}
          autoFocus
          aria-describedby={noteId}
          aria-invalid={problem !== null}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <p id={noteId} className="form-note">
        {t.t('composer.templates.saveNote')}
      </p>
      {fileCount > 0 && (
        <label className="dialog-check">
          <input
            type="checkbox"
            checked={withFiles}
            onChange={(event) => setWithFiles(event.target.checked)}
          />
          {t.t('composer.templates.withFiles', { count: fileCount })}
        </label>
      )}
      <Problem problem={problem} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t.t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={working}>
          {t.t('composer.templates.save')}
        </button>
      </div>
    </form>
  )
}
