import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import englishComposer from '../../src/locales/en/composer.json'
import portugueseComposer from '../../src/locales/pt-BR/composer.json'
import { SHORTCUT_ACTIONS, shortcutLabel, type ShortcutAction } from '../../src/shared/shortcuts'
import {
  addAccount,
  capture,
  startApp,
  startWorld,
  suiteBrowser,
  UNDO_DELAY_MS,
  withApp,
  type App,
} from './app-world'
import { body, caretTo, fixture, recipients, writeQuickMessage } from './composer-page'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'

const browser = suiteBrowser()

type Place = 'the body' | 'Subject' | 'To'
const PLACES: readonly Place[] = ['the body', 'Subject', 'To']

function place(page: Page, where: Place): Locator {
  if (where === 'the body') return body(page)
  return where === 'Subject' ? subjectField(page) : recipients(page, 'To')
}

function subjectField(page: Page, name = 'Subject'): Locator {
  return page.getByRole('textbox', { name, exact: true })
}

/** Waits until `locator` holds the keyboard focus. */
async function focused(locator: Locator): Promise<void> {
  const element = await locator.elementHandle()
  await locator
    .page()
    .waitForFunction(
      (target) =>
        (globalThis as unknown as { document: { activeElement: unknown } }).document
          .activeElement === target,
      element,
    )
}

/** Puts the keyboard in `where`, then presses `keys` there. */
async function pressIn(page: Page, where: Place, keys: string): Promise<void> {
  const target = place(page, where)
  await target.focus()
  await focused(target)
  if (where === 'the body') await caretTo(page, 'end')
  await page.keyboard.press(keys)
}

function sheet(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Keyboard shortcuts' })
}

/** The sheet's rows as "what: keys". */
async function sheetRows(page: Page): Promise<string[]> {
  return sheet(page)
    .getByRole('row')
    .filter({ has: page.locator('td') })
    .evaluateAll((rows) =>
      rows.map((row) => {
        const cells = (row as unknown as { children: ArrayLike<{ textContent: string | null }> })
          .children
        return `${cells[0]?.textContent}: ${cells[1]?.textContent}`
      }),
    )
}

async function fromValue(page: Page): Promise<string> {
  return page.getByLabel('From', { exact: true }).inputValue()
}

async function mailboxHolds(
  app: App,
  count: number,
  world: { sandbox: { mailbox(): readonly unknown[] } },
) {
  const deadline = Date.now() + UNDO_DELAY_MS + 20_000
  while (world.sandbox.mailbox().length < count) {
    assert.ok(Date.now() < deadline, `${count} messages reached Gmail`)
    await app.page.waitForTimeout(200)
  }
}

describe('the composer’s keyboard', () => {
  test('every wired shortcut does its action from To, Subject and the body', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      for (const where of PLACES) {
        const name = where.replace('the ', '')
        await writeQuickMessage(page, 'zoe@example.com', `Keys from ${name}`, 'Hello there.')

        // Cc and Bcc: shown, and the keyboard goes there.
        assert.equal(await recipients(page, 'Cc').count(), 0, 'Cc starts hidden')
        await pressIn(page, where, 'Control+Shift+C')
        await focused(recipients(page, 'Cc'))
        await pressIn(page, where, 'Control+Shift+B')
        await focused(recipients(page, 'Bcc'))
        assert.equal(await body(page).locator('blockquote').count(), 0, 'no quote: Bcc won')

        // Attach: the file picker (main's dialog answers the file).
        const file = await fixture(world, `${name}.txt`, `Attached from ${where}.\n`)
        world.chosenFiles.push([file.path])
        await pressIn(page, where, 'Control+Shift+A')
        await page.locator('section.composer').getByText(`${name}.txt`).waitFor()

        // Insert link: the link form in the body; from a field, the keyboard goes to the body.
        await pressIn(page, where, 'Control+K')
        if (where === 'the body') {
          const form = page.getByRole('form', { name: 'Link' })
          await form.waitFor()
          await page.keyboard.press('Escape')
          await form.waitFor({ state: 'detached' })
        } else {
          await focused(body(page))
        }

        // The sheet opens, and closing it gives the keyboard back.
        await pressIn(page, where, 'Control+/')
        await sheet(page).waitFor()
        await page.keyboard.press('Escape')
        await sheet(page).waitFor({ state: 'hidden' })
        await focused(place(page, where))

        // Send: the message leaves and a new one starts.
        await pressIn(page, where, 'Control+Enter')
        await page.locator('.toast-region').getByText('Undo').first().waitFor()
        await page.waitForFunction(
          () =>
            (
              globalThis as unknown as {
                document: { querySelector(s: string): { value: string } | null }
              }
            ).document.querySelector('.subject-input')?.value === '',
        )
      }
      await mailboxHolds(app, PLACES.length, world)
      const { simpleParser } = await import('mailparser')
      const sent = await Promise.all(
        world.sandbox.mailbox().map(async ({ raw }) => {
          const mail = await simpleParser(raw)
          return `${mail.subject} + ${mail.attachments.map((a) => a.filename).join()}`
        }),
      )
      assert.deepEqual(sent.sort(), [
        'Keys from Subject + Subject.txt',
        'Keys from To + To.txt',
        'Keys from body + body.txt',
      ])
    })
  })

  test('the sheet lists every action with its keys, keeps the focus, closes with Escape', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      const to = recipients(page, 'To')
      await to.focus()
      await page.keyboard.press('Control+/')
      await sheet(page).waitFor()
      const rows = await sheetRows(page)
      const expected = SHORTCUT_ACTIONS.map(
        (action: ShortcutAction) =>
          `${englishComposer[`composer.shortcut.${action}`]}: ${shortcutLabel(action, false)}`,
      )
      assert.deepEqual(rows, [
        ...expected,
        'Bold: Ctrl+B',
        'Italic: Ctrl+I',
        'Underline: Ctrl+U',
        'Undo: Ctrl+Z',
      ])
      assert.equal(new Set(rows).size, rows.length)
      await capture(page, 'shortcuts-sheet')

      // Tab and Shift+Tab stay inside.
      const close = sheet(page).getByRole('button', { name: 'Close' })
      await focused(close)
      for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Tab']) {
        await page.keyboard.press(key)
        await focused(close)
      }
      await page.keyboard.press('Escape')
      await sheet(page).waitFor({ state: 'hidden' })
      await focused(to)

      // The footer's keyboard button, and Close.
      const button = page.getByRole('button', { name: 'Keyboard shortcuts' })
      assert.equal(await button.getAttribute('aria-keyshortcuts'), 'Control+/ Meta+/')
      await button.click()
      await sheet(page).waitFor()
      await close.click()
      await sheet(page).waitFor({ state: 'hidden' })

      // The buttons say their keys.
      const shown = async (name: string) => {
        const element = page.getByRole('button', { name, exact: true })
        return [
          await element.getAttribute('aria-keyshortcuts'),
          await element.getAttribute('title'),
        ]
      }
      assert.deepEqual(await shown('Cc'), [
        'Control+Shift+C Meta+Shift+C',
        'Show Cc (Ctrl+Shift+C)',
      ])
      assert.deepEqual(await shown('Bcc'), [
        'Control+Shift+B Meta+Shift+B',
        'Show Bcc (Ctrl+Shift+B)',
      ])
      assert.deepEqual(await shown('Attach files'), [
        'Control+Shift+A Meta+Shift+A',
        'Attach files (Ctrl+Shift+A)',
      ])
      assert.deepEqual(await shown('Send'), ['Control+Enter Meta+Enter', 'Send (Ctrl+Enter)'])
      const quote = page.getByRole('button', { name: 'Quote' })
      assert.equal(await quote.getAttribute('aria-keyshortcuts'), null, 'the quote gave up its key')
    })
  })

  test('main’s menu clicks run the same actions in the window', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await subjectField(page).focus()
      await app.renderer.emit('menu.action', { action: 'showBcc' })
      await focused(recipients(page, 'Bcc'))
      await app.renderer.emit('menu.action', { action: 'shortcuts' })
      await sheet(page).waitFor()
      await page.keyboard.press('Escape')
      await sheet(page).waitFor({ state: 'hidden' })
      await focused(recipients(page, 'Bcc'))
      // Something that is no action does nothing (and breaks nothing).
      await app.renderer.emit('menu.action', { action: 'format' as ShortcutAction })
      assert.equal(await recipients(page, 'Cc').count(), 0)
      await app.renderer.emit('menu.action', { action: 'showCc' })
      await focused(recipients(page, 'Cc'))
    })
  })

  test('next and previous account cycle From through the accounts, wrapping, and say so', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      const first = await fromValue(page)
      const second = first === ADA ? GRACE : ADA
      const status = page.locator('section.composer p[role="status"]')

      await pressIn(page, 'Subject', 'Control+Shift+BracketRight')
      await page.waitForFunction(
        (email) =>
          (
            globalThis as unknown as {
              document: { querySelector(s: string): { value: string } | null }
            }
          ).document.querySelector('.from-select')?.value === email,
        second,
      )
      assert.equal(await status.textContent(), `Sending from ${second}`)
      await focused(subjectField(page))

      await pressIn(page, 'the body', 'Control+Shift+BracketRight')
      await status.getByText(`Sending from ${first}`).waitFor()
      assert.equal(await fromValue(page), first, 'wrapped to the first account')

      await pressIn(page, 'To', 'Control+Shift+BracketLeft')
      await status.getByText(`Sending from ${second}`).waitFor()
      assert.equal(await fromValue(page), second, 'wrapped back to the last account')
      await pressIn(page, 'To', 'Control+Shift+BracketLeft')
      await status.getByText(`Sending from ${first}`).waitFor()
      assert.equal(await fromValue(page), first)
    })
  })

  test('the sheet in Portuguese', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startApp(world, {}, { languages: ['pt-BR'] })
      try {
        const { page } = app
        // The composer is on screen once an account is added.
        await page.getByRole('button', { name: 'Adicionar conta Google' }).click()
        const consent = await world.person.nextPage()
        await consent.locator(`input[name="identity"][value="${ADA}"]`).check()
        await consent.getByRole('button', { name: 'Allow', exact: true }).click()
        const subject = subjectField(page, 'Assunto')
        await subject.waitFor()
        await subject.focus()
        await page.keyboard.press('Control+/')
        const dialog = page.getByRole('dialog', { name: 'Atalhos de teclado' })
        await dialog.waitFor()
        const rows = await dialog
          .getByRole('row')
          .filter({ has: page.locator('td') })
          .count()
        assert.equal(rows, SHORTCUT_ACTIONS.length + 4)
        for (const action of SHORTCUT_ACTIONS) {
          await dialog
            .getByRole('rowheader', {
              name: portugueseComposer[`composer.shortcut.${action}`],
              exact: true,
            })
            .waitFor()
        }
        await capture(page, 'shortcuts-sheet-pt-BR')
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        await focused(subject)
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
