// How the signature at the end of the message is swapped when the sending account changes.
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { createNodeFromContent, type Editor } from '@tiptap/react'

/** Marks the editor transactions that move a signature, which are not the person's edits. */
export const SIGNATURE_META = 'postline-signature'

/** Parses HTML as `setContent` does, so the result compares equal to what the editor holds. */
function blocksOf(editor: Editor, html: string): Fragment {
  if (html === '') return Fragment.empty
  const doc = createNodeFromContent(html, editor.schema, { slice: false }) as ProseMirrorNode
  return doc.content
}

/** Whether the document ends with exactly these blocks. */
function endsWith(doc: ProseMirrorNode, blocks: Fragment): boolean {
  const offset = doc.childCount - blocks.childCount
  if (offset < 0) return false
  for (let index = 0; index < blocks.childCount; index += 1) {
    if (!doc.child(offset + index).eq(blocks.child(index))) return false
  }
  return true
}

/**
 * Replaces the previous account's signature at the end of the message with the next one's.
 * A signature the person has edited (or moved away from the end) is theirs: it stays, and
 * nothing is added. Answers whether the message now carries the next signature.
 */
export function swapSignature(editor: Editor, previousHtml: string, nextHtml: string): boolean {
  const { state } = editor
  const { doc } = state
  const previous = blocksOf(editor, previousHtml)
  const next = blocksOf(editor, nextHtml)
  if (!endsWith(doc, previous)) return false
  const end = doc.content.size
  const from = end - previous.size
  if (from === end && next.childCount === 0) return true
  const transaction = state.tr
  if (next.childCount === 0 && from === 0) {
    transaction.replaceWith(0, end, state.schema.nodes.paragraph!.create())
  } else {
    transaction.replaceWith(from, end, next)
  }
  transaction.setMeta(SIGNATURE_META, true).setMeta('addToHistory', false)
  editor.view.dispatch(transaction)
  return true
}
