import { DOMSerializer, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model'
import { sanitizeEach } from './sanitize-html'

/** Blocks cleaned in one go: about this much HTML, or this many blocks. */
const BATCH_CHARS = 8_192
const BATCH_BLOCKS = 32

/**
 * The body as safe HTML (`sanitizeHtml(editor.getHTML())`), kept block by block. ProseMirror's
 * nodes are immutable and an edit replaces only the blocks it touches, so each top-level block's
 * cleaned HTML is kept against the block itself: an autosave after typing serializes and cleans
 * the one paragraph that changed, not the whole 200 KB body (50 ms in one task). `warm` cleans
 * what is missing in small steps while the page is idle, after the body was opened or pasted.
 */
export class BodyHtml {
  private readonly blocks = new WeakMap<ProseMirrorNode, string>()
  /** How many blocks were cleaned so far (what the tests count). */
  cleanedBlocks = 0
  private readonly serializer: DOMSerializer
  /** Blocks are drawn into a document of their own: an inert one, where nothing loads. */
  private readonly inert = document.implementation.createHTMLDocument('')

  constructor(schema: Schema) {
    this.serializer = DOMSerializer.fromSchema(schema)
  }

  /** The whole body's safe HTML. */
  of(doc: ProseMirrorNode): string {
    this.clean(this.missing(doc), () => true)
    let html = ''
    doc.forEach((block) => (html += this.blocks.get(block)!))
    return html
  }

  /**
   * Cleans missing blocks a batch at a time while `goOn()` says so, once at least `from` are
   * missing (fewer are left to the next save); answers whether nothing is left to warm.
   */
  warm(doc: ProseMirrorNode, goOn: () => boolean, from = 1): boolean {
    const missing = this.missing(doc)
    return missing.length < from || this.clean(missing, goOn) === missing.length
  }

  private missing(doc: ProseMirrorNode): ProseMirrorNode[] {
    const missing: ProseMirrorNode[] = []
    doc.forEach((block) => {
      if (!this.blocks.has(block)) missing.push(block)
    })
    return missing
  }

  /** Cleans `blocks` in batches while `goOn()`; answers how many were cleaned. */
  private clean(blocks: readonly ProseMirrorNode[], goOn: () => boolean): number {
    let done = 0
    while (done < blocks.length && goOn()) {
      const batch: ProseMirrorNode[] = []
      const pieces: string[] = []
      let chars = 0
      while (
        done + batch.length < blocks.length &&
        batch.length < BATCH_BLOCKS &&
        (batch.length === 0 || chars < BATCH_CHARS)
      ) {
        const block = blocks[done + batch.length]!
        const piece = this.serialize(block)
        batch.push(block)
        pieces.push(piece)
        chars += piece.length
      }
      sanitizeEach(pieces).forEach((html, i) => this.blocks.set(batch[i]!, html))
      done += batch.length
      this.cleanedBlocks += batch.length
    }
    return done
  }

  private serialize(block: ProseMirrorNode): string {
    const holder = this.inert.createElement('div')
    holder.append(this.serializer.serializeNode(block, { document: this.inert }))
    return holder.innerHTML
  }
}
