import type { Page } from 'playwright-core'

// The test's tsconfig has no DOM types: the little of the DOM the page-side callbacks use.
export interface Dom {
  DataTransfer: new () => {
    items: { add(file: unknown): void }
    setData(t: string, v: string): void
  }
  File: new (parts: string[], name: string, options: { type: string }) => unknown
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => unknown
  document: { activeElement: { dispatchEvent(event: unknown): boolean } }
  requestAnimationFrame(run: () => void): void
}

/**
 * Pastes into the focused element as a paste from another program arrives: a paste event whose
 * clipboard holds `text`, or each type given (`text/html` with its `text/plain` twin).
 */
export async function paste(
  page: Page,
  data: string | Readonly<Record<string, string>>,
): Promise<void> {
  const types = typeof data === 'string' ? { 'text/plain': data } : data
  await page.evaluate((pasted) => {
    const dom = globalThis as unknown as Dom
    const clipboard = new dom.DataTransfer()
    for (const [type, value] of Object.entries(pasted)) clipboard.setData(type, value)
    const event = new dom.ClipboardEvent('paste', {
      clipboardData: clipboard,
      bubbles: true,
      cancelable: true,
    })
    dom.document.activeElement.dispatchEvent(event)
  }, types)
}

/** Resolves once the page has drawn `count` more frames (requestAnimationFrame, one after another). */
export function afterFrames(page: Page, count = 1): Promise<void> {
  // No named function inside: the page gets this function's text, without tsx's `__name`.
  return page.evaluate(async (frames) => {
    const dom = globalThis as unknown as Dom
    for (let frame = 0; frame < frames; frame++)
      await new Promise<void>((resolve) => dom.requestAnimationFrame(() => resolve()))
  }, count)
}
