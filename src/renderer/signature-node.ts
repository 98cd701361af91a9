// The signature as a block of its own in the editor, so it can be found (and swapped when the
// sending account changes) whatever the person types above or below it.
import { Node } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import { SIGNATURE_ATTRIBUTE } from './signature-render'

export const SIGNATURE_NODE = 'signature'

/**
 * `<div data-postline-signature>` holding the signature's paragraphs. Enter at the very end of
 * the block leaves it (a new line below, outside the signature), so a P.S. typed under the
 * signature is the person's text and not part of the signature.
 */
export const SignatureNode = Node.create({
  name: SIGNATURE_NODE,
  group: 'block',
  content: 'paragraph+',
  defining: true,
  parseHTML: () => [{ tag: `div[${SIGNATURE_ATTRIBUTE}]` }],
  renderHTML: () => ['div', { [SIGNATURE_ATTRIBUTE]: '' }, 0],
  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { state } = editor
        const { $from, empty } = state.selection
        if (!empty || $from.depth < 2) return false
        const block = $from.node($from.depth - 1)
        if (block.type.name !== SIGNATURE_NODE) return false
        const atEnd =
          $from.parentOffset === $from.parent.content.size &&
          $from.index($from.depth - 1) === block.childCount - 1
        if (!atEnd) return false
        const after = $from.after($from.depth - 1)
        const transaction = state.tr.insert(after, state.schema.nodes.paragraph!.create())
        transaction.setSelection(TextSelection.create(transaction.doc, after + 1)).scrollIntoView()
        editor.view.dispatch(transaction)
        return true
      },
    }
  },
})
