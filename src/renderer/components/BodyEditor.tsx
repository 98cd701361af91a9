import Placeholder from '@tiptap/extension-placeholder'
import { Color, TextStyle } from '@tiptap/extension-text-style'
import { EditorContent, Extension, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import type { Transaction } from '@tiptap/pm/state'
import { memo, useEffect, useRef, useState } from 'react'
import { useT } from '../i18n/I18n'
import { cleanPastedHtml, sanitizeHtml, type LeftOutImages } from '../sanitize-html'
import { SIGNATURE_META, swapSignature } from '../signature-swap'
import { EDITOR_NODES } from './editor-nodes'
import { EditorToolbar } from './EditorToolbar'
import { LinkForm } from './LinkForm'
import './editor.css'

/** What the composer may ask of the editor. */
export interface EditorHandle {
  /** The body as safe HTML for saving and sending. */
  html(): string
  /** See `swapSignature`. */
  swapSignature(previousHtml: string, nextHtml: string): boolean
  focus(): void
}

/** The editor's side of the composer. */
export interface BodyEditorProps {
  /** The body it starts with; a new message or another draft mounts a new editor. */
  readonly initialHtml: string
  readonly disabled: boolean
  onReady(handle: EditorHandle | null): void
  /** The person changed the text (`true`), or a signature was swapped (`false`). */
  onChange(byPerson: boolean): void
  /** Ctrl/Cmd+Enter. */
  onSend(): void
}

/** What the editor's keys and events call back into; read when they happen, never in a render. */
interface Callbacks {
  onChange(byPerson: boolean): void
  onSend(): void
  openLink(): void
  /** The placeholder and the body's accessible name, in the window's language. */
  words: { readonly placeholder: string; readonly label: string }
  /** What a paste left out (pictures, by reason). */
  pasted(leftOut: LeftOutImages): void
}

/**
 * TipTap's options, made once per editor: `useEditor` compares them on every render and, when
 * they differ, resets the view's props, which can drop a selection ProseMirror has not read yet.
 */
function editorOptions(initialHtml: string, callbacks: { readonly current: Callbacks }) {
  return {
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
        },
      }),
      TextStyle,
      Color,
      ...EDITOR_NODES,
      Placeholder.configure({ placeholder: () => callbacks.current.words.placeholder }),
      Extension.create({
        name: 'composerKeys',
        // Above StarterKit's hard break, which also wants Mod-Enter.
        priority: 1000,
        addKeyboardShortcuts: () => ({
          'Mod-Enter': () => {
            callbacks.current.onSend()
            return true
          },
          'Mod-k': () => {
            callbacks.current.openLink()
            return true
          },
        }),
      }),
    ],
    content: initialHtml,
    editorProps: {
      // A function, so ProseMirror reads the label again at each update (a language change).
      attributes: () => ({
        'aria-label': callbacks.current.words.label,
        'aria-multiline': 'true',
        class: 'editor-content',
        spellcheck: 'true',
      }),
      transformPastedHTML: (html: string) => {
        const cleaned = cleanPastedHtml(html)
        callbacks.current.pasted(cleaned.leftOut)
        return cleaned.html
      },
    },
    onUpdate: ({ transaction }: { transaction: Transaction }) => {
      callbacks.current.onChange(transaction.getMeta(SIGNATURE_META) !== true)
    },
  }
}

/** The sentence(s) saying which pictures a paste left out, in the window's language; '' for none. */
function leftOutNote(t: ReturnType<typeof useT>, leftOut: LeftOutImages): string {
  const parts: string[] = []
  if (leftOut.elsewhere > 0)
    parts.push(t.t('composer.paste.elsewhere', { count: leftOut.elsewhere }))
  if (leftOut.tooLarge > 0) parts.push(t.t('composer.paste.tooLarge', { count: leftOut.tooLarge }))
  if (leftOut.unsupported > 0)
    parts.push(t.t('composer.paste.unsupported', { count: leftOut.unsupported }))
  return parts.join(' ')
}

/**
 * The message body: TipTap's StarterKit cut down to what mail needs (bold, italic, underline,
 * strike-through, colour, links, lists, headings, quotes, simple tables, `data:` pictures),
 * pastes cleaned (`cleanPastedHtml`) before ProseMirror reads them; a paste that left pictures
 * out says so next to the editor until dismissed or the next paste.
 */
export const BodyEditor = memo(function BodyEditor({
  initialHtml,
  disabled,
  onReady,
  onChange,
  onSend,
}: BodyEditorProps) {
  const [linking, setLinking] = useState(false)
  const [leftOut, setLeftOut] = useState<LeftOutImages | null>(null)
  const t = useT()
  const words = { placeholder: t.t('composer.body.placeholder'), label: t.t('composer.body.label') }
  const callbacks = useRef<Callbacks>({
    onChange,
    onSend,
    openLink: () => setLinking(true),
    words,
    pasted: (counts) => setLeftOut(counts),
  })
  useEffect(() => {
    callbacks.current = {
      onChange,
      onSend,
      openLink: () => setLinking(true),
      words,
      pasted: (counts) => setLeftOut(counts),
    }
  })
  const note = leftOut === null ? '' : leftOutNote(t, leftOut)
  const [options] = useState(() => editorOptions(initialHtml, callbacks))
  const editor = useEditor(options)

  useEffect(() => {
    editor.setEditable(!disabled, false)
  }, [editor, disabled])

  // A new language: an empty transaction redraws the placeholder and the label (not an edit).
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false))
  }, [editor, t])

  useEffect(() => {
    onReady({
      html: () => sanitizeHtml(editor.getHTML()),
      swapSignature: (previous, next) => swapSignature(editor, previous, next),
      focus: () => editor.commands.focus(),
    })
    return () => onReady(null)
  }, [editor, onReady])

  return (
    <div className="editor">
      <EditorToolbar editor={editor} onLink={() => setLinking(true)} />
      {linking && <LinkForm editor={editor} onClose={() => setLinking(false)} />}
      {note !== '' && (
        <div className="paste-note" role="status">
          <p>{note}</p>
          <button
            type="button"
            className="paste-note-close"
            aria-label={t.t('composer.paste.dismiss')}
            title={t.t('composer.paste.dismiss')}
            onClick={() => {
              setLeftOut(null)
              editor.commands.focus()
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      <EditorContent editor={editor} className="editor-scroll" />
    </div>
  )
})
