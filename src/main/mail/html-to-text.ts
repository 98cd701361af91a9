/**
 * Turns the editor's HTML into the plain-text alternative: paragraphs and `<br>` become line
 * breaks, list items `- ` or `1. `, links `text (url)`, quoted lines start with `> `, a table
 * row is a line with its cells separated by tabs; entities are
 * decoded, other tags dropped, and whitespace collapsed as a browser would.
 */
export function htmlToText(html: string): string {
  return convert(html, Infinity).text
}

/**
 * The start of `htmlToText(html)`: the conversion stops once at least `enough` characters of text
 * are written. What it returns is the whole text's beginning, except at its very end (an open
 * link's URL, a line not yet ended); `whole` says whether all of the HTML was read.
 */
export function htmlToTextStart(html: string, enough: number): { text: string; whole: boolean } {
  return convert(html, enough)
}

function convert(html: string, enough: number): { text: string; whole: boolean } {
  const writer = new PlainTextWriter()
  let position = 0
  for (const match of html.matchAll(TAG)) {
    if (match.index < position) continue
    if (writer.written >= enough) return { text: writer.finish(), whole: false }
    writer.text(html.slice(position, match.index))
    position = match.index + match[0].length
    const tag = match[2]?.toLowerCase()
    if (tag === undefined) continue // a comment, doctype or processing instruction
    const closing = match[1] === '/'
    if (!closing && RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, position)
      position = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length
      continue
    }
    writer.tag(tag, closing, match[3] ?? '')
  }
  writer.text(html.slice(position))
  return { text: writer.finish(), whole: true }
}

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g
/** Elements whose content is not text to show. */
const RAW_TEXT = new Set(['head', 'script', 'style', 'title', 'template', 'noscript'])
const PARAGRAPHS = new Set('p h1 h2 h3 h4 h5 h6 pre table figure dl address fieldset'.split(' '))
const LINES = new Set(
  'div section article header footer main nav aside tr dt dd figcaption caption center details summary'.split(
    ' ',
  ),
)

interface ListState {
  readonly ordered: boolean
  next: number
  itemOpen: boolean
}

interface Line {
  readonly text: string
  readonly blank: boolean
}

/** Builds the text line by line; breaks are requested and only written before more text. */
class PlainTextWriter {
  /** How many characters of text were written so far (markers and breaks not counted). */
  written = 0
  private readonly lines: Line[] = []
  private line: string | null = null
  private lineHasText = false
  private space = false
  /** 1: start a new line before the next text; 2: leave a blank line too. */
  private pendingBreak: 0 | 1 | 2 = 0
  private quoteDepth = 0
  private lineQuoteDepth = 0
  private preformatted = 0
  private readonly lists: ListState[] = []
  /** The continuation indent of each open list item. */
  private readonly indents: string[] = []
  /** The marker line prefix (`- `, `2. `) waiting for the item's first line. */
  private marker: string | null = null
  private readonly links: { href: string; text: string }[] = []
  /** Open table cells; a paragraph inside one does not break the row's line. */
  private cells = 0
  /** A cell began after text on this line: the next text starts with a tab. */
  private cellStart = false

  tag(name: string, closing: boolean, attributes: string): void {
    if (
      this.cells > 0 &&
      name !== 'tr' &&
      name !== 'table' &&
      (PARAGRAPHS.has(name) || LINES.has(name))
    ) {
      // Inside a table cell a paragraph is only a space: each row stays one line.
      if (this.lineHasText && this.pendingBreak === 0) this.space = true
      return
    }
    if (PARAGRAPHS.has(name) || name === 'blockquote') {
      this.requestBreak(this.indents.length > 0 && name === 'p' ? 1 : 2)
    } else if (LINES.has(name)) {
      this.requestBreak(1)
    }
    switch (name) {
      case 'br':
        if (!closing) this.lineBreak()
        return
      case 'hr':
        this.requestBreak(2)
        this.write('---', false)
        this.requestBreak(2)
        return
      case 'img': {
        const alt = attribute(attributes, 'alt')
        if (alt) this.write(collapse(alt), true)
        return
      }
      case 'td':
      case 'th':
        // Cells are separated by a tab, rows are lines: a table reads as columns.
        if (closing) {
          this.cells = Math.max(0, this.cells - 1)
        } else {
          this.cells += 1
          if (this.lineHasText && this.pendingBreak === 0) this.cellStart = true
        }
        return
      case 'tr':
        if (!closing) this.cells = 0
        return
      case 'pre':
        this.preformatted = Math.max(0, this.preformatted + (closing ? -1 : 1))
        return
      case 'blockquote':
        this.quoteDepth = Math.max(0, this.quoteDepth + (closing ? -1 : 1))
        return
      case 'ul':
      case 'ol':
        if (closing) this.closeList()
        else this.openList(name === 'ol', Number.parseInt(attribute(attributes, 'start') ?? '', 10))
        return
      case 'li':
        if (closing) this.closeItem()
        else this.openItem()
        return
      case 'a':
        if (closing) this.closeLink()
        else this.links.push({ href: (attribute(attributes, 'href') ?? '').trim(), text: '' })
        return
    }
  }

  text(raw: string): void {
    if (raw === '') return
    if (this.preformatted > 0) {
      const parts = decodeEntities(raw).replace(/\r\n?/g, '\n').split('\n')
      parts.forEach((part, index) => {
        if (index > 0) this.lineBreak()
        if (part !== '') this.write(part.replace(/\u00a0/g, ' '), false)
      })
      return
    }
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ')
    const words = collapsed.trim()
    if (words === '') {
      if (this.lineHasText && this.pendingBreak === 0) this.space = true
      return
    }
    const decoded = decodeEntities(words)
      .replace(/[\t\n\r\f]/g, ' ')
      .replace(/\u00a0/g, ' ')
    this.write(decoded, collapsed.startsWith(' '))
    this.space = collapsed.endsWith(' ')
  }

  finish(): string {
    if (this.line !== null && this.lineHasText) this.lines.push({ text: this.line, blank: false })
    const out: string[] = []
    let previousBlank = true // drops blank lines at the start
    for (const line of this.lines) {
      if (line.blank && previousBlank) continue
      out.push(line.text.trimEnd())
      previousBlank = line.blank
    }
    if (previousBlank) out.pop() // a blank line at the end
    return out.join('\n')
  }

  private write(value: string, leadingSpace: boolean): void {
    this.ensureLine()
    if (this.cellStart && this.lineHasText) this.line += '\t'
    else if ((leadingSpace || this.space) && this.lineHasText) this.line += ' '
    this.cellStart = false
    this.line += value
    this.written += value.length
    this.lineHasText = true
    this.space = false
    const link = this.links[this.links.length - 1]
    if (link !== undefined) link.text += (leadingSpace && link.text !== '' ? ' ' : '') + value
  }

  private requestBreak(kind: 1 | 2): void {
    if (kind > this.pendingBreak) this.pendingBreak = kind
  }

  private lineBreak(): void {
    this.ensureLine()
    this.lines.push({ text: this.line ?? '', blank: !this.lineHasText })
    this.openLine()
  }

  /** Opens the line the next text goes on, writing the requested breaks first. */
  private ensureLine(): void {
    if (this.line !== null && this.pendingBreak === 0) return
    // An empty line left open by a trailing <br> disappears at a block's end, as in a browser.
    if (this.line !== null && this.lineHasText) this.lines.push({ text: this.line, blank: false })
    if (this.pendingBreak === 2 && this.lines.length > 0) {
      const depth = Math.min(this.lineQuoteDepth, this.quoteDepth)
      this.lines.push({ text: '> '.repeat(depth), blank: true })
    }
    this.pendingBreak = 0
    this.openLine()
  }

  private openLine(): void {
    const indent = this.marker ?? this.indents[this.indents.length - 1] ?? ''
    this.marker = null
    this.line = '> '.repeat(this.quoteDepth) + indent
    this.lineHasText = false
    this.space = false
    this.cellStart = false
    this.lineQuoteDepth = this.quoteDepth
  }

  private openList(ordered: boolean, start: number): void {
    this.requestBreak(this.indents.length === 0 ? 2 : 1)
    this.lists.push({ ordered, next: Number.isFinite(start) ? start : 1, itemOpen: false })
  }

  private closeList(): void {
    this.closeItem()
    this.lists.pop()
    this.requestBreak(this.indents.length === 0 ? 2 : 1)
  }

  private openItem(): void {
    this.keepPendingMarker()
    let list = this.lists[this.lists.length - 1]
    if (list === undefined) {
      list = { ordered: false, next: 1, itemOpen: false }
      this.lists.push(list)
    }
    if (list.itemOpen) this.closeItem() // `<li>a<li>b`: an item ends where the next begins
    this.requestBreak(1)
    const marker = list.ordered ? `${list.next++}. ` : '- '
    const parent = this.indents[this.indents.length - 1] ?? ''
    this.marker = parent + marker
    this.indents.push(parent + ' '.repeat(marker.length))
    list.itemOpen = true
  }

  private closeItem(): void {
    const list = this.lists[this.lists.length - 1]
    if (list === undefined || !list.itemOpen) return
    this.keepPendingMarker()
    this.indents.pop()
    list.itemOpen = false
    this.requestBreak(1)
  }

  /** An item with no text of its own (empty, or a nested list first) still shows its marker. */
  private keepPendingMarker(): void {
    if (this.marker === null) return
    this.ensureLine()
    this.lineHasText = true
  }

  private closeLink(): void {
    const link = this.links.pop()
    if (link === undefined) return
    const href = link.href
    if (href === '' || href.startsWith('#') || /^javascript:/i.test(href)) return
    const text = link.text.trim()
    if (text === '') this.write(href, true)
    else if (bareUrl(text) !== bareUrl(href)) this.write(`(${href})`, true)
  }
}

function bareUrl(url: string): string {
  return url
    .replace(/^mailto:/i, '')
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '')
    .toLowerCase()
}

function attribute(attributes: string, name: string): string | undefined {
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    if (match[1]!.toLowerCase() === name)
      return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '')
  }
  return undefined
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// Latin-1 names in code point order from U+00A0, then the other names HTML editors produce.
const LATIN1_ENTITIES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ')
const OTHER_ENTITIES = (
  'amp=& lt=< gt=> quot=" apos=\' OElig=Œ oelig=œ Scaron=Š scaron=š Yuml=Ÿ circ=ˆ tilde=˜ ' +
  'ensp=\u2002 emsp=\u2003 thinsp=\u2009 zwnj=\u200c zwj=\u200d lrm=\u200e rlm=\u200f ndash=– ' +
  'mdash=— lsquo=‘ rsquo=’ sbquo=‚ ldquo=“ rdquo=” bdquo=„ dagger=† Dagger=‡ bull=• hellip=… ' +
  'permil=‰ prime=′ Prime=″ lsaquo=‹ rsaquo=› euro=€ trade=™ larr=← uarr=↑ rarr=→ darr=↓ ' +
  'harr=↔ hearts=♥'
).split(' ')
const ENTITIES = new Map<string, string>([
  ...LATIN1_ENTITIES.map((name, index) => [name, String.fromCodePoint(0xa0 + index)] as const),
  ...OTHER_ENTITIES.map((pair) => pair.split('=') as [string, string]),
])

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (entity, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) {
        const value = ENTITIES.get(name)
        return value === undefined ? entity : value === '\u00ad' ? '' : value
      }
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16)
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      return String.fromCodePoint(valid ? code : 0xfffd)
    },
  )
}
