// The switch between rich text and plain text, on the editor's document: what formatting a body
// holds (what plain text would lose), the body as plain text (for the plain editor and for
// sending), and plain text back as paragraphs. Pure functions of ProseMirror nodes.
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { SIGNATURE_ATTRIBUTE } from '../shared/domain'

/** The signature block's node name (see signature-node.ts; kept here so this file stays pure). */
const SIGNATURE = 'signature'

/** What a body can hold that plain text cannot, in the order the warning lists them. */
export const FORMATTING = [
  'bold',
  'italic',
  'underline',
  'strike',
  'colour',
  'links',
  'headings',
  'lists',
  'quotes',
  'tables',
  'images',
] as const
export type Formatting = (typeof FORMATTING)[number]

const MARK_FORMATTING: Readonly<Record<string, Formatting>> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strike: 'strike',
  link: 'links',
  textStyle: 'colour',
}
const NODE_FORMATTING: Readonly<Record<string, Formatting>> = {
  heading: 'headings',
  bulletList: 'lists',
  orderedList: 'lists',
  blockquote: 'quotes',
  table: 'tables',
  image: 'images',
}

/** The formatting the body actually has (none for a body of plain paragraphs). */
export function formattingIn(doc: ProseMirrorNode): Formatting[] {
  const found = new Set<Formatting>()
  doc.descendants((node) => {
    const byNode = NODE_FORMATTING[node.type.name]
    if (byNode !== undefined) found.add(byNode)
    for (const mark of node.marks) {
      const byMark = MARK_FORMATTING[mark.type.name]
      // A text style without a colour changes nothing visible.
      if (byMark === 'colour' && !mark.attrs['color']) continue
      if (byMark !== undefined) found.add(byMark)
    }
    return true
  })
  return FORMATTING.filter((formatting) => found.has(formatting))
}

/** A textblock's text: line breaks as `\n`, a link's address after its words when they differ. */
function inlineText(block: ProseMirrorNode): string {
  let out = ''
  let link: { href: string; text: string } | null = null
  const endLink = () => {
    if (link === null) return
    const address = link.href.replace(/^mailto:/i, '')
    if (address !== '' && address !== link.text.trim()) out += ` (${address})`
    link = null
  }
  block.forEach((child) => {
    const href = child.marks.find((mark) => mark.type.name === 'link')?.attrs['href']
    if (link !== null && link.href !== href) endLink()
    if (child.isText) {
      if (typeof href === 'string') {
        link ??= { href, text: '' }
        link.text += child.text ?? ''
      }
      out += child.text ?? ''
    } else if (child.type.name === 'hardBreak') {
      out += '\n'
    } else if (child.type.name === 'image') {
      const alt = child.attrs['alt']
      if (typeof alt === 'string' && alt.trim() !== '') out += `[${alt.trim()}]`
    }
  })
  endLink()
  return out
}

/** A block as plain-text lines: list items marked, quotes with `> `, table rows tab-separated. */
function blockLines(node: ProseMirrorNode): string[] {
  const name = node.type.name
  if (node.isTextblock) return inlineText(node).split('\n')
  if (name === 'bulletList' || name === 'orderedList') {
    const lines: string[] = []
    const start = typeof node.attrs['start'] === 'number' ? node.attrs['start'] : 1
    node.forEach((item, _offset, index) => {
      const marker = name === 'bulletList' ? '- ' : `${start + index}. `
      const itemLines = item.childCount === 0 ? [''] : childLines(item, false)
      itemLines.forEach((line, at) =>
        lines.push(at === 0 ? marker + line : line === '' ? '' : ' '.repeat(marker.length) + line),
      )
    })
    return lines
  }
  if (name === 'blockquote') {
    return childLines(node, true).map((line) => (line === '' ? '>' : `> ${line}`))
  }
  if (name === 'table') {
    const rows: string[] = []
    node.forEach((row) => {
      const cells: string[] = []
      row.forEach((cell) => cells.push(childLines(cell, false).join(' ').trim()))
      rows.push(cells.join('\t'))
    })
    return rows
  }
  if (node.isLeaf) return name === 'image' ? [] : [node.textContent]
  return childLines(node, true)
}

/** The lines of a node's child blocks, a blank line between blocks when `spaced`. */
function childLines(node: ProseMirrorNode, spaced: boolean): string[] {
  const lines: string[] = []
  node.forEach((child) => {
    const block = blockLines(child)
    if (block.length === 0 || (block.length === 1 && block[0] === '' && spaced)) return
    if (spaced && lines.length > 0) lines.push('')
    lines.push(...block)
  })
  return lines
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The signature block as the editor holds it, its formatting dropped, its lines kept. */
function signatureHtml(node: ProseMirrorNode, escape: (line: string) => string): string {
  const paragraphs: string[] = []
  node.forEach((child) => {
    paragraphs.push(`<p>${blockLines(child).map(escape).join('<br>')}</p>`)
  })
  return `<div ${SIGNATURE_ATTRIBUTE}="">${paragraphs.join('')}</div>`
}

/**
 * The rich body as the plain editor's content: one paragraph per line of its plain text (a
 * blank line between blocks), the signature block kept where it stands, its lines as they are.
 */
export function plainHtmlFromRich(doc: ProseMirrorNode): string {
  const parts: string[] = []
  let run: ProseMirrorNode[] = []
  const flush = () => {
    const lines: string[] = []
    for (const node of run) {
      const block = blockLines(node)
      if (block.length === 0 || (block.length === 1 && block[0] === '')) continue
      if (lines.length > 0) lines.push('')
      lines.push(...block)
    }
    if (run.length > 0 || parts.length === 0) {
      parts.push(...(lines.length === 0 ? [''] : lines).map((line) => `<p>${escapeHtml(line)}</p>`))
    }
    run = []
  }
  doc.forEach((node) => {
    if (node.type.name !== SIGNATURE) {
      run.push(node)
      return
    }
    flush()
    parts.push(signatureHtml(node, escapeHtml))
  })
  if (run.length > 0) flush()
  return parts.join('')
}

/** A plain line in rich HTML: spaces that HTML would collapse (leading, doubled) kept. */
function richLine(line: string): string {
  return escapeHtml(line).replace(/(^| ) /g, '$1\u00a0')
}

/**
 * The plain body as rich paragraphs: lines separated by blank lines make paragraphs, the lines
 * of one paragraph are joined by line breaks; the signature block stays where it stands.
 */
export function richHtmlFromPlain(doc: ProseMirrorNode): string {
  const parts: string[] = []
  let lines: string[] = []
  let sawText = false
  const flush = () => {
    const paragraphs: string[][] = [[]]
    for (const line of lines) {
      if (line.trim() === '') {
        if (paragraphs.at(-1)!.length > 0) paragraphs.push([])
      } else {
        paragraphs.at(-1)!.push(line)
      }
    }
    const filled = paragraphs.filter((paragraph) => paragraph.length > 0)
    if (filled.length === 0 && lines.length > 0) parts.push('<p></p>')
    for (const paragraph of filled) parts.push(`<p>${paragraph.map(richLine).join('<br>')}</p>`)
    lines = []
  }
  doc.forEach((node) => {
    if (node.type.name === SIGNATURE) {
      flush()
      parts.push(signatureHtml(node, richLine))
      return
    }
    sawText = true
    lines.push(...blockLines(node))
  })
  flush()
  if (!sawText) parts.unshift('<p></p>')
  return parts.join('')
}

/** The plain body's text as sent: one line per paragraph, line breaks kept. */
export function plainTextOf(doc: ProseMirrorNode): string {
  return doc.textBetween(0, doc.content.size, '\n', (leaf) =>
    leaf.type.name === 'hardBreak' ? '\n' : '',
  )
}
