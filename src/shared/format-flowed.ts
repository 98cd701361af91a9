// Plain text as RFC 3676 format=flowed (DelSp=no): long lines wrapped with soft breaks (a space
// before the line end), so a reader that knows the format re-flows the paragraphs to its width
// and one that does not still shows lines no longer than 78 characters. Pure: main sends with
// it, and the tests check it against the RFC's rules.

/** The longest line, in characters, before its line end (RFC 3676 §4.2, RFC 5322 §2.1.1). */
export const FLOWED_MAX_LINE = 78

/** The signature separator (RFC 3676 §4.3): the only line that keeps its trailing space. */
export const SIGNATURE_SEPARATOR = '-- '

/** Lines that must be space-stuffed so a reader does not take them for something else (§4.4). */
function needsStuffing(content: string): boolean {
  return content.startsWith(' ') || content.startsWith('>') || content.startsWith('From ')
}

/** A line's quote depth (its leading `>`s) and its text after them and one optional space. */
function splitQuote(line: string): { depth: number; content: string } {
  let depth = 0
  while (line[depth] === '>') depth += 1
  if (depth === 0) return { depth, content: line }
  const rest = line.slice(depth)
  return { depth, content: rest.startsWith(' ') ? rest.slice(1) : rest }
}

/**
 * Cuts one logical line into chunks of at most `widthAt(chunk's start)` characters, each but the last ending with
 * the space it was cut after (the soft break). A word longer than `width` is never split: its
 * chunk runs to the next space (a longer line, still one word). Runs of spaces stay whole at the
 * end of a chunk, so no chunk but the first starts with a space.
 */
function wrap(content: string, widthAt: (rest: string) => number): string[] {
  const characters = Array.from(content)
  const chunks: string[] = []
  let start = 0
  for (;;) {
    const width = widthAt(characters.slice(start, start + 5).join(''))
    if (characters.length - start <= width) break
    // The last space at or before `width` characters in, whose run of spaces ends the chunk.
    let cut = -1
    for (let index = start + width - 1; index > start; index -= 1) {
      if (characters[index] === ' ' && characters[index + 1] !== ' ') {
        cut = index + 1
        break
      }
    }
    if (cut < 0) {
      // One word longer than the line: run to the end of the word and its spaces.
      let index = start + width
      while (index < characters.length && characters[index] !== ' ') index += 1
      while (index < characters.length && characters[index] === ' ') index += 1
      if (index >= characters.length) break
      cut = index
    }
    chunks.push(characters.slice(start, cut).join(''))
    start = cut
  }
  chunks.push(characters.slice(start).join(''))
  return chunks
}

/**
 * Encodes plain text as format=flowed with DelSp=no, lines joined by CRLF:
 * - each line of the text (a hard break) loses its trailing spaces, except the signature
 *   separator `-- `, which is kept as is;
 * - a line longer than {@link FLOWED_MAX_LINE} is cut after a space, the space left at the end
 *   of the line (a soft break), so the reader joins the lines back without losing a character;
 * - a line starting with `>` is a quoted line: its `>`s are kept, and each line it is cut into
 *   starts with them and one space (space-stuffed);
 * - any other line starting with a space, `>` or `From ` (a cut included) gets one more space.
 * Line ends in the input may be LF, CR or CRLF; the output has no line end after the last line.
 */
export function encodeFlowed(text: string, width: number = FLOWED_MAX_LINE): string {
  const out: string[] = []
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const { depth, content: raw } = splitQuote(line)
    const prefix = '>'.repeat(depth)
    if (raw === SIGNATURE_SEPARATOR) {
      out.push(depth === 0 ? SIGNATURE_SEPARATOR : `${prefix} ${SIGNATURE_SEPARATOR}`)
      continue
    }
    const content = raw.replace(/ +$/, '')
    // Quoted lines are always stuffed (one space after the `>`s); the room left for the text.
    const room = Math.max(1, width - (depth === 0 ? 0 : depth + 1))
    // A line that will be stuffed has one character less for its text.
    const chunks = wrap(content, (rest) => (depth === 0 && needsStuffing(rest) ? room - 1 : room))
    for (const chunk of chunks) {
      if (depth > 0) out.push(`${prefix} ${chunk}`)
      else out.push(needsStuffing(chunk) ? ` ${chunk}` : chunk)
    }
  }
  return out.join('\r\n')
}

/**
 * Decodes format=flowed text (DelSp=no) back to its lines: quote marks counted and kept as `> `
 * prefixes, stuffing removed, soft-broken lines joined. What a reader does; the tests check
 * round trips with it.
 */
export function decodeFlowed(flowed: string): string {
  const lines: string[] = []
  let open: { depth: number; text: string } | null = null
  for (const line of flowed.replace(/\r\n?/g, '\n').split('\n')) {
    let depth = 0
    while (line[depth] === '>') depth += 1
    let content = line.slice(depth)
    if (content.startsWith(' ')) content = content.slice(1)
    const soft = content.endsWith(' ') && content !== SIGNATURE_SEPARATOR
    if (open !== null && open.depth === depth) {
      open.text += content
    } else {
      if (open !== null) lines.push(quoted(open))
      open = { depth, text: content }
    }
    if (!soft) {
      lines.push(quoted(open))
      open = null
    }
  }
  if (open !== null) lines.push(quoted(open))
  return lines.join('\n')
}

function quoted({ depth, text }: { depth: number; text: string }): string {
  return depth === 0 ? text : `${'>'.repeat(depth)} ${text}`
}
