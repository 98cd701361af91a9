// An error raised in main reaches the window as a code and params, and the window words it in the
// person's language; main's English sentence is the log's.
import assert from 'node:assert/strict'
import { mkdir, open } from 'node:fs/promises'
import path from 'node:path'
import { describe, test } from 'node:test'
import { createLogger, type LogLevel } from '../../src/main/log'
import {
  accountItem,
  answerConsent,
  capture,
  SCREENSHOTS,
  startApp,
  startWorld,
  suiteBrowser,
} from './app-world'

const ADA = 'ada@sandbox.test'

const browser = suiteBrowser()

describe('errors in the person’s language', () => {
  test('a file too large, attached, is refused in Portuguese while the log keeps the English sentence', async () => {
    const world = await startWorld(browser())
    try {
      const logged: { level: LogLevel; line: string }[] = []
      const log = createLogger((level, line) => logged.push({ level, line }))
      const app = await startApp(world, {}, { languages: ['pt-BR'], log })
      try {
        const { page } = app
        // The account is added through main (the welcome's words are not this test's subject).
        const added = app.core.handlers['accounts.add'](undefined)
        await answerConsent(world, ADA)
        assert.ok((await added).ok)
        await accountItem(page, ADA).waitFor()

        const huge = path.join(world.filesDir, 'vídeo da reunião.mov')
        const handle = await open(huge, 'w')
        await handle.truncate(27 * 1024 * 1024)
        await handle.close()
        world.chosenFiles.push([huge])
        // The composer's own words are another branch's: its button in either language.
        await page.getByRole('button', { name: /^(Attach files|Anexar arquivos)$/ }).click()

        // Next to Attach files, where the person is looking (issue 13, point 7).
        const alert = page.locator('.composer-footer').getByRole('alert')
        await alert.getByText('É coisa demais para anexar.').waitFor()
        assert.equal(
          await alert.locator('.inline-error-detail').textContent(),
          '“vídeo da reunião.mov” não foi anexado. A mensagem teria cerca de 37,0 MB; o Gmail aceita até 35 MB. Remova um anexo e envie de novo.',
        )
        assert.equal(await alert.getByRole('button', { name: 'Fechar' }).count(), 1)
        const shown = (await alert.textContent()) ?? ''
        assert.doesNotMatch(shown, /was not attached|would be about|Gmail accepts/, 'no English')
        assert.equal(await page.getByRole('region', { name: /^(Attachments|Anexos)$/ }).count(), 0)

        // The log holds main's English sentence, with the file's name withheld.
        const refused = logged.filter((entry) =>
          entry.line.startsWith('A request from the window was refused'),
        )
        assert.equal(refused.length, 1, JSON.stringify(logged))
        assert.equal(refused[0]!.level, 'info')
        assert.match(
          refused[0]!.line,
          /"channel":"attachments\.pick","code":"too-large","detail":"tooLargeToAttach","sentence":"“\[withheld\]” was not attached\. This message would be about 37\.0 MB; Gmail accepts up to 35 MB\. Remove an attachment and send again\."/,
        )
        assert.ok(!refused[0]!.line.includes('reunião'), 'the file name stays out of the log')

        await mkdir(path.join(SCREENSHOTS, 'pt-BR'), { recursive: true })
        await capture(page, 'pt-BR/error-too-large-attached')
        await alert.getByRole('button', { name: 'Fechar' }).click()
        await alert.locator('.alert').waitFor({ state: 'detached' })
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
