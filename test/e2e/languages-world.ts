// What the languages e2e files share: the words the window should show (from the catalogs it
// uses), the outbox filled with a message in every state, and the screenshots per locale. The
// views are split over a few files so each stays under the runner's per-file time limit.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { gmailErrors, googleFacts } from '../../src/sandbox'
import type { DraftFields, OutboxItem, OutboxState } from '../../src/shared/domain'
import type { Language } from '../../src/shared/i18n/languages'
import { createTranslator, type Translator } from '../../src/shared/i18n/translator'
import { CATALOGS, type MessageKey } from '../../src/shared/i18n/window-catalogs'
import { ok } from '../helpers/core'
import { draftFields } from '../helpers/sending'
import { TestClock } from '../helpers/test-clock'
import {
  accountItem,
  answerConsent,
  capture,
  SCREENSHOTS,
  startApp,
  startWorld,
  type App,
  type World,
} from './app-world'
import type { Browser } from 'playwright-core'

export const ADA = 'ada@sandbox.test'
export const GRACE = 'grace@sandbox.test'

/** The words the window should show in `language`, from the same catalogs it uses. */
export function wordsFor(language: Language): Translator<MessageKey> {
  return createTranslator<MessageKey>(language, CATALOGS)
}

/** The letters of a text, lower-cased, as words of four letters or more. */
function longWords(text: string): string[] {
  return (text.toLocaleLowerCase().match(/\p{L}{4,}/gu) ?? []).filter(Boolean)
}

/**
 * The English words (four letters or more) the window's English catalog uses and the catalog of
 * `language` never does: if one of them is on screen, an English sentence is left there.
 */
export function englishOnlyWords(language: 'pt-BR' | 'es'): ReadonlySet<string> {
  const theirs = new Set(Object.values(CATALOGS[language]).flatMap((m) => longWords(m)))
  const english = Object.values(CATALOGS.en).flatMap((m) => longWords(m))
  return new Set(english.filter((word) => !theirs.has(word)))
}

/** Fails when the page shows any of {@link englishOnlyWords} (e-mail addresses aside). */
export async function assertNoEnglish(page: Page, language: 'pt-BR' | 'es'): Promise<void> {
  const shown = ((await page.locator('body').innerText()) ?? '').replace(/\S+@\S+/g, ' ')
  const english = englishOnlyWords(language)
  const left = [...new Set(longWords(shown).filter((word) => english.has(word)))]
  assert.deepEqual(left, [], `English words left in ${language}: ${shown}`)
}

/** Outbox timing that holds each state still long enough to look at. */
export const STILL = {
  undoDelayMs: 0,
  baseBackoffMs: 300_000,
  maxBackoffMs: 300_000,
  concurrency: 1,
}

/** How long Gmail takes to answer the message kept "sending" (closing the app waits for it). */
const SLOW_ANSWER_MS = 8_000

/** Saves `screenshots/<locale>/<name>-{light,dark}.png`; `axe` checks both with axe-core too. */
export async function shoot(
  page: Page,
  locale: string,
  name: string,
  { axe = false }: { axe?: boolean } = {},
): Promise<void> {
  await mkdir(path.join(SCREENSHOTS, locale), { recursive: true })
  if (axe) return capture(page, `${locale}/${name}`)
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({
      path: path.join(SCREENSHOTS, locale, `${name}-${colorScheme}.png`),
      animations: 'disabled',
    })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** The sidebar's button for a view, by its name in `words`. */
export function navTo(
  page: Page,
  words: Translator<MessageKey>,
  view: 'compose' | 'drafts' | 'outbox' | 'settings',
) {
  return page
    .getByRole('navigation', { name: words.t('app.nav.label') })
    .getByRole('button', { name: words.t(`app.nav.${view}`) })
}

/** Adds an account through the core (the consent page answered in the person's browser). */
export async function addThroughCore(app: App, world: World, email: string): Promise<void> {
  const [added] = await Promise.all([
    app.core.handlers['accounts.add'](undefined),
    answerConsent(world, email),
  ])
  ok(added)
  await accountItem(app.page, email).waitFor()
}

/** Saves a draft and sends it; answers the outbox item. */
export async function send(app: App, fields: Partial<DraftFields>): Promise<OutboxItem> {
  const draft = ok(await app.core.handlers['drafts.save']({ fields: draftFields(fields) }))
  return ok(await app.core.handlers['mail.send']({ draftId: draft.id }))
}

/** Main's record of one outbox item now. */
export async function current(app: App, id: string): Promise<OutboxItem | undefined> {
  return ok(await app.core.handlers['outbox.list'](undefined)).find((item) => item.id === id)
}

/** Waits until main's outbox holds `id` in `state` (and, when given, tried `attempts` times). */
export async function reach(
  app: App,
  id: string,
  state: OutboxState,
  attempts?: number,
): Promise<OutboxItem> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const item = await current(app, id)
    if (item?.state === state && (attempts === undefined || item.attempts === attempts)) {
      return item
    }
    if (Date.now() > deadline) {
      assert.fail(`outbox item ${id} never reached ${state}: ${JSON.stringify(item)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The messages {@link fillOutbox} leaves, by the state each is in. */
export type Filled = Record<
  'held' | 'unknown' | 'failed' | 'sent' | 'retry' | 'sending' | 'queued',
  OutboxItem
>

/** The label key each outbox row should show. */
export const LABELS: Record<keyof Filled | 'scheduled', MessageKey> = {
  held: 'outbox.state.held',
  unknown: 'outbox.state.unknown',
  failed: 'outbox.state.failed',
  sent: 'outbox.state.sent',
  retry: 'outbox.state.waitingToRetry',
  sending: 'outbox.state.sending',
  queued: 'outbox.state.queued',
  scheduled: 'outbox.state.scheduled',
}

/**
 * Puts a message in every state but `scheduled` (which needs an undo delay, so another run):
 * held (Grace's grant revoked), unknown (the connection dropped), failed (Gmail refused it),
 * sent, waiting to retry (429), sending (Gmail slow to answer) and waiting to send (behind it,
 * one message on the wire at a time). Needs ADA and GRACE signed in and {@link STILL} timing;
 * the message on the wire is answered {@link SLOW_ANSWER_MS} later, so look at it at once.
 */
export async function fillOutbox(app: App, world: World): Promise<Filled> {
  const { sandbox } = world
  sandbox.revokeGrant(GRACE)
  const held = await send(app, { from: GRACE, subject: 'Relatório trimestral' })
  await reach(app, held.id, 'held')
  sandbox.failNext('/gmail/v1/users/', { kind: 'drop' })
  const unknown = await send(app, { from: ADA, subject: 'Convite para o lançamento' })
  await reach(app, unknown.id, 'unknown')
  sandbox.failNext('/gmail/v1/users/', gmailErrors.invalidArgument('Invalid To header'))
  const failed = await send(app, { from: ADA, subject: 'Orçamento revisado' })
  await reach(app, failed.id, 'failed')
  // About 3 KB, so its size is written with the locale's decimal separator.
  const long = `<p>${'Segue o resumo da reunião de hoje. '.repeat(90)}</p>`
  const sentItem = await send(app, { from: ADA, subject: 'Ata da reunião', html: long })
  const sent = await reach(app, sentItem.id, 'sent')
  sandbox.failNext('/gmail/v1/users/', gmailErrors.rateLimited(200))
  const retryItem = await send(app, { from: ADA, subject: 'Fotos da viagem' })
  const retry = await reach(app, retryItem.id, 'queued', 1)
  sandbox.failNext('/gmail/v1/users/', { kind: 'delay', ms: SLOW_ANSWER_MS })
  const sendingItem = await send(app, { from: ADA, subject: 'Contrato assinado' })
  const sending = await reach(app, sendingItem.id, 'sending')
  const queued = await send(app, { from: ADA, subject: 'Lista de presença' })
  await reach(app, queued.id, 'queued', 0)
  return { held, unknown, failed, sent, retry, sending, queued }
}

/** The outbox row of one message. */
export function row(page: Page, subject: string) {
  return page.locator('.outbox-item').filter({ hasText: subject })
}

/** A world with one app in `language`, closed (app then world) whatever happens. */
export async function inWorld(
  browser: Browser,
  body: (world: World) => Promise<void>,
): Promise<void> {
  const world = await startWorld(browser)
  try {
    await body(world)
  } finally {
    await world.close()
  }
}

/** One run of the app in `world`, closed whatever happens. */
export async function withRun(
  world: World,
  options: {
    timing?: Partial<typeof STILL>
    languages?: readonly string[]
    /** A test clock the core runs on (and its ticker). */
    clock?: TestClock
  },
  body: (app: App) => Promise<void>,
): Promise<void> {
  const app = await startApp(world, options.timing ? { sendTiming: options.timing } : {}, {
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.clock ? { options: { clock: options.clock, ticker: options.clock } } : {}),
  })
  try {
    await body(app)
  } finally {
    await app.close()
  }
}

/**
 * The welcome, sign-in, composer, outbox (every state, overdue and needs permission too), drafts
 * and settings views in `language`,
 * each saved under screenshots/<language>/, with the words checked against the catalogs.
 */
export async function localeViews(browser: Browser, language: 'pt-BR' | 'es'): Promise<void> {
  const words = wordsFor(language)
  const time = (iso: string) =>
    words.dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit' })
  await inWorld(browser, async (world) => {
    await withRun(world, { timing: STILL, languages: [language] }, async (app) => {
      const { page } = app
      await page.getByRole('heading', { name: words.t('welcome.title') }).waitFor()
      assert.equal(await page.evaluate('document.documentElement.lang'), language)
      await shoot(page, language, 'welcome', { axe: true })

      await page.getByRole('button', { name: words.t('welcome.add') }).click()
      await page.getByRole('heading', { name: words.t('accounts.signIn.waiting') }).waitFor()
      await shoot(page, language, 'signing-in')
      await answerConsent(world, ADA)
      await accountItem(page, ADA).waitFor()
      await addThroughCore(app, world, GRACE)
      assert.match(
        (await accountItem(page, ADA).textContent()) ?? '',
        new RegExp(words.t('accounts.status.connected')),
      )
      await shoot(page, language, 'composer')

      await navTo(page, words, 'outbox').click()
      await page.getByRole('heading', { name: words.t('outbox.title'), level: 2 }).waitFor()
      const items = await fillOutbox(app, world)
      for (const [name, item] of Object.entries(items)) {
        await row(page, item.subject)
          .locator('.state-badge')
          .getByText(words.t(LABELS[name as keyof Filled]), { exact: true })
          .waitFor()
      }
      // At once, while one message is still on the wire.
      await shoot(page, language, 'outbox')
      const { sent, held, retry, failed } = items
      const sentText = (await row(page, sent.subject).textContent()) ?? ''
      assert.ok(sentText.includes(words.bytes(sent.size)), `${sentText} has its size`)
      assert.match(sentText, /\d,\d KB/, 'the size has a decimal comma')
      const sentAt = words.t('outbox.detail.sent', {
        kind: 'today',
        time: time(sent.sentAt!),
        date: '',
      })
      assert.ok(sentText.includes(sentAt), `${sentText} says "${sentAt}"`)
      const heldText = (await row(page, held.subject).textContent()) ?? ''
      assert.ok(heldText.includes(words.t('outbox.detail.held', { email: GRACE })), heldText)
      const meta = words.t('outbox.meta', {
        recipients: words.list(held.to),
        from: GRACE,
        size: words.bytes(held.size),
        when: time(held.createdAt),
      })
      assert.ok(heldText.includes(meta), `${heldText} has "${meta}"`)
      const nextTry = words.t('outbox.detail.nextTry', { time: time(retry.sendAfter!) })
      assert.ok(((await row(page, retry.subject).textContent()) ?? '').includes(nextTry), nextTry)
      const failedRow = row(page, failed.subject)
      await failedRow.getByRole('button', { name: words.t('outbox.retry') }).waitFor()
      await failedRow.getByRole('button', { name: words.t('outbox.discard') }).waitFor()
      await row(page, items.unknown.subject)
        .getByRole('button', { name: words.t('outbox.sendAgain') })
        .waitFor()
      await row(page, held.subject)
        .getByRole('button', { name: words.t('outbox.reconnect') })
        .waitFor()
      await page
        .getByRole('region', { name: words.t('accounts.reconnect.label', { email: GRACE }) })
        .waitFor()

      await page.locator('.outbox-item[data-state="sent"]').scrollIntoViewIfNeeded()
      await shoot(page, language, 'outbox-sent')

      const recipients = ['ana@example.com', 'bruno@example.com']
      const draft = ok(
        await app.core.handlers['drafts.save']({
          fields: draftFields({ subject: 'Rascunho do discurso', to: recipients }),
        }),
      )
      await navTo(page, words, 'drafts').click()
      await page.getByRole('heading', { name: words.t('drafts.title'), level: 2 }).waitFor()
      const draftRow = page.locator('.draft-item').filter({ hasText: draft.subject })
      const draftText = (await draftRow.textContent()) ?? ''
      const expected = [
        words.t('drafts.to', { recipients: words.list(recipients) }),
        words.t('drafts.saved', { kind: 'now', relative: '', time: '', date: '' }),
      ].join(' · ')
      assert.ok(draftText.includes(expected), `${draftText} has "${expected}"`)
      await draftRow.getByRole('button', { name: words.t('drafts.open') }).waitFor()
      await shoot(page, language, 'drafts')

      await navTo(page, words, 'settings').click()
      await page.getByRole('heading', { name: words.t('settings.title'), level: 2 }).waitFor()
      const choice = page.getByRole('combobox', { name: words.t('common.language') })
      assert.deepEqual(await choice.locator('option').allTextContents(), [
        words.t('common.followSystem', {
          language: language === 'pt-BR' ? 'Português' : 'Español',
        }),
        'English',
        'Português (Brasil)',
        'Español',
      ])
      await shoot(page, language, 'settings', { axe: true })
    })

    // Scheduled needs an undo delay: a second run on the same data (the message that was on
    // the wire has been answered by now).
    const timing = { ...STILL, undoDelayMs: 120_000 }
    await withRun(world, { timing, languages: [language] }, async (app) => {
      const { page } = app
      const scheduled = await send(app, { from: ADA, subject: 'Parabéns pelo prêmio' })
      await navTo(page, words, 'outbox').click()
      const item = row(page, scheduled.subject)
      await item.locator('.state-badge').getByText(words.t(LABELS.scheduled)).waitFor()
      const goesOut = words.t('outbox.detail.scheduled', { seconds: 2 }).split(' 2 ')[0]!
      assert.ok(((await item.textContent()) ?? '').includes(goesOut), goesOut)
      await item.getByRole('button', { name: words.t('outbox.undo') }).waitFor()
      await shoot(page, language, 'outbox-scheduled')
    })

    // Overdue and needs permission: a third run on a test clock. A message scheduled for an
    // hour from now, then the clock jumps three days (as if Postline had been closed): it asks.
    const clock = new TestClock(Date.now())
    await withRun(world, { timing: STILL, languages: [language], clock }, async (app) => {
      const { page } = app
      await navTo(page, words, 'outbox').click()
      await page.getByRole('heading', { name: words.t('outbox.title'), level: 2 }).waitFor()
      const draft = ok(
        await app.core.handlers['drafts.save']({
          fields: draftFields({ from: ADA, subject: 'Pauta de amanhã' }),
        }),
      )
      const at = new Date(clock.now() + 3_600_000).toISOString()
      const later = ok(
        await app.core.handlers['mail.sendLater']({ draftId: draft.id, at, zone: 'UTC' }),
      )
      await reach(app, later.id, 'scheduled')
      clock.advance(3 * 86_400_000)
      await reach(app, later.id, 'overdue')
      const question = page.getByRole('alert', { name: words.t('outbox.state.overdue') })
      await question.getByText(words.t('outbox.later.ask', { count: 1 })).waitFor()
      const overdue = question.locator('.overdue-item').filter({ hasText: 'Pauta de amanhã' })
      const planned = words.t('outbox.later.planned', { time: '' }).trim()
      assert.ok(((await overdue.textContent()) ?? '').includes(planned), planned)
      await overdue.getByRole('button', { name: words.t('outbox.sendNow') }).waitFor()
      await overdue.getByRole('button', { name: words.t('outbox.edit') }).waitFor()
      await row(page, 'Pauta de amanhã')
        .locator('.state-badge')
        .getByText(words.t('outbox.state.overdue'), { exact: true })
        .waitFor()
      await assertNoEnglish(page, language)
      await shoot(page, language, 'send-later-overdue')

      // Gmail answers 403 "insufficient permission": held, asking for the permission.
      assert.equal(world.sandbox.withdrawScope(ADA, googleFacts.GMAIL_SEND_SCOPE), 1)
      const refused = await send(app, { from: ADA, subject: 'Precisa da permissão' })
      await reach(app, refused.id, 'held')
      const held = row(page, refused.subject)
      await held
        .locator('.state-badge')
        .getByText(words.t('outbox.needsPermission'), { exact: true })
        .waitFor()
      const detail = words.t('outbox.needsPermissionDetail', { email: ADA })
      assert.ok(((await held.textContent()) ?? '').includes(detail), detail)
      await held.getByRole('button', { name: words.t('outbox.reconnect') }).waitFor()
      await held.scrollIntoViewIfNeeded()
      await assertNoEnglish(page, language)
      await shoot(page, language, 'outbox-needs-permission')
    })
  })
}
