import { useCallback, useState, type RefObject } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { Template, TemplateSummary } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { callSafely } from '../call-safely'
import type { EditorHandle } from '../components/BodyEditor'
import type { Composer } from './use-composer'
import type { InsertMode } from '../template-insert'
import { addRecipients } from '../template-recipients'

/** Said in the window when the composer saved a template, so a list on screen reloads. */
export const TEMPLATES_CHANGED = 'postline-templates-changed'

/** What an insert did, for the note the composer shows. */
export interface InsertOutcome {
  readonly template: string
  readonly mode: InsertMode
  /** The names of the template's files that could not be attached (gone from its storage). */
  readonly missing: readonly string[]
}

/** The composer's templates: the list, Save as template, and Insert. */
export interface ComposerTemplates {
  readonly list: readonly TemplateSummary[] | null
  readonly loadError: PostlineError | null
  reload(): Promise<void>
  /** Saves the open message as a template (its attachments copied when `withFiles`). */
  save(name: string, withFiles: boolean): Promise<Result<TemplateSummary>>
  /**
   * Inserts a template. `replace`: the body's own text becomes the template's (the signature
   * stays), an empty subject takes the template's, its recipients are added to To, Cc and Bcc
   * (none removed) and copies of its files are attached. `cursor`: its body only, at the cursor.
   */
  insert(id: string, mode: InsertMode): Promise<Result<InsertOutcome>>
}

/** The templates as the composer uses them, over `api` and the editor's handle. */
export function useComposerTemplates(
  api: PostlineApi,
  composer: Composer,
  editor: RefObject<EditorHandle | null>,
): ComposerTemplates {
  const [list, setList] = useState<readonly TemplateSummary[] | null>(null)
  const [loadError, setLoadError] = useState<PostlineError | null>(null)
  const { collect, save: saveDraft, setFields, reveal, setAttachments } = composer
  const { subject, to, cc, bcc, attachments } = composer.state

  const reload = useCallback(async () => {
    const result = await callSafely(() => api.templates.list())
    if (result.ok) {
      setList(result.value)
      setLoadError(null)
    } else setLoadError(result.error)
  }, [api])

  const save = useCallback(
    async (name: string, withFiles: boolean): Promise<Result<TemplateSummary>> => {
      const fields = collect()
      const html = editor.current?.ownHtml() ?? fields.html
      let draftId: string | undefined
      if (withFiles && attachments.length > 0) {
        const saved = await saveDraft()
        if (!saved.ok) return saved
        draftId = saved.value
      }
      const result = await callSafely(() =>
        api.templates.save(
          name,
          { subject: fields.subject, to: fields.to, cc: fields.cc, bcc: fields.bcc, html },
          draftId,
        ),
      )
      if (result.ok) {
        void reload()
        window.dispatchEvent(new Event(TEMPLATES_CHANGED))
      }
      return result
    },
    [api, attachments.length, collect, editor, reload, saveDraft],
  )

  const insert = useCallback(
    async (id: string, mode: InsertMode): Promise<Result<InsertOutcome>> => {
      const got = await callSafely(() => api.templates.get(id))
      if (!got.ok) return got
      const template: Template = got.value
      editor.current?.insertTemplate(template.html, mode)
      const outcome = { template: template.name, mode, missing: [] as readonly string[] }
      if (mode === 'cursor') return { ok: true, value: outcome }
      const patch = {
        ...(subject.trim() === '' && template.subject !== '' ? { subject: template.subject } : {}),
        to: addRecipients(to, template.to),
        cc: addRecipients(cc, template.cc),
        bcc: addRecipients(bcc, template.bcc),
      }
      setFields(patch)
      if (patch.cc.length > 0) reveal('cc')
      if (patch.bcc.length > 0) reveal('bcc')
      if (template.attachments.length === 0) return { ok: true, value: outcome }
      // The files go on the draft, which exists once saved (the body now has content).
      const saved = await saveDraft()
      if (!saved.ok) return saved
      const attached = await callSafely(() => api.templates.attach(id, saved.value))
      if (!attached.ok) return attached
      setAttachments(attached.value.draft.attachments)
      return { ok: true, value: { ...outcome, missing: attached.value.missing } }
    },
    [api, bcc, cc, editor, reveal, saveDraft, setAttachments, setFields, subject, to],
  )

  return { list, loadError, reload, save, insert }
}
