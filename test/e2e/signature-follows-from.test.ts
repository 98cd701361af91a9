// Issue 13, point 4: the signature block follows From whatever is typed around it, a signature
// saved in Settings reaches the open message, and a block the person edited is never replaced
// without asking.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { ok } from '../helpers/core'
import {
  addresses,
  body,
  caretTo,
  onlyMessage,
  recipients,
  setSignature,
  signatureBlock,
  toast,
} from './composer-page'
import { addAccount, capture, suiteBrowser, UNDO_DELAY_MS, withApp } from './app-world'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'
const browser = suiteBrowser()

async function sendAndRead(page: Page, world: Parameters<typeof onlyMessage>[0]) {
  await body(page).focus()
  await page.keyboard.press('Control+Enter')
  await toast(page)
    .getByText('Message sent')
    .waitFor({ timeout: UNDO_DELAY_MS + 10_000 })
  return onlyMessage(world)
}

describe('the signature follows From', () => {
  test('from Ada to Grace, a P.S. under it, back to Ada: signed Ada, P.S. kept; Settings reach the open message', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      await setSignature(page, ADA, 'Ada Lovelace')
      await setSignature(page, GRACE, 'Grace Hopper')

      await recipients(page, 'To').pressSequentially('alan@example.com')
      await recipients(page, 'To').press('Enter')
      await page.getByLabel('Subject').fill('Friday')
      await body(page).focus()
      await caretTo(page, 'start')
      await page.keyboard.type('See you on Friday.')

      const from = page.getByLabel('From')
      await from.selectOption(GRACE)
      await signatureBlock(page).getByText('Grace Hopper').waitFor()
      // Under the signature: the end of the body, Enter, and a P.S.
      await body(page).focus()
      await caretTo(page, 'end')
      await page.keyboard.press('Enter')
      await page.keyboard.type('P.S. Bring the notes.')
      assert.equal(
        await signatureBlock(page).getByText('P.S.').count(),
        0,
        'the P.S. is below the signature, not in it',
      )

      await from.selectOption(ADA)
      await signatureBlock(page).getByText('Ada Lovelace').waitFor()
      assert.equal(await body(page).getByText('Grace Hopper').count(), 0)
      await body(page).getByText('P.S. Bring the notes.').waitFor()

      // A signature saved in Settings reaches the message already open.
      await setSignature(page, ADA, 'Ada King\nCountess of Lovelace')
      await signatureBlock(page).getByText('Countess of Lovelace').waitFor()
      await body(page).getByText('P.S. Bring the notes.').waitFor()
      await capture(page, 'signature-follows-from')

      // The saved draft keeps the marked block (so it is found again when reopened), and its
      // list line's snippet is the person's own text.
      const deadline = Date.now() + 5_000
      let saved = ok(await app.core.handlers['drafts.list'](undefined))
      while (!saved[0]?.snippet.includes('P.S.') && Date.now() < deadline) {
        await page.waitForTimeout(100)
        saved = ok(await app.core.handlers['drafts.list'](undefined))
      }
      assert.equal(saved[0]?.snippet, 'See you on Friday. P.S. Bring the notes.')
      let draft = ok(await app.core.handlers['drafts.get']({ id: saved[0]!.id }))
      while (!draft.html.includes('Countess') && Date.now() < deadline) {
        await page.waitForTimeout(100)
        draft = ok(await app.core.handlers['drafts.get']({ id: saved[0]!.id }))
      }
      assert.match(draft.html, /<div data-postline-signature=""><p>-- <br>Ada King<br>Countess/)

      const mail = await sendAndRead(page, world)
      assert.deepEqual(
        addresses(mail.from).map((entry) => entry.address),
        [ADA],
      )
      const html = String(mail.html)
      assert.match(html, /See you on Friday\./)
      assert.match(html, /Countess of Lovelace/)
      assert.match(html, /P\.S\. Bring the notes\./)
      assert.doesNotMatch(html, /Grace Hopper/)
      assert.ok(
        html.indexOf('Countess of Lovelace') < html.indexOf('P.S.'),
        'the P.S. stays under the signature',
      )
    })
  })

  test('an edited signature is kept when From changes, with a note offering the account’s', async () => {
    await withApp(browser(), async (app, world) => {
      const { page } = app
      await addAccount(app, world, ADA)
      await addAccount(app, world, GRACE)
      await setSignature(page, ADA, 'Ada Lovelace')
      await setSignature(page, GRACE, 'Grace Hopper')

      await recipients(page, 'To').pressSequentially('alan@example.com')
      await recipients(page, 'To').press('Enter')
      await page.getByLabel('Subject').fill('Notes')
      await signatureBlock(page).getByText('Ada Lovelace').click()
      await page.keyboard.press('End')
      await page.keyboard.type(', at home')

      const from = page.getByLabel('From')
      await from.selectOption(GRACE)
      const note = page.getByRole('group', { name: 'Your edited signature was kept' })
      await note.waitFor()
      await signatureBlock(page).getByText('Ada Lovelace, at home').waitFor()
      assert.equal(await body(page).getByText('Grace Hopper').count(), 0, 'not silently replaced')
      await capture(page, 'signature-edited-kept')

      await note.getByRole('button', { name: 'Keep mine' }).click()
      await note.waitFor({ state: 'detached' })
      await signatureBlock(page).getByText('Ada Lovelace, at home').waitFor()

      // Asked again on the next change, and this time the account's signature is taken.
      await from.selectOption(ADA)
      await from.selectOption(GRACE)
      await note.getByRole('button', { name: `Use ${GRACE}’s signature` }).click()
      await signatureBlock(page).getByText('Grace Hopper').waitFor()
      assert.equal(await body(page).getByText('Ada Lovelace').count(), 0)

      // Now untouched again: it follows From once more.
      await from.selectOption(ADA)
      await signatureBlock(page).getByText('Ada Lovelace').waitFor()
      assert.equal(await note.count(), 0)

      const mail = await sendAndRead(page, world)
      const html = String(mail.html)
      assert.match(html, /Ada Lovelace/)
      assert.doesNotMatch(html, /Grace Hopper|at home/)
    })
  })
})
