// How a template's body goes into the editor, and what of the body a template keeps. The
// signature block is the From account's: a template never carries one, and inserting one never
// touches the body's.
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { createNodeFromContent, getHTMLFromFragment, type Editor } from '@tiptap/react'
import { SIGNATURE_ATTRIBUTE } from '../shared/domain'
import { sanitizeHtml } from './sanitize-html'
import { SIGNATURE_NODE } from './signature-node'
import { findSignature } from './signature-swap'

/** How a template goes in: replacing the body's own text, or where the cursor is. */
export type InsertMode = 'replace' | 'cursor'

/** A signature mark in a template's HTML (a template saved by hand, an older version). */
const SIGNATURE_MARK = new RegExp(`(<div\\b[^>]*?)\\s+${SIGNATURE_ATTRIBUTE}(?:="[^"]*")?`, 'gi')

/** The body without its signature block, as safe HTML: what a template keeps. */
export function ownHtml(editor: Editor): string {
  const blocks: ProseMirrorNode[] = []
  editor.state.doc.forEach((node) => {
    if (node.type.name !== SIGNATURE_NODE) blocks.push(node)
  })
  // Empty lines around the text (the one a new message has above its signature) stay out.
  const empty = (node: ProseMirrorNode | undefined) =>
    node !== undefined && node.type.name === 'paragraph' && node.content.size === 0
  while (empty(blocks[0])) blocks.shift()
  while (empty(blocks[blocks.length - 1])) blocks.pop()
  return sanitizeHtml(getHTMLFromFragment(Fragment.from(blocks), editor.schema))
}

/** A template's body as editor blocks: sanitised, and never a signature block. */
function templateBlocks(editor: Editor, html: string): Fragment {
  const clean = sanitizeHtml(html).replace(SIGNATURE_MARK, '$1')
  if (clean.trim() === '') return Fragment.empty
  const doc = createNodeFromContent(clean, editor.schema, { slice: false }) as ProseMirrorNode
  return doc.content
}

/**
 * Puts a template's body in, as one edit the person can undo (Ctrl+Z brings back what was
 * there). `replace`: everything but the signature block becomes the template's body, the block
 * stays where it was (after the body). `cursor`: the body goes where the cursor is (replacing a
 * selection); a cursor inside the signature block inserts just before the block.
 */
export function insertTemplate(editor: Editor, html: string, mode: InsertMode): void {
  const blocks = templateBlocks(editor, html)
  const { state } = editor
  const signature = findSignature(state.doc)
  if (mode === 'replace') {
    const body =
      blocks.childCount > 0 ? blocks : Fragment.from(state.schema.nodes.paragraph!.create())
    const content = signature === null ? body : body.append(Fragment.from(signature.node))
    const transaction = state.tr.replaceWith(0, state.doc.content.size, content)
    transaction.setSelection(TextSelection.near(transaction.doc.resolve(body.size - 1), -1))
    editor.view.dispatch(transaction.scrollIntoView())
    editor.commands.focus()
    return
  }
  if (blocks.childCount === 0) return
  const { from, to } = state.selection
  const inSignature =
    signature !== null &&
    ((from >= signature.pos && from <= signature.pos + signature.node.nodeSize) ||
      (to >= signature.pos && to <= signature.pos + signature.node.nodeSize))
  const chain = editor.chain().focus()
  if (inSignature) chain.insertContentAt(signature.pos, blocks.toJSON() as object[])
  else chain.insertContent(blocks.toJSON() as object[])
  chain.run()
}
