// How the signature block is swapped when the sending account (or its signature) changes.
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { createNodeFromContent, type Editor } from '@tiptap/react'
import { SIGNATURE_NODE } from './signature-node'

/** Marks the editor transactions that move a signature, which are not the person's edits. */
export const SIGNATURE_META = 'postline-signature'

/** What a swap did: `replaced` (or inserted), `edited` (the person's block was kept), `absent`. */
export type SwapOutcome = 'replaced' | 'edited' | 'absent'

/** Parses HTML as `setContent` does, so the result compares equal to what the editor holds. */
function blocksOf(editor: Editor, html: string): Fragment {
  if (html === '') return Fragment.empty
  const doc = createNodeFromContent(html, editor.schema, { slice: false }) as ProseMirrorNode
  return doc.content
}

/** The signature block of the body (the first, top level), and where it starts. */
export function findSignature(doc: ProseMirrorNode): { node: ProseMirrorNode; pos: number } | null {
  let found: { node: ProseMirrorNode; pos: number } | null = null
  doc.forEach((node, pos) => {
    if (found === null && node.type.name === SIGNATURE_NODE) found = { node, pos }
  })
  return found
}

/** Whether the body holds any text of the person's, outside the signature block. */
export function hasOwnText(doc: ProseMirrorNode): boolean {
  let text = false
  doc.forEach((node) => {
    if (node.type.name !== SIGNATURE_NODE && node.textContent.trim() !== '') text = true
  })
  return text
}

/** Puts `next` where the signature block is (or at the end when there is none). */
function put(editor: Editor, next: Fragment): void {
  const { state } = editor
  const found = findSignature(state.doc)
  const transaction = state.tr
  if (found === null) {
    if (next.childCount === 0) return
    transaction.insert(state.doc.content.size, next)
  } else if (next.childCount === 0 && state.doc.childCount === 1) {
    transaction.replaceWith(0, state.doc.content.size, state.schema.nodes.paragraph!.create())
  } else {
    transaction.replaceWith(found.pos, found.pos + found.node.nodeSize, next)
  }
  transaction.setMeta(SIGNATURE_META, true).setMeta('addToHistory', false)
  editor.view.dispatch(transaction)
}

/**
 * Replaces the signature block the body got from `previousHtml` with `nextHtml`, wherever it
 * stands and whatever was typed around it. A block the person edited is theirs: it stays
 * (`edited`); a removed one is not brought back (`absent`). With no previous signature, the
 * next one goes at the end.
 */
export function swapSignature(editor: Editor, previousHtml: string, nextHtml: string): SwapOutcome {
  const found = findSignature(editor.state.doc)
  const previous = blocksOf(editor, previousHtml)
  const next = blocksOf(editor, nextHtml)
  if (found === null) {
    if (previous.childCount > 0) return 'absent'
    put(editor, next)
    return 'replaced'
  }
  if (previous.childCount !== 1 || !found.node.eq(previous.child(0))) return 'edited'
  put(editor, next)
  return 'replaced'
}

/** Whether the body's signature block is exactly `html` (none counts as the empty one). */
export function signatureIs(editor: Editor, html: string): boolean {
  const found = findSignature(editor.state.doc)
  const blocks = blocksOf(editor, html)
  if (found === null) return blocks.childCount === 0
  return blocks.childCount === 1 && found.node.eq(blocks.child(0))
}

/** Replaces the signature block with `nextHtml` even if the person edited it (their choice). */
export function replaceSignature(editor: Editor, nextHtml: string): void {
  put(editor, blocksOf(editor, nextHtml))
}
