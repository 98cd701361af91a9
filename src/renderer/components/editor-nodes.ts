import { mergeAttributes, Node } from '@tiptap/react'
import { DATA_IMAGE } from '../sanitize-html'

// The few nodes the body needs beyond StarterKit, written here rather than taken from
// @tiptap/extension-table and -image: extension-table has no release matching our Tiptap
// (3.34.0; its peers pin 3.32.2 or 3.35.0), and a pasted table only has to stay a table —
// rows of cells holding text — not be resized or restructured.

/** `colspan`/`rowspan` as a whole number from 1 to 100; 1 when missing or odd. */
function span(element: HTMLElement, name: string): number {
  const value = Number(element.getAttribute(name))
  return Number.isInteger(value) && value > 1 && value <= 100 ? value : 1
}

const cellAttributes = {
  colspan: {
    default: 1,
    parseHTML: (element: HTMLElement) => span(element, 'colspan'),
    renderHTML: (attributes: Record<string, unknown>) =>
      attributes.colspan === 1 ? {} : { colspan: String(attributes.colspan) },
  },
  rowspan: {
    default: 1,
    parseHTML: (element: HTMLElement) => span(element, 'rowspan'),
    renderHTML: (attributes: Record<string, unknown>) =>
      attributes.rowspan === 1 ? {} : { rowspan: String(attributes.rowspan) },
  },
}

/** A table: rows of cells. Drawn with `border`/`cellpadding`, which mail programs honour. */
export const Table = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableRow+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: () => ['table', { border: '1', cellpadding: '6', cellspacing: '0' }, ['tbody', 0]],
})

export const TableRow = Node.create({
  name: 'tableRow',
  content: '(tableCell | tableHeader)+',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: () => ['tr', 0],
})

export const TableCell = Node.create({
  name: 'tableCell',
  content: 'block+',
  isolating: true,
  addAttributes: () => cellAttributes,
  parseHTML: () => [{ tag: 'td' }],
  renderHTML: ({ HTMLAttributes }) => ['td', HTMLAttributes, 0],
})

export const TableHeader = Node.create({
  name: 'tableHeader',
  content: 'block+',
  isolating: true,
  addAttributes: () => cellAttributes,
  parseHTML: () => [{ tag: 'th' }],
  renderHTML: ({ HTMLAttributes }) => ['th', HTMLAttributes, 0],
})

/**
 * A picture carried in the text (`data:` PNG, JPEG, GIF or WebP); the message builder sends it
 * as an inline part (`cid:`). Any other `<img>` is not read at all.
 */
export const InlineImage = Node.create({
  name: 'image',
  group: 'inline',
  inline: true,
  atom: true,
  draggable: true,
  addAttributes: () => ({
    src: { default: null },
    alt: {
      default: null,
      renderHTML: (attributes: Record<string, unknown>) =>
        typeof attributes.alt === 'string' && attributes.alt !== '' ? { alt: attributes.alt } : {},
    },
  }),
  parseHTML: () => [
    {
      tag: 'img[src]',
      getAttrs: (element: HTMLElement) =>
        DATA_IMAGE.test(element.getAttribute('src') ?? '') ? null : false,
    },
  ],
  // A picture without a description is marked as decorative (`alt=""`), never left unlabelled.
  renderHTML: ({ HTMLAttributes }) => ['img', mergeAttributes({ alt: '' }, HTMLAttributes)],
})

/** Every node above, for the editor's extension list. */
export const EDITOR_NODES = [Table, TableRow, TableCell, TableHeader, InlineImage]
