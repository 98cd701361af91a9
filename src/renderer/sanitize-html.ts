import DOMPurify from 'dompurify'

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
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'u',
  'ul',
]

/** Links go to web pages or mail addresses only: no `javascript:`, `file:` or `data:`. */
const ALLOWED_URI = /^(?:https?:|mailto:)/i

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    // Links open in a browser tab of their own, and the page they open gets no handle back.
    node.setAttribute('target', '_blank')
    node.setAttribute('rel', 'noopener noreferrer nofollow')
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
 * Cleans HTML that comes from elsewhere (a paste from a web page or a word processor) or
 * that leaves the editor (saved and sent): no scripts, styles, event handlers, images,
 * forms or unsafe links.
 */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(withoutHandlers(html), {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'target', 'rel'],
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    KEEP_CONTENT: true,
  })
}
