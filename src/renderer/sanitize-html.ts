import DOMPurify from 'dompurify'
import { SIGNATURE_ATTRIBUTE } from '../shared/domain'

/** What a message body may hold: the editor's own formatting and little else. */
const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
]

const ALLOWED_ATTR = [
  'href',
  'target',
  'rel',
  'style',
  'src',
  'alt',
  'colspan',
  'rowspan',
  'border',
  'cellpadding',
  'cellspacing',
]

/** Links go to web pages or mail addresses only: no `javascript:`, `file:` or `data:`. */
const ALLOWED_URI = /^(?:https?:|mailto:)/i

/**
 * The only pictures a body holds: raster images carried in the text itself (`data:`), which go
 * out as inline parts of the message. SVG is left out (it can carry scripts and remote loads).
 */
export const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]+={0,2}$/i

/** A pasted picture larger than this (its `data:` text) is left out: attach it instead. */
export const MAX_PASTED_IMAGE_CHARS = 2_800_000

/** A colour the editor keeps: hex, rgb()/rgba() or a CSS name; nothing that can load. */
const COLOR_VALUE =
  /^(?:#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*(?:[,\s/]\s*[\d.]+%?\s*){2,3}\)|[a-z]{3,20})$/i
/** Colour names that are greys: like black and white, they restate a page's theme. */
const NEUTRAL_NAMES = new Set(
  'auto black currentcolor darkgray darkgrey dimgray dimgrey gainsboro gray grey inherit initial lightgray lightgrey silver transparent unset white whitesmoke windowtext'.split(
    ' ',
  ),
)

/** Red, green and blue of a hex or rgb() colour; null for a name. */
function channels(value: string): number[] | null {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value)?.[1]
  if (hex !== undefined) {
    const digits =
      hex.length <= 4
        ? [...hex.slice(0, 3)].map((d) => d + d)
        : [0, 2, 4].map((i) => hex.slice(i, i + 2))
    return digits.map((pair) => Number.parseInt(pair, 16))
  }
  const numbers = /^rgba?\(([^)]*)\)$/i
    .exec(value)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
  if (numbers === undefined) return null
  return numbers
    .slice(0, 3)
    .map((n) => (n.endsWith('%') ? (Number.parseFloat(n) * 255) / 100 : Number.parseFloat(n)))
}

/**
 * The `color` an inline style asks for, when it is one worth keeping; else null. Greys, black
 * and white are dropped: pages and documents set them on all their text as their theme (Docs'
 * `#000000`, a site's `rgb(32, 33, 36)`), they mean nothing in a message and would vanish in
 * the dark theme. A real colour (red, a brand blue) is kept.
 */
export function keptColor(style: string): string | null {
  const match = /(?:^|;)\s*color\s*:\s*([^;]+)/i.exec(style)
  const value = match?.[1]
    ?.replace(/\s*!important\s*$/i, '')
    .trim()
    .toLowerCase()
  if (value === undefined || !COLOR_VALUE.test(value) || NEUTRAL_NAMES.has(value)) return null
  const rgb = channels(value)
  if (
    rgb !== null &&
    (rgb.some((n) => !Number.isFinite(n)) || Math.max(...rgb) - Math.min(...rgb) < 32)
  )
    return null
  return value
}

DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
  if (data.attrName === 'style') {
    // Only the text colour survives; sizes, fonts, positions and anything else go.
    const color = node.tagName === 'SPAN' ? keptColor(data.attrValue) : null
    if (color === null) data.keepAttr = false
    else data.attrValue = `color: ${color}`
  } else if (data.attrName === 'src') {
    data.keepAttr = node.tagName === 'IMG' && DATA_IMAGE.test(data.attrValue)
    // DOMPurify would drop a `data:` value that fails ALLOWED_URI; this one was checked above.
    if (data.keepAttr) data.forceKeepAttr = true
  } else if (data.attrName === 'colspan' || data.attrName === 'rowspan') {
    const span = Number(data.attrValue)
    data.keepAttr = Number.isInteger(span) && span > 1 && span <= 100
  } else if (data.attrName === SIGNATURE_ATTRIBUTE) {
    // The editor's own mark of the signature block (pastes lose it in BodyEditor).
    data.keepAttr = node.tagName === 'DIV'
    if (data.keepAttr) {
      data.attrValue = ''
      data.forceKeepAttr = true
    }
  } else if (['border', 'cellpadding', 'cellspacing'].includes(data.attrName)) {
    // Set below to Postline's own values, whatever the paste said.
    data.keepAttr = false
  }
})

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    // Links open in a browser tab of their own, and the page they open gets no handle back.
    node.setAttribute('target', '_blank')
    node.setAttribute('rel', 'noopener noreferrer nofollow')
  }
  if (node.tagName === 'IMG' && !node.hasAttribute('src')) node.remove()
  if (node.tagName === 'TABLE') {
    // Mail programs ignore style sheets: the grid is drawn with the table's own attributes.
    node.setAttribute('border', '1')
    node.setAttribute('cellpadding', '6')
    node.setAttribute('cellspacing', '0')
  }
})

/** An event-handler attribute inside a tag, with the rest of the tag before it. */
const HANDLER_ATTRIBUTE = /(<[^>]*?)\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi

/**
 * Drops `on…=` attributes before DOMPurify parses the text. Nothing would run (its parser's
 * document has scripting disabled), but Chromium still reports each handler against the
 * window's CSP (cure53/DOMPurify#107), which would flood the console on every paste.
 */
function withoutHandlers(html: string): string {
  let current = html
  for (let pass = 0; pass < 20; pass += 1) {
    const next = current.replace(HANDLER_ATTRIBUTE, '$1')
    if (next === current) break
    current = next
  }
  return current
}

/**
 * Cleans HTML that comes from elsewhere or that leaves the editor (saved and sent): no
 * scripts, style sheets, event handlers, forms or unsafe links; styles only as a text colour;
 * images only as `data:` pictures.
 */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(withoutHandlers(html), SANITIZE)
}

const SANITIZE = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  // Checked in the hook above; without this DOMPurify would hold them to ALLOWED_URI.
  ADD_URI_SAFE_ATTR: ['colspan', 'rowspan'],
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  KEEP_CONTENT: true,
}

/** The tag a piece of HTML starts with, lower case. */
const LEADING_TAG = /^<([a-z][a-z0-9]*)/i

/**
 * {@link sanitizeHtml} of each of several pieces, each one whole element (the editor's blocks),
 * with one parse for them all: `sanitizeEach(pieces)[i] === sanitizeHtml(pieces[i])`. When the
 * cleaned elements do not line up one to one with the pieces (one was dropped or split), each
 * piece is cleaned on its own instead.
 */
export function sanitizeEach(pieces: readonly string[]): string[] {
  if (pieces.length === 0) return []
  const fragment = DOMPurify.sanitize(withoutHandlers(pieces.join('')), {
    ...SANITIZE,
    RETURN_DOM_FRAGMENT: true,
  })
  const nodes = [...fragment.childNodes]
  const lined =
    nodes.length === pieces.length &&
    nodes.every(
      (node, i) =>
        node instanceof Element &&
        node.localName === LEADING_TAG.exec(pieces[i]!)?.[1]?.toLowerCase(),
    )
  return lined ? nodes.map((node) => (node as Element).outerHTML) : pieces.map(sanitizeHtml)
}

/** Pictures a paste held that the body does not take, by reason. */
export interface LeftOutImages {
  /** Pictures that point elsewhere (a web address, a file on disk, Word's VML). */
  elsewhere: number
  /** `data:` pictures over {@link MAX_PASTED_IMAGE_CHARS}. */
  tooLarge: number
  /** `data:` pictures of another kind than PNG, JPEG, GIF or WebP (SVG among them). */
  unsupported: number
}

/** What {@link cleanPastedHtml} made of a paste. */
export interface CleanedPaste {
  readonly html: string
  readonly leftOut: LeftOutImages
}

/**
 * Turns what another program put on the clipboard into what the editor holds, keeping its
 * meaning: Google Docs' not-bold `<b>` wrapper goes, styled spans become bold, italic,
 * underline, strike-through and colour; Word's `mso-list` paragraphs become nested lists and
 * its `<o:p>` and Office tags go; LibreOffice's `<font color>` becomes a colour; tables stay
 * tables; `data:` pictures stay, others are counted in `leftOut` (never loaded). Then
 * {@link sanitizeHtml}. Parsing happens in an inert document: nothing runs and nothing loads.
 */
export function cleanPastedHtml(html: string): CleanedPaste {
  const leftOut: LeftOutImages = { elsewhere: 0, tooLarge: 0, unsupported: 0 }
  const doc = new DOMParser().parseFromString(withoutHandlers(html), 'text/html')
  const body = doc.body
  for (const element of [...body.querySelectorAll('script, style, meta, link, title, template')])
    element.remove()
  convertWordLists(body)
  for (const element of [...body.querySelectorAll('*')]) {
    if (!element.isConnected) continue
    const tag = element.tagName.toLowerCase()
    if (tag === 'img') {
      keepOrCount(element, leftOut)
    } else if (tag.includes(':')) {
      // Office's own tags (`o:p`, `v:shape`, `w:sdt`): their text stays, the tag goes.
      if (tag.startsWith('v:')) element.remove()
      else unwrap(element)
    } else if (tag === 'colgroup' || tag === 'col') {
      element.remove()
    } else if (/^h[4-6]$/.test(tag)) {
      rename(element, 'h3')
    } else if (tag === 'strike' || tag === 'del') {
      rename(element, 's')
    } else if (tag === 'font') {
      const color = keptColor(`color: ${element.getAttribute('color') ?? ''}`)
      const span = rename(element, 'span')
      span.removeAttribute('color')
      span.removeAttribute('face')
      span.removeAttribute('size')
      if (color !== null) span.setAttribute('style', `color: ${color}`)
    }
  }
  for (const element of [...body.querySelectorAll('[style]')]) {
    if (element.isConnected) styleToMeaning(element)
  }
  nestStrayLists(body)
  // Docs marks an empty line between blocks with a bare <br>: one empty paragraph, not two lines.
  for (const br of [...body.querySelectorAll('br')]) {
    const parent = br.parentElement
    if (parent === body || (parent?.tagName === 'DIV' && parent.children.length > 1)) {
      br.replaceWith(doc.createElement('p'))
    }
  }
  return { html: sanitizeHtml(body.innerHTML), leftOut }
}

function keepOrCount(image: Element, leftOut: LeftOutImages): void {
  const src = (image.getAttribute('src') ?? '').trim()
  if (DATA_IMAGE.test(src) && src.length <= MAX_PASTED_IMAGE_CHARS) {
    const alt = image.getAttribute('alt') ?? ''
    for (const name of image.getAttributeNames()) image.removeAttribute(name)
    image.setAttribute('src', src)
    if (alt !== '') image.setAttribute('alt', alt)
    return
  }
  if (DATA_IMAGE.test(src)) leftOut.tooLarge += 1
  else if (/^data:/i.test(src)) leftOut.unsupported += 1
  else leftOut.elsewhere += 1
  image.remove()
}

/** Replaces an element by its children. */
function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes)
}

/** The same element under another tag name, its attributes and children kept. */
function rename(element: Element, tag: string): Element {
  const renamed = element.ownerDocument.createElement(tag)
  for (const name of element.getAttributeNames()) {
    renamed.setAttribute(name, element.getAttribute(name) ?? '')
  }
  renamed.append(...element.childNodes)
  element.replaceWith(renamed)
  return renamed
}

const BOLD_WEIGHT = /^(?:bold|bolder|[6-9]00)$/i
const NORMAL_WEIGHT = /^(?:normal|lighter|[1-5]00)$/i
const BLOCKS = new Set(
  'p div li td th h1 h2 h3 blockquote pre ul ol table tbody thead tr body'.split(' '),
)

/**
 * Turns an element's inline style into the marks it means: `font-weight:700` is bold (and
 * Docs' `<b style="font-weight:normal">` is not), `font-style:italic`, `text-decoration`
 * underline or line-through, and a `color` other than the default. Inside a link the
 * underline and colour are the link's own look and are left out.
 */
function styleToMeaning(element: Element): void {
  const style = (element as HTMLElement).style
  const tag = element.tagName.toLowerCase()
  const weight = style.fontWeight
  const decoration = `${style.textDecorationLine} ${style.textDecoration}`
  const inLink = element.closest('a') !== null
  const color = inLink ? null : keptColor(element.getAttribute('style') ?? '')
  const wrappers: string[] = []
  if (BOLD_WEIGHT.test(weight) && tag !== 'b' && tag !== 'strong' && !/^h[1-3]$/.test(tag))
    wrappers.push('strong')
  if (/italic|oblique/i.test(style.fontStyle) && tag !== 'i' && tag !== 'em') wrappers.push('em')
  if (/underline/i.test(decoration) && !inLink && tag !== 'u') wrappers.push('u')
  if (/line-through/i.test(decoration) && tag !== 's') wrappers.push('s')

  const chain = markChain(element.ownerDocument, wrappers, color)
  element.removeAttribute('style')
  const notBold = (tag === 'b' || tag === 'strong') && NORMAL_WEIGHT.test(weight)
  if (notBold || tag === 'span') {
    // The element means nothing more than its style: its children go into the marks.
    if (chain === null) {
      unwrap(element)
    } else {
      chain.inner.append(...element.childNodes)
      element.replaceWith(chain.outer)
    }
  } else if (chain === null) {
    return
  } else if (BLOCKS.has(tag)) {
    // A block's marks go round its content, inside the block.
    chain.inner.append(...element.childNodes)
    element.append(chain.outer)
  } else {
    // An inline element (a link, `<b>`): the marks go round it.
    element.replaceWith(chain.outer)
    chain.inner.append(element)
  }
}

/** Nested mark elements (`<strong><em><span style="color">`), outermost and innermost. */
function markChain(
  doc: Document,
  tags: readonly string[],
  color: string | null,
): { outer: Element; inner: Element } | null {
  const elements = tags.map((tag) => doc.createElement(tag))
  if (color !== null) {
    const span = doc.createElement('span')
    span.setAttribute('style', `color: ${color}`)
    elements.push(span)
  }
  if (elements.length === 0) return null
  for (let index = 1; index < elements.length; index += 1) {
    elements[index - 1]!.append(elements[index]!)
  }
  return { outer: elements[0]!, inner: elements[elements.length - 1]! }
}

/** `mso-list:l0 level2 lfo1` in a Word paragraph's style. */
const MSO_LIST = /mso-list:\s*(l\d+)\s+level(\d+)/i
/** A Word list marker that counts (`1.`, `a)`, `iv.`) rather than a bullet. */
const ORDERED_MARKER = /^\(?(?:\d{1,3}|[a-z]|[ivxlcdm]{1,6})[.)]$/i

/**
 * Word puts a list on the clipboard as paragraphs with `mso-list:lN levelM` in their style and
 * the marker in a `mso-list:Ignore` span. Consecutive ones become `<ul>`/`<ol>` nested by level;
 * a numbered marker makes an ordered list.
 */
function convertWordLists(body: HTMLElement): void {
  const doc = body.ownerDocument
  const paragraphs = [...body.querySelectorAll('p, h1, h2, h3, h4, h5, h6')].filter((p) =>
    MSO_LIST.test(p.getAttribute('style') ?? ''),
  )
  const done = new Set<Element>()
  for (const first of paragraphs) {
    if (done.has(first)) continue
    const stack: { list: Element; level: number }[] = []
    let current: Element | null = first
    while (current !== null && MSO_LIST.test(current.getAttribute('style') ?? '')) {
      const level = Number(MSO_LIST.exec(current.getAttribute('style') ?? '')![2])
      const markers = [...current.querySelectorAll('span')].filter((span) =>
        /mso-list:\s*Ignore/i.test(span.getAttribute('style') ?? ''),
      )
      const marker = (markers[0]?.textContent ?? '').replace(/\s+/g, '')
      for (const span of markers) span.remove()
      const next: Element | null = nextElementSkippingBlanks(current)
      while (stack.length > 0 && stack[stack.length - 1]!.level > level) stack.pop()
      if (stack.length === 0 || stack[stack.length - 1]!.level < level) {
        const list = doc.createElement(ORDERED_MARKER.test(marker) ? 'ol' : 'ul')
        const parentItem = stack[stack.length - 1]?.list.lastElementChild
        if (parentItem) parentItem.append(list)
        else current.before(list)
        stack.push({ list, level })
      }
      const item = doc.createElement('li')
      const paragraph = doc.createElement('p')
      paragraph.append(...current.childNodes)
      item.append(paragraph)
      stack[stack.length - 1]!.list.append(item)
      done.add(current)
      current.remove()
      current = next
    }
  }
}

/** The next element sibling, when only white space lies between; else null. */
function nextElementSkippingBlanks(element: Element): Element | null {
  let node = element.nextSibling
  while (
    node !== null &&
    node.nodeType === node.TEXT_NODE &&
    (node.textContent ?? '').trim() === ''
  )
    node = node.nextSibling
  return node !== null && node.nodeType === node.ELEMENT_NODE ? (node as Element) : null
}

/**
 * Google Docs nests a list as a sibling of the item it belongs to (`<ul><li>a</li><ul>…`):
 * the inner list moves into the item before it.
 */
function nestStrayLists(body: HTMLElement): void {
  for (const list of [...body.querySelectorAll('ul > ul, ul > ol, ol > ul, ol > ol')]) {
    const previous = list.previousElementSibling
    if (previous?.tagName === 'LI') {
      previous.append(list)
    } else {
      const item = body.ownerDocument.createElement('li')
      list.replaceWith(item)
      item.append(list)
    }
  }
}
