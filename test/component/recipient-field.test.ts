import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchChromium } from '../helpers/chromium'
import { seriousAxeViolations } from '../helpers/e2e-bridge'
import { paste as pasteInto } from '../helpers/page-dom'
import { mountHarness, type Harness } from './harness'

const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots')
const ROOT = path.resolve(__dirname, '../..')

/** Mounts `RecipientField` alone, with three people to suggest; its entries are kept on `window`. */
const ENTRY = `
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { RecipientField } from ${JSON.stringify(path.join(ROOT, 'src/renderer/components/RecipientField.tsx'))}
import ${JSON.stringify(path.join(ROOT, 'src/renderer/styles.css'))}
import ${JSON.stringify(path.join(ROOT, 'src/renderer/composer.css'))}
import ${JSON.stringify(path.join(ROOT, 'src/renderer/recipients.css'))}

const people = [
  { name: 'Alan Turing', address: 'alan@example.com' },
  { name: 'Alice Ball', address: 'alice@example.org' },
  { name: '', address: 'bob@example.net' },
]

function suggest(typed, exclude) {
  const query = typed.trim().toLowerCase()
  return people.filter(
    (person) =>
      !exclude.has(person.address) &&
      (person.address.startsWith(query) || person.name.toLowerCase().startsWith(query)),
  )
}

function Harness() {
  const [entries, setEntries] = useState([])
  window.harnessEntries = entries
  return (
    <div className="composer harness-composer">
      <RecipientField label="To" entries={entries} onChange={setEntries} suggest={suggest} />
    </div>
  )
}

createRoot(document.getElementById('root')).render(<Harness />)
`

let browser: Browser
let harness: Harness
let page: Page

before(async () => {
  browser = await launchChromium()
  await mkdir(SCREENSHOTS, { recursive: true })
})

after(async () => {
  await browser?.close()
})

async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  harness = await mountHarness(browser, ENTRY, { colorScheme })
  page = harness.page
  await input().waitFor()
}

async function close(): Promise<void> {
  const problems = [...harness.problems]
  await harness.close()
  assert.deepEqual(problems, [], 'the component logged no errors')
}

function input(): Locator {
  return page.getByRole('combobox', { name: 'To' })
}

function chips(): Locator {
  return page.getByRole('list', { name: 'To recipients' }).getByRole('listitem')
}

function entries(): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { harnessEntries: string[] }).harnessEntries)
}

/** Pastes plain text into the focused element, as a paste from another program arrives. */
function paste(text: string): Promise<void> {
  return pasteInto(page, text)
}

describe('the recipient field', () => {
  test('a pasted list with a quoted name becomes two chips with the right names', async () => {
    await open()
    try {
      await input().focus()
      await paste('"Name, Jr." <a@b.c>, d@e.f')
      await chips().nth(1).waitFor()
      assert.equal(await chips().count(), 2)
      assert.equal(await chips().nth(0).locator('.chip-label').textContent(), 'Name, Jr.')
      assert.equal(await chips().nth(0).getAttribute('title'), 'Name, Jr. <a@b.c>')
      assert.equal(await chips().nth(1).locator('.chip-label').textContent(), 'd@e.f')
      assert.deepEqual(await entries(), ['"Name, Jr." <a@b.c>', 'd@e.f'])
      assert.equal(await input().inputValue(), '', 'the input is empty for the next address')
      assert.equal(await input().getAttribute('aria-invalid'), 'false')
    } finally {
      await close()
    }
  })

  test('an invalid entry is marked, and says why', async () => {
    await open()
    try {
      await input().fill('grace@')
      await input().press('Enter')
      const chip = chips().first()
      await chip.waitFor()
      assert.equal(await chip.getAttribute('aria-invalid'), 'true')
      // The chip is marked; why is its accessible description, said once on screen by the field.
      const edit = chip.getByRole('button', { name: 'Edit grace@' })
      const reasonId = await edit.getAttribute('aria-describedby')
      assert.ok(reasonId, 'the chip points at why it cannot be used')
      const reason = page.locator(`[id="${reasonId}"]`)
      assert.equal(await reason.textContent(), 'Nothing comes after the @.')
      const box = await reason.boundingBox()
      assert.ok(box === null || box.width <= 1, 'on screen it is said once, by the field (below)')
      assert.equal(await input().getAttribute('aria-invalid'), 'true')
      const described = await input().getAttribute('aria-describedby')
      assert.ok(described, 'the input points at the explanation')
      const explanation = page.locator(`[id="${described}"]`)
      assert.match((await explanation.textContent()) ?? '', /“grace@” can’t be used: Nothing comes/)
      assert.ok(await explanation.isVisible())
      await page.screenshot({ path: path.join(SCREENSHOTS, 'recipient-field-invalid-light.png') })
    } finally {
      await close()
    }
  })

  test('Backspace in the empty input removes the last chip, and only then', async () => {
    await open()
    try {
      await input().fill('ada@example.com')
      await input().press('Enter')
      await input().fill('grace@example.com')
      await input().press('Comma')
      assert.equal(await chips().count(), 2)
      await input().fill('x')
      await input().press('Backspace')
      assert.equal(await chips().count(), 2, 'Backspace first deletes the typed text')
      await input().press('Backspace')
      await chips().nth(1).waitFor({ state: 'detached' })
      assert.deepEqual(await entries(), ['ada@example.com'])
      assert.equal(
        await page.locator('[aria-live="polite"]').textContent(),
        'Removed grace@example.com',
      )
    } finally {
      await close()
    }
  })

  test('suggestions appear as one types and are chosen with the keyboard', async () => {
    await open()
    try {
      await input().pressSequentially('al')
      const listbox = page.getByRole('listbox', { name: 'Suggestions for To' })
      await listbox.waitFor()
      assert.equal(await input().getAttribute('aria-expanded'), 'true')
      assert.equal(await listbox.getByRole('option').count(), 2)
      await input().press('ArrowDown')
      await input().press('ArrowDown')
      const second = listbox.getByRole('option', { name: /Alice Ball/ })
      assert.equal(await second.getAttribute('aria-selected'), 'true')
      assert.equal(
        await input().getAttribute('aria-activedescendant'),
        await second.getAttribute('id'),
      )
      await page.screenshot({
        path: path.join(SCREENSHOTS, 'recipient-field-suggestions-light.png'),
      })
      await input().press('Enter')
      await listbox.waitFor({ state: 'detached' })
      assert.deepEqual(await entries(), ['Alice Ball <alice@example.org>'])
      assert.equal(await input().inputValue(), '')
      assert.equal(await input().getAttribute('aria-expanded'), 'false')

      await input().pressSequentially('al')
      await listbox.waitFor()
      assert.equal(
        await listbox.getByRole('option').count(),
        1,
        'someone already in the field is not suggested again',
      )
      await input().press('Escape')
      await listbox.waitFor({ state: 'detached' })
      assert.equal(await input().inputValue(), 'al', 'Escape closes the list and keeps the text')
    } finally {
      await close()
    }
  })

  test('has no serious accessibility problems, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await open(colorScheme)
      try {
        await input().focus()
        await paste('Ada Lovelace <ada@example.com>, not an address, bob@')
        await input().pressSequentially('al')
        await page.getByRole('listbox').waitFor()
        await page.screenshot({
          path: path.join(SCREENSHOTS, `recipient-field-${colorScheme}.png`),
        })
        assert.deepEqual(await seriousAxeViolations(page), [])
      } finally {
        await close()
      }
    }
  })
})
