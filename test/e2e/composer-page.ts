// Page-side helpers for the composer's e2e tests: where things are in the window, and the few
// things a person does that Playwright has no verb for (a paste, a file dropped from elsewhere).
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import type { Dom } from '../helpers/page-dom'
import type { World } from './app-world'

/** The window's views, in the order the navigation lists them. */
const VIEWS = ['Compose', 'Drafts', 'Outbox', 'Settings'] as const
export type View = (typeof VIEWS)[number]

export function nav(page: Page, view: View): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view })
}

/** The same button by its place, for a window whose words are not English (the pseudo-locale). */
export function navByPlace(page: Page, view: View): Locator {
  return page.locator('.nav-item').nth(VIEWS.indexOf(view))
}

export function recipients(page: Page, field: 'To' | 'Cc' | 'Bcc'): Locator {
  return page.getByRole('combobox', { name: field, exact: true })
}

export function chips(page: Page, field: 'To' | 'Cc' | 'Bcc'): Locator {
  return page.getByRole('list', { name: `${field} recipients` }).getByRole('listitem')
}

export function body(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message body' })
}

/** The body's signature block (the editor's marked `div`). */
export function signatureBlock(page: Page): Locator {
  return body(page).locator('[data-postline-signature]')
}

/**
 * Sets an account's signature in Settings (its field is named by the address), back to Compose;
 * `views` finds the navigation's buttons (by their place in the pseudo-locale).
 */
export async function setSignature(
  page: Page,
  email: string,
  text: string,
  views: (page: Page, view: View) => Locator = nav,
): Promise<void> {
  await views(page, 'Settings').click()
  const field = page.getByRole('textbox', { name: email, exact: true })
  await field.click()
  await field.press('Control+a')
  await field.pressSequentially(text)
  await views(page, 'Compose').click()
}

export function toast(page: Page): Locator {
  return page.locator('.toast-region')
}

/** Drops a file on the composer as the person's file manager would. */
export async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const dom = globalThis as unknown as Dom
      const data = new dom.DataTransfer()
      data.items.add(new dom.File([text], fileName, { type: 'text/csv' }))
      return data
    },
    [name, content] as const,
  )
  const target = page.locator('section.composer')
  await target.dispatchEvent('dragenter', { dataTransfer })
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
}

/** Writes a file to attach; answers its path and SHA-256. */
export async function fixture(world: World, name: string, content: Buffer | string) {
  const filePath = path.join(world.filesDir, name)
  await writeFile(filePath, content)
  return { path: filePath, sha256: createHash('sha256').update(content).digest('hex') }
}

/** Fills To and Subject and writes a line, for tests about what happens after Send. */
export async function writeQuickMessage(page: Page, to: string, subject: string, text: string) {
  await recipients(page, 'To').fill(to)
  await recipients(page, 'To').press('Enter')
  await page.getByLabel('Subject').fill(subject)
  await body(page).focus()
  await caretTo(page, 'start')
  await page.keyboard.type(text)
}

/**
 * Moves the caret to the start or end of the focused editor with Ctrl+Home/End. Chromium tells
 * the editor of a moved caret by a `selectionchange` task, which under load can run after the
 * next key (an Enter would then split the old line): wait for it before going on.
 */
export async function caretTo(page: Page, where: 'start' | 'end') {
  await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End')
  await page.evaluate(() => {
    // The test's tsconfig has no DOM types; this is the little of the DOM it needs.
    const frame = (globalThis as unknown as { requestAnimationFrame(run: () => void): void })
      .requestAnimationFrame
    return new Promise<void>((resolve) => frame(() => setTimeout(resolve, 0)))
  })
}

export function addresses(field: AddressObject | AddressObject[] | undefined) {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((entry) => entry.value.map(({ name, address }) => ({ name, address })))
}

export async function onlyMessage(world: World): Promise<ParsedMail> {
  const messages = world.sandbox.mailbox()
  assert.equal(messages.length, 1, 'exactly one message reached Gmail')
  return simpleParser(messages[0]!.raw)
}
