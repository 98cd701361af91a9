// How a signature is rendered into the message body as HTML.
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/**
 * A signature as the editor holds it: one paragraph that starts with the conventional
 * "-- " line (RFC 3676 §4.3, so plain-text readers can tell it apart), lines joined by breaks.
 * Empty when there is no signature.
 */
export function signatureHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').trimEnd().split('\n')
  if (lines.every((line) => line.trim() === '')) return ''
  return `<p>-- <br>${lines.map(escapeHtml).join('<br>')}</p>`
}

/** The body of a new message: a line to write on, then the sending account's signature. */
export function newMessageHtml(signature: string): string {
  return `<p></p>${signatureHtml(signature)}`
}
