import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { fixture, onlyMessage, toast } from './composer-page'
import {
  answerConsent,
  capture,
  SCREENSHOTS,
  startApp,
  startWorld,
  suiteBrowser,
  UNDO_DELAY_MS,
  type App,
  type World,
} from './app-world'

const ADA = 'ada@sandbox.test'
const browser = suiteBrowser()

/** The composer's words in each language these tests type in (from src/locales/<lang>/composer.json). */
const WORDS = {
  'pt-BR': {
    to: 'Para',
    subject: 'Assunto',
    body: 'Corpo da mensagem',
    send: 'Enviar',
    question: 'Enviar sem anexo?',
    sendAnyway: 'Enviar assim mesmo',
    attach: 'Anexar arquivos',
    attachments: 'Anexos',
    sent: 'Mensagem enviada',
  },
  es: {
    to: 'Para',
    subject: 'Asunto',
    body: 'Cuerpo del mensaje',
    send: 'Enviar',
    question: '¿Enviar sin archivo adjunto?',
    sendAnyway: 'Enviar de todos modos',
    attach: 'Adjuntar archivos',
    attachments: 'Archivos adjuntos',
    sent: 'Mensaje enviado',
  },
} as const
type Locale = keyof typeof WORDS

/** Starts the app in `locale` (the system's language) with one account, added through the API. */
async function startIn(world: World, locale: Locale): Promise<App> {
  const app = await startApp(world, {}, { languages: [locale] })
  await mkdir(path.join(SCREENSHOTS, locale), { recursive: true })
  // The welcome view's words belong to another part of the work; the API adds the account the
  // same way its button does, so this test depends only on the composer's words.
  const adding = app.page.evaluate(() =>
    (
      globalThis as unknown as { postline: { accounts: { add(): Promise<unknown> } } }
    ).postline.accounts.add(),
  )
  await answerConsent(world, ADA)
  await adding
  await app.page.locator('section.composer').waitFor()
  const lang = await app.page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
        .documentElement.lang,
  )
  assert.equal(lang, locale)
  return app
}

/** Types a message as a person does: the recipient, the subject, then the body's words. */
async function typeMessage(page: Page, locale: Locale, subject: string, text: string) {
  const words = WORDS[locale]
  const to = page.getByRole('combobox', { name: words.to, exact: true })
  await to.pressSequentially('ana@example.com')
  await to.press('Enter')
  await page.getByLabel(words.subject).pressSequentially(subject)
  await page.getByRole('textbox', { name: words.body }).click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.type(text, { delay: 5 })
}

/** The name of the element that has the focus. */
function focused(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { textContent: string } | null } }
      ).document.activeElement?.textContent?.trim() ?? '',
  )
}

async function sendAndWait(page: Page, locale: Locale): Promise<void> {
  await toast(page)
    .getByText(WORDS[locale].sent)
    .waitFor({ timeout: UNDO_DELAY_MS + 15_000 })
}

describe('the forgotten-attachment reminder', () => {
  test('in Portuguese: asks once, and Anexar arquivos attaches before sending', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startIn(world, 'pt-BR')
      try {
        const { page } = app
        const words = WORDS['pt-BR']
        await typeMessage(
          page,
          'pt-BR',
          'Relatório',
          'Oi Ana, segue em anexo o relatório de março.',
        )
        await capture(page, 'pt-BR/attachment-reminder-composer')

        await page.getByRole('button', { name: words.send, exact: true }).click()
        const question = page.getByRole('dialog', { name: words.question })
        await question.waitFor()
        assert.equal(await focused(page), words.attach, 'the focus is on the dialog')
        await capture(page, 'pt-BR/attachment-reminder-question')
        assert.equal(world.sandbox.mailbox().length, 0, 'nothing left before the answer')

        const file = await fixture(world, 'relatorio-marco.csv', 'mes,total\nmarço,42\n')
        world.chosenFiles.push([file.path])
        await page.keyboard.press('Enter')
        await question.waitFor({ state: 'hidden' })
        const list = page.getByRole('region', { name: words.attachments })
        await list.getByText('relatorio-marco.csv').waitFor()
        // Away from Send, which the mouse clicked: this picture is of the list, not of a hover.
        await page.mouse.move(1, 1)
        await capture(page, 'pt-BR/attachment-reminder-attached')

        // With the file attached, Send does not ask again.
        await page.keyboard.press('Control+Enter')
        await sendAndWait(page, 'pt-BR')
        assert.equal(await question.count(), 0)
        const mail = await onlyMessage(world)
        assert.equal(mail.attachments.length, 1)
        assert.equal(mail.attachments[0]!.filename, 'relatorio-marco.csv')
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('in Spanish: Escape goes back without sending, Enviar de todos modos sends', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startIn(world, 'es')
      try {
        const { page } = app
        const words = WORDS.es
        await typeMessage(page, 'es', 'Factura', 'Hola Ana, te adjunto la factura de marzo.')
        await page.keyboard.press('Control+Enter')
        const question = page.getByRole('dialog', { name: words.question })
        await question.waitFor()
        assert.equal(await focused(page), words.attach)
        await capture(page, 'es/attachment-reminder-question')

        await page.keyboard.press('Escape')
        await question.waitFor({ state: 'hidden' })
        await new Promise((resolve) => setTimeout(resolve, UNDO_DELAY_MS + 500))
        assert.equal(world.sandbox.mailbox().length, 0, 'Escape sent nothing')

        await page.getByRole('button', { name: words.send, exact: true }).click()
        await question.waitFor()
        await page.keyboard.press('Shift+Tab')
        assert.equal(await focused(page), words.sendAnyway, 'both answers are keyboard-reachable')
        await page.keyboard.press('Enter')
        await sendAndWait(page, 'es')
        const mail = await onlyMessage(world)
        assert.equal(mail.attachments.length, 0)
        assert.match(mail.text ?? '', /te adjunto la factura/)
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('a signature line that says "te adjunto" does not ask', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startIn(world, 'es')
      try {
        const { page } = app
        await typeMessage(
          page,
          'es',
          'Hola',
          'Nos vemos el lunes.\n-- \nJuan · Te adjunto mi tarjeta',
        )
        await page.keyboard.press('Control+Enter')
        await sendAndWait(page, 'es')
        assert.equal(await page.getByRole('dialog').count(), 0)
        assert.equal((await onlyMessage(world)).attachments.length, 0)
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('a language change re-words the composer at once and keeps what was typed', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startIn(world, 'es')
      try {
        const { page } = app
        await typeMessage(page, 'es', 'Hola', 'Hola Ana, te adjunto la factura.')
        const setLanguage = (language: string) =>
          page.evaluate(
            (next) =>
              (
                globalThis as unknown as {
                  postline: { language: { set(language: string): Promise<unknown> } }
                }
              ).postline.language.set(next),
            language,
          )
        await setLanguage('pt-BR')
        const body = page.getByRole('textbox', { name: WORDS['pt-BR'].body })
        await body.getByText('Hola Ana, te adjunto la factura.').waitFor()
        await page.getByRole('toolbar', { name: 'Formatação' }).waitFor()
        assert.equal(await page.getByLabel(WORDS['pt-BR'].subject).inputValue(), 'Hola')
        await page.keyboard.press('Control+Enter')
        await page.getByRole('dialog', { name: WORDS['pt-BR'].question }).waitFor()
        await page.keyboard.press('Escape')

        // The pseudo-locale: every composer word accented and 40% longer, nothing clipped.
        await setLanguage('en-XA')
        await page.getByRole('button', { name: /^⟦Šéñd·+⟧$/ }).waitFor()
        await mkdir(path.join(SCREENSHOTS, 'en-XA'), { recursive: true })
        await page.mouse.move(1, 1)
        await capture(page, 'en-XA/attachment-reminder-composer')
        await page.keyboard.press('Control+Enter')
        await page.getByRole('dialog', { name: /^⟦Šéñd wîthõüt åttåçhméñt\?·+⟧$/ }).waitFor()
        await capture(page, 'en-XA/attachment-reminder-question')
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
