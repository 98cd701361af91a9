import type { Editor } from '@tiptap/react'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useT } from '../i18n/I18n'

/** A typed address as a link target: web pages get `https://` when no scheme was typed. */
export function linkTarget(typed: string): string | null {
  const text = typed.trim()
  if (text === '') return null
  if (/^(https?:\/\/|mailto:)/i.test(text)) return text
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`
  if (/^[^\s/:]+\.[^\s]+$/.test(text)) return `https://${text}`
  return null
}

/** Adds, changes or removes the link on the selection; Escape goes back to the text.
 * Over 60 lines, on purpose: most of it is one small form's markup; the URL rule is `linkTarget` above.
 */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const t = useT()
  const inputId = useId()
  const hintId = useId()
  const input = useRef<HTMLInputElement>(null)
  const current = editor.getAttributes('link').href as string | undefined
  const [value, setValue] = useState(current ?? '')
  const [invalid, setInvalid] = useState(false)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  function close(): void {
    onClose()
    editor.commands.focus()
  }

  function apply(event: FormEvent): void {
    event.preventDefault()
    const href = linkTarget(value)
    if (href === null) {
      setInvalid(true)
      return
    }
    const chain = editor.chain().focus().extendMarkRange('link')
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain
        .insertContent({
          type: 'text',
          text: value.trim(),
          marks: [{ type: 'link', attrs: { href } }],
        })
        .run()
    } else {
      chain.setLink({ href }).run()
    }
    onClose()
  }

  function remove(): void {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <form
      className="link-form"
      aria-label={t.t('composer.link.form')}
      onSubmit={apply}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <label htmlFor={inputId}>{t.t('composer.link.target')}</label>
      <input
        ref={input}
        id={inputId}
        className="text-input"
        type="text"
        inputMode="url"
        placeholder={t.t('composer.link.placeholder')}
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid ? hintId : undefined}
        onChange={(event) => {
          setValue(event.target.value)
          setInvalid(false)
        }}
      />
      <button type="submit" className="button small primary">
        {current ? t.t('composer.link.change') : t.t('composer.link.add')}
      </button>
      {current && (
        <button type="button" className="button small" onClick={remove}>
          {t.t('composer.link.remove')}
        </button>
      )}
      <button type="button" className="button small quiet" onClick={close}>
        {t.t('composer.link.cancel')}
      </button>
      {invalid && (
        <p id={hintId} className="field-error">
          {t.t('composer.link.invalid')}
        </p>
      )}
    </form>
  )
}
