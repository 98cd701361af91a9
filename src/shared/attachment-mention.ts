// The forgotten-attachment reminder's question: does what the person wrote say something is
// attached? In English, Portuguese (Brazil) and Spanish, whatever the window's language, since
// people write in the language of the person they write to. Pure: the window asks it on Send.
//
// Only the person's own words count: the signature (after the "-- " line, or a "Sent from my…"
// line) and quoted text (lines starting with ">", blockquotes, Gmail's gmail_quote, and the
// "On … wrote:" / "Em … escreveu:" / "El … escribió:" line with everything after it) are removed
// first, since a reminder firing on a signature line is a known complaint about other clients.

/**
 * Phrases that say something is attached, on text lower-cased with its accents removed. Bare
 * "anexo" is not one (an annex of a law or a building); "adjunto" is, unless it names a deputy.
 */
const MENTIONS: readonly RegExp[] = [
  // English: attached, attaching, attachment(s), enclosed, enclosing.
  /\battach(?:ed|ing|ments?)\b/g,
  /\b(?:i'll|i will|i'm going to|let me|i|we'll|we will)\s+(?:also\s+)?attach\b/g,
  /\benclos(?:ed|ing)\b/g,
  // Portuguese: anexei, anexado, anexando, anexamos, anexa-se, vou anexar…
  /\banex(?:ei|ad[oa]s?|ando|amos|o-lhe|a-se)\b/g,
  /\b(?:vou|vamos|irei|estou|estamos)\s+(?:te\s+|lhe\s+)?anex(?:ar|ando)\b/g,
  // "Anexo o relatório", "Te anexo la factura": anexo as a verb, first person.
  /(?:^|[.!?:;]\s*|\b(?:eu|te|lhe|lhes|vos|les|le|os)\s+)anex[oa]\s+(?:o|a|os|as|el|la|los|las|un|una|aqui|abaixo|aca|neste|nesta|este|esta)\b/gm,
  // "em anexo", "como anexo", "segue anexo", "seguem anexos", "vai anexo", "envio anexo"…
  /\b(?:em|en|como|segue|seguem|sigue|siguen|vai|vao|va|van|envio|mando|encaminho)\s+(?:em\s+|en\s+)?anex[oa]s?\b/g,
  // "o anexo", "no anexo", "veja o anexo", "conforme anexo", "el anexo", "los anexos"…
  /\b(?:o|os|no|nos|conforme|el|los|del|al)\s+anexos?\b/g,
  // "arquivo anexo", "planilha anexa", "documentos anexos", "archivo anexo"…
  /\b(?:arquivos?|documentos?|planilhas?|fotos?|imagens?|relatorios?|pdfs?|curriculos?|comprovantes?|notas?|faturas?|contratos?|propostas?|archivos?|imagenes|informes?|facturas?)\s+anex[oa]s?\b/g,
  // Spanish: adjunto, adjunta, adjuntos, adjuntas, adjuntar, adjunté, adjuntando, adjuntado…
  /\badjunt(?:[oa]s?|e|amos|ando|ad[oa]s?)\b/g,
  /\b(?:voy|vamos)\s+a\s+(?:te\s+|le\s+|les\s+)?adjuntar\b/g,
]

/** A deputy or associate, not an attachment: "director adjunto", "professora adjunta". */
const DEPUTY =
  /\b(?:director|directora|diretor|diretora|subdirector|subdirectora|profesor|profesora|professor|professora|jefe|jefa|secretario|secretaria|gerente|ministro|ministra|fiscal|coordinador|coordinadora|coordenador|coordenadora|medico|medica|juiz|juez|procurador|procuradora|delegado|delegada|auditor|auditora|editor|editora|consejero|consejera|defensor|defensora|gestor|gestora)\s+adjunt[oa]s?\b/g

/** Words that look like a mention and are not: attachment style, attached to (a person)… */
const NOT_ATTACHMENTS: readonly RegExp[] = [
  DEPUTY,
  // Grammar (adjunto adnominal) and places (an enclosed garden).
  /\badjunt[oa]s?\s+(?:adnominal|adnominais|adverbial|adverbiais)\b/g,
  /\benclosed\s+(?:space|spaces|area|areas|garden|gardens|room|rooms|porch|yard|patio|courtyard)\b/g,
  // Attachment in psychology and feelings.
  /\b(?:emotional|secure|insecure|anxious|avoidant|disorganized|parental|strong|deep|romantic)\s+attachment\b/g,
  /\battachments?\s+(?:style|styles|theory|parenting|issues|disorder|figure|figures|bond|bonds)\b/g,
  // "attached to" a person, an idea or a house, but not "attached to this email".
  /\battached\s+to\s+(?!(?:this|the|my|our|that)\s+(?:e-?mail|message|mail|note|thread|reply)\b)\S+/g,
  // An annex of a law or a document: "anexo II", "anexo 3", "anexo do prédio", "anexo de la ley".
  /\banex[oa]s?\s+(?:[ivxlc]+|\d+|[b-df-np-xz])\b/g,
  /\banex[oa]s?\s+(?:d[oa]s?|de\s+la|del|de)\s+(?:predio|edificio|escola|hospital|lei|decreto|portaria|resolucao|contrato|ley|reglamento|resolucion|casa|hotel|museu|museo)\b/g,
]

/** Clearly nothing attached: "no attachment", "sem anexo", "sin adjunto"… */
const NEGATIONS: readonly RegExp[] = [
  /\b(?:no|without|zero|not\s+any)\s+(?:an?\s+|the\s+)?(?:files?\s+)?(?:attachments?|enclosures?)\b/g,
  /\b(?:nothing|no\s+files?|none)\s+(?:is\s+|are\s+|was\s+|were\s+)?(?:attached|enclosed)\b/g,
  /(?:\bnot|n't|\bnever)\s+(?:yet\s+)?(?:be\s+|been\s+|being\s+)?(?:attached|attaching|enclosed)\b/g,
  /\b(?:attached|attachments?|enclosed|anexos?|adjuntos?)\s*:\s*(?:none|nothing|n\/a|no|nenhum|nada|ninguno|sin)\b/g,
  /\b(?:sem|nenhum|nenhuma|sin|ningun|ninguna)\s+(?:arquivos?\s+|archivos?\s+)?(?:anex[oa]s?|adjunt[oa]s?)\b/g,
  /\bnada\s+(?:em|en|como)?\s*(?:anex[oa]|adjunt[oa])\b/g,
  /\bnao\s+(?:ha|tem|vai|vao|segue|seguem|foi|foram|precisa\s+(?:de\s+)?|tem\s+nenhum\s+|ha\s+nenhum\s+)?\s*(?:nenhum\s+)?(?:em\s+)?anex(?:o|os|a|as|ei|ado|ados|ar)\b/g,
  /\bno\s+(?:hay|va|van|lleva|llevan|tiene|tienen|incluye|he|hemos|te)?\s*(?:ningun\s+|ninguna\s+)?(?:archivo\s+)?(?:adjunt(?:[oa]s?|e|ado|ar)|anexo)\b/g,
]

/** Lines that start a signature: the "-- " delimiter (RFC 3676 §4.3) or a mobile footer. */
const SIGNATURE_START =
  /^(?:--|(?:sent from my|enviado do meu|enviado desde mi|enviado de mi)\b.*)$/i
/** The line that introduces a quoted reply or a forwarded message; it and all after it go. */
const QUOTE_HEADER =
  /^(?:(?:on|em|el)\b[^\n]*(?:\n[^\n]*)?\b(?:wrote|escreveu|escribio|escribió)\s*:[ \t]*$|-{2,}\s*(?:original message|forwarded message|mensagem original|mensagem encaminhada|mensaje original|mensaje reenviado)\s*-{2,}|(?:from|de)\s*:\s.*\n(?:sent|date|enviado|enviada|data|fecha)\s*:)/im

/** The person's own words of a plain-text body: no signature, no quoted text. */
export function ownText(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n')
  const header = QUOTE_HEADER.exec(normalised)
  const beforeQuote = header ? normalised.slice(0, header.index) : normalised
  const lines: string[] = []
  for (const line of beforeQuote.split('\n')) {
    if (SIGNATURE_START.test(line.trim())) break
    if (/^\s*>/.test(line)) continue
    lines.push(line)
  }
  return lines.join('\n')
}

/** Lower case, accents off, one kind of apostrophe: the form the phrases above are written in. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
}

type Span = readonly [start: number, end: number]

function spans(patterns: readonly RegExp[], text: string): Span[] {
  const found: Span[] = []
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      found.push([match.index, match.index + match[0].length])
    }
  }
  return found
}

/** Whether plain text (the person's own words already) says something is attached. */
export function textMentionsAttachment(text: string): boolean {
  const folded = fold(text)
  const excluded = [...spans(NOT_ATTACHMENTS, folded), ...spans(NEGATIONS, folded)]
  return spans(MENTIONS, folded).some(
    ([start, end]) => !excluded.some(([from, to]) => start < to && end > from),
  )
}

/** Whether a plain-text body mentions an attachment outside its signature and quoted text. */
export function mentionsAttachment(text: string): boolean {
  return textMentionsAttachment(ownText(text))
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

/** Removes every `<tag …>…</tag>` element (nested ones too) whose opening tag matches `open`. */
function removeElements(html: string, open: RegExp, tag: string): string {
  let result = html
  for (;;) {
    const start = result.search(open)
    if (start < 0) return result
    const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi')
    pattern.lastIndex = start
    let depth = 0
    let end = result.length
    for (const match of result.slice(start).matchAll(pattern)) {
      depth += match[1] === '/' ? -1 : 1
      if (depth === 0) {
        end = start + match.index + match[0].length
        break
      }
    }
    result = result.slice(0, start) + '\n' + result.slice(end)
  }
}

/**
 * A body as the editor holds it (HTML) as plain text, without blockquotes and without Gmail's
 * quote (`gmail_quote`, and everything after it).
 */
export function htmlToOwnText(html: string): string {
  let body = html
  const gmailQuote = body.search(/<(?:div|blockquote)\b[^>]*class="[^"]*\bgmail_quote\b/i)
  if (gmailQuote >= 0) body = body.slice(0, gmailQuote)
  body = removeElements(body, /<blockquote\b/i, 'blockquote')
  const text = body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|h[1-6]|ul|ol)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole
      }
      return ENTITIES[name.toLowerCase()] ?? whole
    })
  return ownText(text)
}

/** Whether a body in HTML mentions an attachment outside its signature and quoted text. */
export function htmlMentionsAttachment(html: string): boolean {
  return textMentionsAttachment(htmlToOwnText(html))
}
