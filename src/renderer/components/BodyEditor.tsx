import Placeholder from '@tiptap/extension-placeholder'
import { Color, TextStyle } from '@tiptap/extension-text-style'
import { EditorContent, Extension, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { Fragment, Slice, type Node as ProseMirrorNode, type ResolvedPos } from '@tiptap/pm/model'
import { Plugin, Selection, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { memo, useEffect, useRef, useState, type ReactNode } from 'react'
import { useInSight } from '../hooks/use-in-sight'
import { useT } from '../i18n/I18n'
import { cleanPastedHtml, type LeftOutImages } from '../sanitize-html'
import { SIGNATURE_NODE, SignatureNode } from '../signature-node'
import { SIGNATURE_ATTRIBUTE } from '../../shared/domain'
import {
  hasOwnText,
  replaceSignature,
  signatureIs,
  SIGNATURE_META,
  swapSignature,
  type SwapOutcome,
} from '../signature-swap'
import { insertTemplate, ownHtml, type InsertMode } from '../template-insert'
import type { ComposerShortcuts } from '../hooks/use-composer-shortcuts'
import {
  formattingIn,
  plainHtmlFromRich,
  plainTextOf,
  richHtmlFromPlain,
  type Formatting,
} from '../plain-text'
import { BodyHtml } from '../body-html'
import { EDITOR_NODES } from './editor-nodes'
import type { SignatureOffer } from './SignatureOfferNote'
import { EditorToolbar } from './EditorToolbar'
import { LinkForm } from './LinkForm'
import { SignatureOfferNote } from './SignatureOfferNote'
import './editor.css'

// Where the composer's start goes (read by bench/composer-ready.ts): this chunk has run.
performance.mark('editor-module')
/** The signature block's mark in cleaned HTML, with the start of its tag before it. */
const PASTED_SIGNATURE_MARK = new RegExp(
  `(<div\\b[^>]*?)\\s+${SIGNATURE_ATTRIBUTE}(?:="[^"]*")?`,
  'gi',
)

/** Idle-time cleaning of the body starts once this many blocks have no clean HTML yet. */
const WARM_FROM_BLOCKS = 24
/** Idle-time cleaning stops this close to the end of the page's idle period. */
const WARM_MARGIN_MS = 4
/**
 * A change that brings in at least this much (a paste, an undone deletion, a template) has its
 * blocks cleaned in idle moments; a keystroke's one block is left to the next autosave.
 */
const WARM_AFTER_INSERTED = 2_000
/**
 * TipTap's `delete` extension works out, on a timer after every change, what each change deleted,
 * for `delete` events nothing here listens to: off, so a keystroke does not pay for it.
 */
const CORE_EXTENSIONS = { delete: false } as const

/** What the composer may ask of the editor. */
export interface EditorHandle {
  /** The body as safe HTML for saving and sending. */
  html(): string
  /** See `swapSignature`. */
  swapSignature(previousHtml: string, nextHtml: string): SwapOutcome
  /** Whether the signature block is exactly this one. */
  signatureIs(html: string): boolean
  /**
   * The person's edited signature was kept although `account` now sends: offers to replace it
   * with `nextHtml` (or keep theirs); `onReplaced` runs if they choose to replace it.
   */
  offerSignature(offer: SignatureOffer | null): void
  /** Whether the body holds text of the person's, outside the signature. */
  hasOwnText(): boolean
  /** The body without the signature block (what a template keeps). */
  ownHtml(): string
  /** Puts a template's body in, as one edit Undo reverses (see `insertTemplate`). */
  insertTemplate(html: string, mode: InsertMode): void
  /** The formatting the body has, which plain text would lose (none in plain text). */
  formatting(): Formatting[]
  /** The body for the other format's editor: plain lines from rich text, or paragraphs. */
  convertedHtml(): string
  /** The plain text as sent (plain text only; '' for rich text, whose text main writes). */
  text(): string
  /**
   * Puts the focus in the body: where the caret was, or (`ownTextEnd`) after the last of the
   * person's own text, before the signature block.
   */
  focus(at?: 'ownTextEnd'): void
}

/** The editor's side of the composer. */
export interface BodyEditorProps {
  /** The body it starts with; a new message or another draft mounts a new editor. */
  readonly initialHtml: string
  /** The message's language: spelling is checked in it. */
  readonly lang: string
  readonly disabled: boolean
  /** Plain text: no formatting at all (no toolbar, no marks, pastes as text). */
  readonly plain?: boolean
  /** The rich/plain switch, at the end of the toolbar's row. */
  readonly formatSwitch?: ReactNode
  onReady(handle: EditorHandle | null): void
  /** The person changed the text (`true`), or a signature was swapped (`false`). */
  onChange(byPerson: boolean): void
  /** The composer's keys (src/shared/shortcuts.ts), pressed in the body: its dispatcher. */
  onShortcutKey: ComposerShortcuts['editorKey']
}

/** What the editor's keys and events call back into; read when they happen, never in a render. */
interface Callbacks {
  onChange(byPerson: boolean): void
  onShortcutKey: ComposerShortcuts['editorKey']
  openLink(): void
  /** The placeholder and the body's accessible name, in the window's language. */
  words: { readonly placeholder: string; readonly label: string }
  /** What a paste left out (pictures, by reason). */
  pasted(leftOut: LeftOutImages): void
  /** The message's language, the editable element's `lang`: spelling is checked in it. */
  lang: string
}

/** What a rich body can hold: the nodes and marks of its schema (the tests build it too). */
export function richBodyExtensions() {
  return [
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
    SignatureNode,
  ]
}

/**
 * TipTap's options, made once per editor: `useEditor` compares them on every render and, when
 * they differ, resets the view's props, which can drop a selection ProseMirror has not read yet.
 */
function editorOptions(
  initialHtml: string,
  callbacks: { readonly current: Callbacks },
  plain: boolean,
) {
  // The first render of the editor: TipTap makes the editor right after this.
  performance.mark('editor-render')
  if (plain) return plainEditorOptions(initialHtml, callbacks)
  return {
    extensions: [
      ...richBodyExtensions(),
      Placeholder.configure({ placeholder: () => callbacks.current.words.placeholder }),
      // The editor's own Ctrl+K opens the link form at the text.
      composerKeys(callbacks, () => callbacks.current.openLink()),
    ],
    content: initialHtml,
    enableCoreExtensions: CORE_EXTENSIONS,
    editorProps: {
      attributes: bodyAttributes(callbacks, 'editor-content'),
      transformPastedHTML: (html: string) => {
        const cleaned = cleanPastedHtml(html)
        callbacks.current.pasted(cleaned.leftOut)
        // A pasted signature (even the body's own, copied) is text like any other.
        return cleaned.html.replace(PASTED_SIGNATURE_MARK, '$1')
      },
      handleScrollToSelection: revealNoteAtTop,
    },
    onUpdate: changeReporter(callbacks),
  }
}

/**
 * The composer's keys in the body, before StarterKit's keymaps: its hard break also wants
 * Mod-Enter, its blockquote Mod-Shift-b (Bcc wins; the toolbar's button still quotes). The
 * composer's dispatcher runs every key of the table; `insertLink` is the editor's own Ctrl+K.
 */
function composerKeys(callbacks: { readonly current: Callbacks }, insertLink: () => void) {
  return Extension.create({
    name: 'composerKeys',
    priority: 1000,
    addProseMirrorPlugins: () => [
      new Plugin({
        props: {
          handleKeyDown: (_view, event) => callbacks.current.onShortcutKey(event, { insertLink }),
        },
      }),
    ],
  })
}

/** The body's attributes: a function, so ProseMirror reads them again at each update (a language change). */
function bodyAttributes(callbacks: { readonly current: Callbacks }, className: string) {
  return () => ({
    'aria-label': callbacks.current.words.label,
    'aria-multiline': 'true',
    class: className,
    spellcheck: 'true',
    lang: callbacks.current.lang,
  })
}

/**
 * Where the caret goes when a draft comes back (Undo, restore): at the end of the last block of
 * the person's own text, before the signature block; at the start when there is none.
 */
export function ownTextEnd(doc: ProseMirrorNode): number {
  let end = -1
  let signature = false
  doc.forEach((node, pos) => {
    if (signature) return
    if (node.type.name === SIGNATURE_NODE) signature = true
    else if (node.textContent.trim() !== '') end = pos + node.nodeSize
  })
  if (end < 0) return Selection.atStart(doc).from
  return Selection.near(doc.resolve(end), -1).from
}

/**
 * With the caret in the body's first block, the note above the body (what a paste left out) is
 * brought into sight with it, not left cut at the top of the scrolling fields; the editor then
 * scrolls to the caret as usual (`false`).
 */
function revealNoteAtTop(view: EditorView): boolean {
  if (view.state.selection.$head.index(0) !== 0) return false
  view.dom.closest('.editor')?.querySelector('.paste-note')?.scrollIntoView({ block: 'nearest' })
  return false
}

/** Tells the composer of a change: the person's, or a signature swapped (not theirs). */
function changeReporter(callbacks: { readonly current: Callbacks }) {
  return ({ transaction }: { transaction: Transaction }) => {
    callbacks.current.onChange(transaction.getMeta(SIGNATURE_META) !== true)
  }
}

/** Pasted text as one paragraph per line, blank lines kept (ProseMirror's own drops them). */
function linesAsParagraphs(text: string, $context: ResolvedPos): Slice {
  const schema = $context.doc.type.schema
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => schema.nodes['paragraph']!.create(null, line === '' ? null : schema.text(line)))
  return new Slice(Fragment.from(paragraphs), 1, 1)
}

/**
 * The plain-text editor: paragraphs (one per line), line breaks, the signature block, undo; no
 * marks and no formatting nodes, so nothing typed or pasted can carry formatting. Spaces are
 * kept as typed (a leading space is text in plain mail); a paste takes the clipboard's text.
 */
function plainEditorOptions(initialHtml: string, callbacks: { readonly current: Callbacks }) {
  return {
    extensions: [
      StarterKit.configure({
        bold: false,
        italic: false,
        underline: false,
        strike: false,
        code: false,
        codeBlock: false,
        heading: false,
        blockquote: false,
        bulletList: false,
        orderedList: false,
        listItem: false,
        listKeymap: false,
        horizontalRule: false,
        link: false,
      }),
      SignatureNode,
      Placeholder.configure({ placeholder: () => callbacks.current.words.placeholder }),
      // Plain text has no links: Ctrl+K is claimed and does nothing here.
      composerKeys(callbacks, () => undefined),
    ],
    content: initialHtml,
    enableCoreExtensions: CORE_EXTENSIONS,
    parseOptions: { preserveWhitespace: 'full' as const },
    editorProps: {
      attributes: bodyAttributes(callbacks, 'editor-content editor-plain'),
      clipboardTextParser: linesAsParagraphs,
      // A paste with HTML is pasted again from its text: formatting never enters plain text.
      handlePaste: (view: EditorView, event: ClipboardEvent) => {
        const data = event.clipboardData
        if (data === null || !data.types.includes('text/html')) return false
        view.pasteText(data.getData('text/plain'))
        return true
      },
    },
    onUpdate: changeReporter(callbacks),
  }
}

/** How much of the document `transaction` brought in (positions), over all its steps. */
function insertedSize(transaction: Transaction): number {
  let size = 0
  for (const map of transaction.mapping.maps)
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      size += newEnd - newStart
    })
  return size
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
  lang,
  disabled,
  plain = false,
  formatSwitch,
  onReady,
  onChange,
  onShortcutKey,
}: BodyEditorProps) {
  const [linking, setLinking] = useState(false)
  const [leftOut, setLeftOut] = useState<LeftOutImages | null>(null)
  const [offer, setOffer] = useState<SignatureOffer | null>(null)
  const t = useT()
  const words = { placeholder: t.t('composer.body.placeholder'), label: t.t('composer.body.label') }
  const callbacks = useRef<Callbacks>({
    onChange,
    onShortcutKey,
    openLink: () => setLinking(true),
    words,
    pasted: (counts) => setLeftOut(counts),
    lang,
  })
  useEffect(() => {
    callbacks.current = {
      onChange,
      onShortcutKey,
      openLink: () => setLinking(true),
      words,
      pasted: (counts) => setLeftOut(counts),
      lang,
    }
  })
  const note = leftOut === null ? '' : leftOutNote(t, leftOut)
  // A new note is brought into sight, whole, like an error in place.
  const noteRef = useInSight<HTMLDivElement>(note)
  // A change of format mounts a new editor (the composer keys it), so `plain` is read once.
  const [options] = useState(() => editorOptions(initialHtml, callbacks, plain))
  const editor = useEditor(options)

  useEffect(() => {
    editor.setEditable(!disabled, false)
  }, [editor, disabled])

  // A new language (the window's, or the message's `lang`): an empty transaction redraws the
  // placeholder, the label and the attributes (not an edit).
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false))
  }, [editor, t, lang])

  useEffect(() => {
    // The body's safe HTML is kept block by block (see BodyHtml): an autosave cleans only the
    // blocks that changed. A body opened or pasted whole is cleaned in idle moments, a few
    // milliseconds at a time, so the first save after it does not do it all in one task.
    // Made at its first use: an editor TipTap has already replaced has no schema any more.
    let kept: BodyHtml | null = null
    const body = () => (kept ??= new BodyHtml(editor.schema))
    let idle: number | undefined
    const warmSoon = () => {
      if (idle !== undefined || editor.isDestroyed) return
      idle = requestIdleCallback((deadline) => {
        idle = undefined
        if (editor.isDestroyed) return
        const goOn = () => deadline.timeRemaining() > WARM_MARGIN_MS
        if (!body().warm(editor.state.doc, goOn, WARM_FROM_BLOCKS)) warmSoon()
      })
    }
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (transaction.docChanged && insertedSize(transaction) >= WARM_AFTER_INSERTED) warmSoon()
    }
    editor.on('transaction', onTransaction)
    warmSoon()
    // ProseMirror's documents are immutable: the same doc means the same HTML, so an autosave
    // with no change to the body since the last one joins nothing.
    let last: { readonly doc: unknown; readonly html: string } | null = null
    onReady({
      html: () => {
        const doc = editor.state.doc
        if (last?.doc !== doc) last = { doc, html: body().of(doc) }
        return last.html
      },
      swapSignature: (previous, next) => swapSignature(editor, previous, next),
      signatureIs: (html) => signatureIs(editor, html),
      offerSignature: setOffer,
      hasOwnText: () => hasOwnText(editor.state.doc),
      ownHtml: () => ownHtml(editor),
      insertTemplate: (html, mode) => insertTemplate(editor, html, mode),
      formatting: () => (plain ? [] : formattingIn(editor.state.doc)),
      convertedHtml: () =>
        plain ? richHtmlFromPlain(editor.state.doc) : plainHtmlFromRich(editor.state.doc),
      text: () => (plain ? plainTextOf(editor.state.doc) : ''),
      focus: (at) =>
        editor.commands.focus(at === 'ownTextEnd' ? ownTextEnd(editor.state.doc) : null),
    })
    return () => {
      editor.off('transaction', onTransaction)
      if (idle !== undefined) cancelIdleCallback(idle)
      onReady(null)
    }
  }, [editor, onReady, plain])

  return (
    <div className="editor">
      <div className="editor-bar">
        {!plain && <EditorToolbar editor={editor} onLink={() => setLinking(true)} />}
        {formatSwitch}
      </div>
      {linking && !plain && <LinkForm editor={editor} onClose={() => setLinking(false)} />}
      {offer !== null && (
        <SignatureOfferNote
          offer={offer}
          onReplace={() => {
            replaceSignature(editor, offer.nextHtml)
            offer.onReplaced()
            setOffer(null)
          }}
          onKeep={() => {
            setOffer(null)
            editor.commands.focus()
          }}
        />
      )}
      {note !== '' && (
        <div ref={noteRef} className="paste-note" role="status">
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
