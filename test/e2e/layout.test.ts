// Issue 13, points 1, 2 and 6: every view at 1280x800, at the window's minimum 640x480 and at
// 200% zoom, with screenshots, and the layout check (no two controls overlap, no text under a
// control, nothing leaves its card, chips stay readable). The composer holds 40 recipients and
// 30 attachments; the outbox holds a message in every state.
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { gmailErrors } from '../../src/sandbox'
import type { DraftFields, OutboxState } from '../../src/shared/domain'
import { ok } from '../helpers/core'
import {
  checkLayoutAtSizes,
  layoutProblems,
  LAYOUT_SIZES,
  setLayoutSize,
} from '../helpers/layout-check'
import { seriousAxeViolations } from '../helpers/e2e-bridge'
import { paste } from '../helpers/page-dom'
import { afterAttempt, draftFields, outboxState } from '../helpers/sending'
import {
  accountItem,
  answerConsent,
  SCREENSHOTS,
  startApp,
  startWorld,
  suiteBrowser,
  type App,
  type World,
} from './app-world'
import { body, chips, fixture, nav, recipients, toast, writeQuickMessage } from './composer-page'

const ADA = 'ada@sandbox.test'
const GRACE = 'grace@sandbox.test'
const GMAIL = '/gmail/v1/users/'
const FOLDER = path.join(SCREENSHOTS, 'layout')

const browser = suiteBrowser()

async function expectNoLayoutProblems(page: Page, view: string, before?: () => Promise<void>) {
  const problems = await checkLayoutAtSizes(page, view, FOLDER, {
    ...(before ? { before } : {}),
  })
  assert.deepEqual(problems, [], `the ${view} view is laid out cleanly at every size`)
}

/**
 * How many lines of the message body are in sight with the composer's fields scrolled to the
 * top (as the composer opens): the part of the body's text area inside the scrolling fields
 * area and the window, in lines of its text.
 */
async function bodyLinesInSight(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const fields = document.querySelector('.composer-body')
    fields.scrollTop = 0
    const area = fields.getBoundingClientRect()
    const body = document.querySelector('.editor-content')
    const text = body.getBoundingClientRect()
    const padding = parseFloat(getComputedStyle(body).paddingTop)
    const top = Math.max(area.top, text.top + padding, 0)
    const bottom = Math.min(area.bottom, text.bottom, innerHeight)
    return Math.max(0, bottom - top) / parseFloat(getComputedStyle(body).lineHeight)
  })()`)
}

/** Adds an account, checking the sign-in panel while it waits for the browser. */
async function addAccountCheckingPanel(app: App, world: World, email: string, check: boolean) {
  await app.page.getByRole('button', { name: 'Add Google account' }).click()
  await app.page.getByRole('heading', { name: 'Continue in your browser…' }).waitFor()
  if (check) await expectNoLayoutProblems(app.page, 'sign-in-panel')
  await setLayoutSize(app.page, LAYOUT_SIZES[0]!)
  const returned = await answerConsent(world, email)
  await returned.getByText('return to Postline').waitFor()
  await accountItem(app.page, email).waitFor()
}

/** Saves a draft through the core and sends it; answers the outbox item once in `states`. */
async function sendThroughCore(app: App, fields: Partial<DraftFields>, states: OutboxState[]) {
  const draft = ok(await app.core.handlers['drafts.save']({ fields: draftFields(fields) }))
  const queued = ok(await app.core.handlers['mail.send']({ draftId: draft.id }))
  return outboxState(app.core, queued.id, states)
}

/** One of the committee's addresses, as a Drafts row names it. */
const ONE = '(?:person\\d+@example\\.com|"Member \\d+, Committee" <member\\d+@example\\.org>)'

const LONG = 'with a subject long enough to need cutting short in a narrow window'

describe('layout at every size', () => {
  test('the layout check finds overlaps, text under a control, escapes and cut chips', async () => {
    const context = await browser().newContext({ viewport: { width: 600, height: 400 } })
    try {
      const page = await context.newPage()
      const card = 'position:relative;width:300px;height:120px;border:1px solid'
      await page.setContent(`
        <div class="composer" style="${card}">
          <button style="position:absolute;left:10px;top:10px;width:80px">Send</button>
          <input aria-label="Subject" style="position:absolute;left:60px;top:12px;width:100px">
          <button style="position:absolute;left:250px;top:90px;width:120px">Attach files</button>
          <p style="position:absolute;left:10px;top:60px;margin:0">Invalid To header</p>
          <button style="position:absolute;left:20px;top:58px">Retry</button>
        </div>
        <ul class="chips" style="width:60px;display:flex;padding:0">
          <li class="chip" style="display:flex;min-width:0">
            <span class="chip-label" style="overflow:hidden;white-space:nowrap;min-width:0">Margaret Hamilton</span>
            <button class="chip-remove" aria-label="Remove Margaret Hamilton">x</button>
          </li>
        </ul>
        <div style="height:40px;overflow:hidden;width:200px">
          <div style="height:40px"></div>
          <button>Hidden by its scroller</button>
        </div>
        <button style="position:absolute;left:420px;top:300px">Alone</button>
      `)
      const problems = await layoutProblems(page)
      const has = (pattern: RegExp) =>
        assert.ok(
          problems.some((problem) => pattern.test(problem)),
          `${pattern} in ${problems.join('; ')}`,
        )
      has(/^overlap: button "Send" and input "Subject"$/)
      has(/^text under a control: "Invalid To header" under button "Retry"$/)
      has(/^outside its card: button "Attach files" leaves div\.composer/)
      has(/^unreadable: span\.chip-label "Margaret Hamilton"/)
      assert.ok(
        problems.every((problem) => !/Alone|Hidden by its scroller/.test(problem)),
        'a control alone, or scrolled out of sight, is no problem',
      )
      await page.setContent('<div class="composer"><button>Send</button> <input></div>')
      assert.deepEqual(await layoutProblems(page), [], 'a clean page has no problems')
    } finally {
      await context.close()
    }
  })

  test('the welcome screen, the sign-in panel and the outbox with a message in every state', async () => {
    const world = await startWorld(browser())
    try {
      let app = await startApp(world)
      try {
        await app.page.getByRole('button', { name: 'Add Google account' }).waitFor()
        await expectNoLayoutProblems(app.page, 'welcome')
        await setLayoutSize(app.page, LAYOUT_SIZES[0]!)
        await addAccountCheckingPanel(app, world, ADA, true)
        await addAccountCheckingPanel(app, world, GRACE, false)

        await sendThroughCore(app, { from: ADA, subject: `Sent ${LONG}` }, ['sent'])
        world.sandbox.failNext(GMAIL, gmailErrors.invalidArgument('Invalid To header'))
        await sendThroughCore(app, { from: ADA, subject: `Refused ${LONG}` }, ['failed'])
        world.sandbox.failNext(GMAIL, { kind: 'drop' })
        await sendThroughCore(app, { from: ADA, subject: `Unknown ${LONG}` }, ['unknown'])
        world.sandbox.failNext(GMAIL, gmailErrors.rateLimited(600), 2)
        const waiting = []
        for (const name of ['Waiting', 'Soon sending']) {
          const draft = ok(
            await app.core.handlers['drafts.save']({
              fields: draftFields({ from: ADA, subject: `${name} ${LONG}` }),
            }),
          )
          const queued = ok(await app.core.handlers['mail.send']({ draftId: draft.id }))
          waiting.push(await afterAttempt(app.core, queued.id, ['queued']))
        }
        world.sandbox.revokeGrant(GRACE)
        await sendThroughCore(app, { from: GRACE, subject: `Held ${LONG}` }, ['held'])
      } finally {
        await app.close()
      }

      // A second run with a long undo delay: one message stays scheduled while the checks run,
      // and one waiting message is retried into a slow upload, so it shows as sending.
      app = await startApp(world, {
        sendTiming: { undoDelayMs: 600_000, baseBackoffMs: 500, maxBackoffMs: 2_000 },
      })
      try {
        await accountItem(app.page, ADA).waitFor()
        await sendThroughCore(app, { from: ADA, subject: `Scheduled ${LONG}` }, ['scheduled'])
        const soon = app.core.sending.list().find((item) => item.subject.startsWith('Soon sending'))
        assert.ok(soon, 'the second waiting message is still in the outbox')
        world.sandbox.failNext(GMAIL, { kind: 'delay', ms: 25_000 })
        ok(await app.core.handlers['outbox.retry']({ id: soon.id }))
        await outboxState(app.core, soon.id, ['sending'])
        await nav(app.page, 'Outbox').click()
        const states = await app.page
          .locator('.outbox-item')
          .evaluateAll((items) =>
            items.map((item) => (item as unknown as { dataset: { state: string } }).dataset.state),
          )
        assert.deepEqual(
          [...new Set(states)].sort(),
          ['failed', 'held', 'queued', 'scheduled', 'sending', 'sent', 'unknown'],
          'the outbox shows a message in every state',
        )
        await expectNoLayoutProblems(app.page, 'outbox')

        // The toast of a message waiting out its undo delay, over the composer.
        await setLayoutSize(app.page, LAYOUT_SIZES[0]!)
        await nav(app.page, 'Compose').click()
        await writeQuickMessage(app.page, 'zoe@example.com', 'With the toast', 'Hello.')
        await app.page.getByRole('button', { name: 'Send', exact: true }).click()
        await toast(app.page).getByRole('button', { name: 'Undo' }).waitFor()
        await expectNoLayoutProblems(app.page, 'composer-toast')
        // With the reconnect banner and the toast too, the body shows some lines unscrolled
        // (at 200% zoom, 400 CSS pixels high, banner and toast leave no room for it).
        for (const size of LAYOUT_SIZES.filter((each) => each.scale === 1)) {
          await setLayoutSize(app.page, size)
          const lines = await bodyLinesInSight(app.page)
          assert.ok(lines >= 2, `${lines.toFixed(1)} lines of the body in sight at ${size.name}`)
        }
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('the composer with 40 recipients and 30 attachments, the drafts and the settings', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startApp(world)
      try {
        const { page } = app
        await addAccountCheckingPanel(app, world, ADA, false)
        // A new message shows a few lines of its body unscrolled at every size, 200% zoom too.
        for (const size of LAYOUT_SIZES) {
          await setLayoutSize(page, size)
          const lines = await bodyLinesInSight(page)
          assert.ok(lines >= 3, `${lines.toFixed(1)} lines of a new message’s body at ${size.name}`)
        }
        await setLayoutSize(page, LAYOUT_SIZES[0]!)
        for (let n = 1; n <= 6; n++) {
          ok(
            await app.core.handlers['drafts.save']({
              fields: draftFields({ from: ADA, subject: `Draft ${n} ${LONG}` }),
            }),
          )
        }

        const people = Array.from({ length: 40 }, (_, n) =>
          n % 3 === 0
            ? `"Member ${n + 1}, Committee" <member${n + 1}@example.org>`
            : `person${n + 1}@example.com`,
        )
        await recipients(page, 'To').focus()
        await paste(page, people.join(', '))
        await chips(page, 'To').nth(39).waitFor()
        const files = []
        for (let n = 1; n <= 30; n++) {
          files.push((await fixture(world, `quarterly-report-part-${n}.pdf`, `part ${n}\n`)).path)
        }
        world.chosenFiles.push(files)
        await page.getByRole('button', { name: 'Attach files' }).click()
        const attachments = page.getByRole('region', { name: 'Attachments' })
        await attachments.getByText('quarterly-report-part-30.pdf').waitFor()
        await page.getByLabel('Subject').fill('Committee papers for the spring meeting')
        await body(page).focus()
        await page.keyboard.type('Dear all, the papers are attached.')

        // Not focused: the field keeps to its height and says how many more there are.
        await expectNoLayoutProblems(page, 'composer-40-recipients-30-files', async () => {
          await body(page).focus()
        })
        for (const size of LAYOUT_SIZES) {
          await setLayoutSize(page, size)
          await body(page).focus()
          const more = page.getByRole('button', { name: /^and \d+ more$/ })
          await more.waitFor()
          // With the recipients and the files each kept to a row, the body shows a few lines
          // (not at 200% zoom: 400 CSS pixels high, the files' row takes the room).
          if (size.scale === 1) {
            const lines = await bodyLinesInSight(page)
            assert.ok(lines >= 3, `${lines.toFixed(1)} lines of the body at ${size.name}`)
          }
          const send = page.getByRole('button', { name: 'Send', exact: true })
          for (const [what, locator] of [
            ['Send', send],
            ['the size meter', page.locator('.attachment-total')],
          ] as const) {
            const seen = await locator.boundingBox()
            assert.ok(seen, `${what} is shown at ${size.name}`)
            assert.ok(
              seen.y >= 0 && seen.y + seen.height <= size.height,
              `${what} is inside the window at ${size.name} (${seen.y}+${seen.height})`,
            )
          }
        }

        // "and N more" focuses the field, which then scrolls; every chip stays removable.
        await setLayoutSize(page, LAYOUT_SIZES[1]!)
        await page.getByRole('button', { name: /^and \d+ more$/ }).click()
        await page.waitForFunction(() => {
          const active = (globalThis as unknown as { document: { activeElement: unknown } })
            .document.activeElement as { getAttribute(name: string): string | null } | null
          return active?.getAttribute('role') === 'combobox'
        })
        await expectNoLayoutProblems(page, 'composer-to-focused', async () => {
          await recipients(page, 'To').focus()
        })
        await setLayoutSize(page, LAYOUT_SIZES[1]!)
        await recipients(page, 'To').focus()
        for (const label of [
          'person39@example.com',
          'Member 22, Committee',
          'person2@example.com',
        ]) {
          await chips(page, 'To')
            .getByRole('button', { name: `Remove ${label}` })
            .click()
          await chips(page, 'To').filter({ hasText: label }).waitFor({ state: 'detached' })
        }
        assert.equal(await chips(page, 'To').count(), 37, 'three chips were removed by a click')

        // The 30th file, at the end of the scrolled file list: the wheel brings it into sight,
        // a click removes it, and Send is still on screen.
        await setLayoutSize(page, LAYOUT_SIZES[1]!)
        const fileList = attachments.locator('.attachment-list')
        const lastRemove = attachments.getByRole('button', {
          name: 'Remove quarterly-report-part-30.pdf',
        })
        const listBox = await fileList.boundingBox()
        assert.ok(listBox)
        const inList = async () => {
          const seen = await lastRemove.boundingBox()
          return (
            seen !== null &&
            seen.y >= listBox.y &&
            seen.y + seen.height <= listBox.y + listBox.height + 1
          )
        }
        assert.equal(await inList(), false, 'the 30th file starts out of sight')
        await page.mouse.move(listBox.x + listBox.width / 2, listBox.y + listBox.height / 2)
        for (let turn = 0; turn < 30 && !(await inList()); turn++) await page.mouse.wheel(0, 120)
        assert.equal(await inList(), true, 'the wheel reached the 30th file')
        await lastRemove.click()
        await attachments.getByText('quarterly-report-part-30.pdf').waitFor({ state: 'detached' })
        assert.equal(await attachments.getByRole('listitem').count(), 29)
        const sendBox = await page.getByRole('button', { name: 'Send', exact: true }).boundingBox()
        assert.ok(sendBox !== null && sendBox.y + sendBox.height <= 480, 'Send is on screen')

        // The pseudo-locale (every word accented and 40% longer) fits as well.
        await page.evaluate(
          (next) =>
            (
              globalThis as unknown as {
                postline: { language: { set(language: string): Promise<unknown> } }
              }
            ).postline.language.set(next),
          'en-XA',
        )
        await page.getByRole('button', { name: /^⟦Šéñd·+⟧$/ }).waitFor()
        await expectNoLayoutProblems(page, 'composer-en-XA', async () => {
          await page.locator('[contenteditable="true"]').focus()
        })
        await page.evaluate(
          (next) =>
            (
              globalThis as unknown as {
                postline: { language: { set(language: string | null): Promise<unknown> } }
              }
            ).postline.language.set(next),
          'en',
        )
        await page.getByRole('button', { name: 'Send', exact: true }).waitFor()

        await nav(page, 'Drafts').click()
        await page.locator('.draft-item').nth(5).waitFor()
        // The draft with 37 recipients names three and says how many more; the whole list is
        // in the Open button's accessible name and the line's tooltip.
        const committee = page.locator('.draft-item').filter({ hasText: 'Committee papers' })
        const meta = committee.locator('.draft-meta')
        assert.match(
          (await meta.textContent()) ?? '',
          // (The list holds the draft as last saved: 40 recipients, or 37 after the removals.)
          new RegExp(
            `^From ada@sandbox\\.test · To ${ONE}, ${ONE}, ${ONE} and (34|37) more · saved `,
          ),
        )
        const last = '"Member 40, Committee" <member40@example.org>'
        assert.ok((await meta.getAttribute('title'))?.includes(`person38@example.com, and ${last}`))
        const open = committee.getByRole('button', { name: /^(Open|Show) Committee papers/ })
        assert.ok(
          (await open.getAttribute('aria-label'))?.includes(`person38@example.com, and ${last}`),
        )
        await expectNoLayoutProblems(page, 'drafts')
        await setLayoutSize(page, LAYOUT_SIZES[2]!)
        const lineHeight = await meta.evaluate((element) =>
          parseFloat(
            (
              globalThis as unknown as {
                getComputedStyle(element: unknown): { lineHeight: string }
              }
            ).getComputedStyle(element).lineHeight,
          ),
        )
        const metaBox = await meta.boundingBox()
        assert.ok(
          metaBox !== null && metaBox.height <= lineHeight * 4 + 1,
          `the line takes at most 4 lines at 200% zoom (${metaBox?.height} px)`,
        )
        await nav(page, 'Settings').click()
        await page.getByRole('textbox', { name: ADA, exact: true }).waitFor()
        await expectNoLayoutProblems(page, 'settings')
        assert.equal(await toast(page).count(), 1)
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })

  test('below 880 px the sidebar is a rail of icons that opens on hover and on keyboard focus', async () => {
    const world = await startWorld(browser())
    try {
      const app = await startApp(world)
      try {
        const { page } = app
        await addAccountCheckingPanel(app, world, ADA, false)
        const sidebar = page.getByRole('complementary', { name: 'Postline' })
        const signOut = accountItem(page, ADA).getByRole('button', { name: 'Sign out' })
        const width = async () => (await sidebar.boundingBox())?.width ?? 0

        await setLayoutSize(page, LAYOUT_SIZES[0]!)
        assert.equal(Math.round(await width()), 300, 'the full sidebar at 1280x800')
        assert.ok(await signOut.isVisible())

        await setLayoutSize(page, LAYOUT_SIZES[1]!)
        // After a sign-in the focus goes back to Add Google account, which keeps the rail open;
        // the person moves on to the message.
        await page.getByLabel('Subject').focus()
        await page.mouse.move(600, 400)
        assert.equal(Math.round(await width()), 60, 'a rail at 640x480')
        for (const view of ['Compose', 'Drafts', 'Outbox', 'Settings'] as const) {
          assert.equal(await nav(page, view).getAttribute('title'), view, `${view} has a tooltip`)
        }
        const actions = accountItem(page, ADA).locator('.account-actions')
        assert.equal(
          (await actions.boundingBox())?.width ?? 0,
          1,
          'the account actions are out of sight, still reachable by the keyboard',
        )
        assert.deepEqual(await seriousAxeViolations(page), [], 'the rail is accessible')
        await page.screenshot({ path: path.join(FOLDER, 'sidebar-rail-640x480.png') })

        await sidebar.hover()
        assert.equal(Math.round(await width()), 300, 'pointing at the rail opens it')
        assert.ok((await actions.boundingBox())!.width > 100, 'the actions show in the open rail')
        assert.ok((await signOut.boundingBox())!.width > 20, 'Sign out shows in the open rail')
        await page.screenshot({ path: path.join(FOLDER, 'sidebar-rail-open-640x480.png') })

        await nav(page, 'Outbox').click()
        await page.mouse.move(600, 400)
        assert.equal(Math.round(await width()), 60, 'moving away closes it, after a click too')
        // From Drafts, Shift+Tab: the keyboard lands on Compose, in the rail.
        await nav(page, 'Drafts').focus()
        await page.keyboard.press('Shift+Tab')
        assert.ok(
          await nav(page, 'Compose').evaluate(
            (element) =>
              (element as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument
                .activeElement === element,
          ),
          'Compose has the focus',
        )
        assert.equal(Math.round(await width()), 300, 'the keyboard in the rail opens it')
        await page.screenshot({ path: path.join(FOLDER, 'sidebar-rail-keyboard-640x480.png') })
      } finally {
        await app.close()
      }
    } finally {
      await world.close()
    }
  })
})
