// How a signature is rendered into the message body as HTML.
import { SIGNATURE_ATTRIBUTE } from '../shared/domain'

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Marks the signature's block in the body, so it can be found after edits around it. */
export { SIGNATURE_ATTRIBUTE } from '../shared/domain'

/**
 * A signature as the editor holds it: a marked block with one paragraph that starts with the
 * conventional "-- " line (RFC 3676 §4.3, so plain-text readers can tell it apart), lines joined
 * by breaks. Empty when there is no signature.
 */
export function signatureHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').trimEnd().split('\n')
  if (lines.every((line) => line.trim() === '')) return ''
  return `<div ${SIGNATURE_ATTRIBUTE}=""><p>-- <br>${lines.map(escapeHtml).join('<br>')}</p></div>`
}

/** The body of a new message: a line to write on, then the sending account's signature. */
export function newMessageHtml(signature: string): string {
  return `<p></p>${signatureHtml(signature)}`
}
