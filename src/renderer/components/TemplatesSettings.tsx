import { useEffect, useId, useState, type FormEvent } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { TemplateSummary } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { callSafely } from '../call-safely'
import { errorSentence } from '../error-text'
import { TEMPLATES_CHANGED } from '../hooks/use-templates'
import { useT } from '../i18n/I18n'
import './templates.css'
import { useModalDialog } from '../hooks/use-modal-dialog'

/** A failure shown under what it is about: our title, and main's sentence for the detail. */
interface Problem {
  readonly id: string | null
  readonly title: string
  readonly error: PostlineError
}

/**
 * The templates in Settings: each with what it fills in, Rename (in place) and Delete (asked
 * first); an empty list says how to make one. Main answers the new list after each change.
 */
export function TemplatesSettings({ api = window.postline }: { api?: PostlineApi }) {
  const t = useT()
  const titleId = useId()
  const [list, setList] = useState<readonly TemplateSummary[] | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<TemplateSummary | null>(null)

  useEffect(() => {
    let live = true
    const load = () =>
      void callSafely(() => api.templates.list()).then((result) => {
        if (!live) return
        if (result.ok) setList(result.value)
        else
          setProblem({ id: null, title: t.t('settings.templates.notLoaded'), error: result.error })
      })
    load()
    window.addEventListener(TEMPLATES_CHANGED, load)
    return () => {
      live = false
      window.removeEventListener(TEMPLATES_CHANGED, load)
    }
  }, [api, t])

  async function rename(id: string, name: string): Promise<boolean> {
    const result = await callSafely(() => api.templates.rename(id, name))
    if (!result.ok) {
      setProblem({ id, title: t.t('settings.templates.notRenamed'), error: result.error })
      return false
    }
    setList(result.value)
    setProblem(null)
    setRenaming(null)
    return true
  }

  async function remove(template: TemplateSummary): Promise<void> {
    const result = await callSafely(() => api.templates.delete(template.id))
    setDeleting(null)
    if (!result.ok) {
      setProblem({
        id: template.id,
        title: t.t('settings.templates.notDeleted'),
        error: result.error,
      })
      return
    }
    setList(result.value)
    setProblem(null)
  }

  return (
    <section className="settings-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="panel-subtitle">
        {t.t('settings.templates')}
      </h3>
      <p className="form-note">{t.t('settings.templates.note')}</p>
      {problem !== null && problem.id === null && <ProblemLine problem={problem} />}
      {list !== null && list.length === 0 && (
        <p className="panel-note templates-empty">{t.t('settings.templates.empty')}</p>
      )}
      {list !== null && list.length > 0 && (
        <ul className="templates-list">
          {list.map((template) => (
            <li key={template.id} className="template-row">
              {renaming === template.id ? (
                <RenameForm
                  template={template}
                  onSave={(name) => rename(template.id, name)}
                  onCancel={() => {
                    setRenaming(null)
                    setProblem(null)
                  }}
                />
              ) : (
                <TemplateLine
                  template={template}
                  onRename={() => {
                    setProblem(null)
                    setRenaming(template.id)
                  }}
                  onDelete={() => setDeleting(template)}
                />
              )}
              {problem?.id === template.id && <ProblemLine problem={problem} />}
            </li>
          ))}
        </ul>
      )}
      <DeleteDialog
        template={deleting}
        onDelete={(template) => void remove(template)}
        onCancel={() => setDeleting(null)}
      />
    </section>
  )
}

function ProblemLine({ problem }: { problem: Problem }) {
  const t = useT()
  return (
    <p className="inline-error" role="alert" data-code={problem.error.code}>
      {problem.title} {errorSentence(t, problem.error)}
    </p>
  )
}

/** A template's name, what it fills in, and its two buttons. */
function TemplateLine({
  template,
  onRename,
  onDelete,
}: {
  template: TemplateSummary
  onRename(): void
  onDelete(): void
}) {
  const t = useT()
  const recipients = template.to.length + template.cc.length + template.bcc.length
  return (
    <>
      <span className="template-row-text">
        <span className="template-row-name">{template.name}</span>
        <span className="template-row-detail">
          {t.t('settings.templates.detail', {
            subject: template.subject,
            hasSubject: template.subject === '' ? 'no' : 'yes',
            recipients,
            files: template.attachments.length,
          })}
        </span>
      </span>
      <button
        type="button"
        className="button small"
        aria-label={t.t('settings.templates.renameNamed', { name: template.name })}
        onClick={onRename}
      >
        {t.t('settings.templates.rename')}
      </button>
      <button
        type="button"
        className="button small"
        aria-label={t.t('settings.templates.deleteNamed', { name: template.name })}
        onClick={onDelete}
      >
        {t.t('settings.templates.delete')}
      </button>
    </>
  )
}

/** The name in place, editable; Enter saves, Escape cancels. */
function RenameForm({
  template,
  onSave,
  onCancel,
}: {
  template: TemplateSummary
  onSave(name: string): Promise<boolean>
  onCancel(): void
}) {
  const t = useT()
  const [name, setName] = useState(template.name)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    await onSave(name)
    setBusy(false)
  }

  return (
    <form className="template-rename" onSubmit={(event) => void submit(event)}>
      <input
        className="text-input"
        type="text"
        value={name}
        autoFocus
        aria-label={t.t('settings.templates.newName', { name: template.name })}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            onCancel()
          }
        }}
      />
      <button type="submit" className="button small" disabled={busy}>
        {t.t('settings.templates.saveName')}
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        {t.t('common.cancel')}
      </button>
    </form>
  )
}

/** Delete, asked first: what goes and what stays. */
function DeleteDialog({
  template,
  onDelete,
  onCancel,
}: {
  template: TemplateSummary | null
  onDelete(template: TemplateSummary): void
  onCancel(): void
}) {
  const t = useT()
  const ref = useModalDialog(template !== null)
  const titleId = useId()
  const textId = useId()
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onCancel}
    >
      {template && (
        <>
          <h2 id={titleId} className="dialog-title">
            {t.t('settings.templates.deleteTitle', { name: template.name })}
          </h2>
          <div id={textId} className="dialog-text">
            <p>{t.t('settings.templates.deleteText')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel} autoFocus>
              {t.t('common.cancel')}
            </button>
            <button type="button" className="button danger" onClick={() => onDelete(template)}>
              {t.t('settings.templates.delete')}
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
