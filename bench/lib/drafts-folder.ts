import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** A small seeded generator (mulberry32), so every run writes the same drafts. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS =
  'the quarterly report numbers look good but we should talk about the budget for next year before the meeting on thursday please send me your notes and the latest figures when you can thanks again for all the help with the launch'.split(
    ' ',
  )

/** About `bytes` of ordinary message HTML: paragraphs of words, some bold, some links. */
export function draftHtml(bytes: number, random: () => number): string {
  const parts: string[] = []
  let size = 0
  while (size < bytes) {
    const words: string[] = []
    const count = 20 + Math.floor(random() * 60)
    for (let i = 0; i < count; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!)
    if (random() < 0.3) words[3] = `<strong>${words[3]}</strong>`
    if (random() < 0.2) words[7] = `<a href="https://example.com/${i(random)}">${words[7]}</a>`
    const paragraph = `<p>${words.join(' ')}.</p>`
    parts.push(paragraph)
    size += paragraph.length
  }
  return parts.join('').slice(0, bytes)
}

function i(random: () => number): number {
  return Math.floor(random() * 100_000)
}

/** The size of the n-th realistic draft: mostly 2–20 KB, one in 40 about 200 KB. */
export function draftSize(random: () => number): number {
  return random() < 1 / 40 ? 200 * 1024 : 2048 + Math.floor(random() * 18 * 1024)
}

/**
 * Writes `count` realistic drafts straight into `<dataDir>/drafts/` as the drafts store keeps
 * them today (one `<id>.json` record each), far faster than through `drafts.save` with its fsync
 * and its list event per save. Whoever starts a core on the folder checks that it sees them all
 * (a changed format would show as drafts missing, never as a quietly smaller benchmark).
 * Answers the bytes written.
 */
export async function writeDrafts(dataDir: string, count: number, seed = 1): Promise<number> {
  const folder = path.join(dataDir, 'drafts')
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const random = seeded(seed)
  const yearAgo = Date.now() - 365 * 24 * 3600_000
  let bytes = 0
  const records: { file: string; text: string }[] = []
  for (let n = 0; n < count; n++) {
    const id = randomBytes(16).toString('base64url')
    const record = {
      version: 1,
      id,
      fields: {
        from: null,
        to: [`person${n % 97}@example.com`],
        cc: random() < 0.2 ? [`team${n % 13}@example.com`] : [],
        bcc: [],
        subject: `Draft ${n + 1}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]}`,
        html: draftHtml(draftSize(random), random),
        text: '',
      },
      attachments: [],
      updatedAt: new Date(yearAgo + Math.floor(random() * 365 * 24 * 3600_000)).toISOString(),
      outboxId: null,
      note: null,
    }
    const text = `${JSON.stringify(record)}\n`
    bytes += Buffer.byteLength(text)
    records.push({ file: path.join(folder, `${id}.json`), text })
  }
  // A few at a time: the page cache takes them, and the folder is ready in seconds.
  for (let first = 0; first < records.length; first += 64)
    await Promise.all(records.slice(first, first + 64).map((r) => writeFile(r.file, r.text)))
  return bytes
}
