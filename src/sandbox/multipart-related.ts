/** One body part: its headers (names lower-cased) and its content, a view into the request body. */
export interface BodyPart {
  readonly headers: Readonly<Record<string, string>>
  readonly content: Buffer
}

/** The `boundary` parameter of a `multipart/related` content type, if that is what it is. */
export function relatedBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined
  const [type = '', ...parameters] = contentType.split(';')
  if (type.trim().toLowerCase() !== 'multipart/related') return undefined
  for (const parameter of parameters) {
    const match = /^\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))\s*$/i.exec(parameter)
    if (match !== null) return match[1] ?? match[2]
  }
  return undefined
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/**
 * Splits a `multipart/related` body (RFC 2387, with RFC 2046 §5.1.1 delimiters: the CRLF before a
 * boundary belongs to it). Contents are views into `body`, so a 35 MB part is not copied.
 * Returns undefined when the body is not well formed.
 */
export function splitMultipart(body: Buffer, boundary: string): BodyPart[] | undefined {
  const dashBoundary = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let position: number
  if (body.subarray(0, dashBoundary.length).equals(dashBoundary)) {
    position = dashBoundary.length
  } else {
    const first = body.indexOf(delimiter)
    if (first === -1) return undefined
    position = first + delimiter.length
  }
  const parts: BodyPart[] = []
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts
    while (body[position] === 0x20 || body[position] === 0x09) position += 1
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) return undefined
    position += 2
    const end = body.indexOf(delimiter, position)
    if (end === -1) return undefined
    const part = body.subarray(position, end)
    const blank = part.indexOf('\r\n\r\n')
    if (part[0] === 0x0d && part[1] === 0x0a) {
      parts.push({ headers: {}, content: part.subarray(2) })
    } else if (blank === -1) {
      return undefined
    } else {
      parts.push({
        headers: parseHeaders(part.subarray(0, blank).toString('latin1')),
        content: part.subarray(blank + 4),
      })
    }
    position = end + delimiter.length
  }
}
