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
}

/** Pastes plain text into the focused element, as a paste from another program arrives. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((pasted) => {
    const dom = globalThis as unknown as Dom
    const data = new dom.DataTransfer()
    data.setData('text/plain', pasted)
    const event = new dom.ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    })
    dom.document.activeElement.dispatchEvent(event)
  }, text)
}
