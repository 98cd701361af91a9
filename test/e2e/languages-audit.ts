// The pseudo-locale audit the en-XA e2e files share: every text a person would meet in English,
// every clipped text and every pair of overlapping controls on a view, with its screenshot under
// test-artifacts/screenshots/en-XA/, and the one assertion over all the views a file looked at.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PSEUDO_LANGUAGE } from '../../src/shared/i18n/languages'
import { SCREENSHOTS } from './app-world'

/** What the pseudo-locale audit found on one view. */
export interface Audit {
  /** Text outside every translated message, with where it is. */
  readonly untranslated: readonly { text: string; where: string }[]
  /** Elements whose text is cut off by their own overflow. */
  readonly clipped: readonly string[]
  /** Pairs of controls that overlap on screen. */
  readonly overlapping: readonly string[]
}

/**
 * Runs in the page (as source: the test's tsconfig has no DOM types). Every pseudo-locale message
 * is wrapped in ⟦ ⟧, so text is translated when it lies inside brackets; what lies outside must
 * be a name or the person's own content (`allow`, e-mail addresses), or it is reported. The
 * same holds for the attributes a person reads or hears, and the window's title.
 */
export const AUDIT = String.raw`(allow) => {
  const VISIBLE_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-placeholder',
    'aria-roledescription', 'aria-valuetext', 'alt', 'placeholder', 'title']
  const SKIP = 'script, style, code, textarea, [contenteditable="true"], [contenteditable=""]'
  const pageLang = document.documentElement.lang
  const visible = (element) => element.getClientRects().length > 0 &&
    getComputedStyle(element).visibility !== 'hidden'
  const where = (element) => {
    const parts = []
    for (let e = element; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
        ? '.' + e.className.trim().split(/\s+/).join('.') : ''))
    }
    return parts.join(' > ')
  }
  /** The letters of "text" that lie outside ⟦ ⟧, given the depth before it. */
  const outside = (text, depth) => {
    let out = ''
    for (const c of text) {
      if (c === '⟦') depth += 1
      else if (c === '⟧') depth = Math.max(0, depth - 1)
      else if (depth === 0) out += c
    }
    return { out, depth }
  }
  // Day and month names come from Intl's data for the locale (en-XA formats dates as English
  // does, Portuguese as pt-BR), not from a catalog: they are not text left untranslated.
  const calendarWords = new Set()
  for (let i = 0; i < 12; i += 1) {
    const day = new Date(2026, i, 1 + (i % 7))
    for (const width of ['long', 'short']) {
      calendarWords.add(day.toLocaleDateString('en', { month: width }))
      calendarWords.add(day.toLocaleDateString('en', { weekday: width }))
    }
  }
  const english = (text) => {
    let rest = text.replace(/\S+@\S+/g, ' ')
      .replace(/\d{1,2}:\d{2}(:\d{2})?(\s?[AP]M)?/g, '##:##')
      .replace(/\p{L}+/gu, (word) => (calendarWords.has(word) ? '#' : word))
    for (const a of allow) rest = rest.split(a).join(' ')
    const words = rest.match(/\p{L}{2,}/gu) || []
    return words.length > 0 ? rest.replace(/\s+/g, ' ').trim() : null
  }
  const untranslated = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  let depth = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const before = depth
    const result = outside(node.data, before)
    depth = result.depth
    const parent = node.parentElement
    if (!parent || parent.closest(SKIP) || !visible(parent)) continue
    const own = parent.closest('[lang]')
    if (own && own !== document.documentElement && own.lang !== pageLang) continue
    const text = english(result.out)
    if (text) untranslated.push({ text, where: where(parent) })
  }
  for (const element of document.body.querySelectorAll('*')) {
    if (!visible(element) && element.tagName !== 'DIALOG') continue
    if (element.closest('script, style, code, [contenteditable="true"] *')) continue
    for (const name of VISIBLE_ATTRIBUTES) {
      const value = element.getAttribute(name)
      if (!value) continue
      const text = english(outside(value, 0).out)
      if (text) untranslated.push({ text: '[' + name + '] ' + text, where: where(element) })
    }
  }
  const title = english(outside(document.title, 0).out)
  if (title) untranslated.push({ text: '[title] ' + title, where: 'document.title' })

  const clipped = []
  for (const element of document.body.querySelectorAll('*')) {
    if (!visible(element) || element.classList.contains('visually-hidden')) continue
    const rect = element.getBoundingClientRect()
    if (rect.width <= 1 || rect.height <= 1) continue
    const hasText = [...element.childNodes].some((n) => n.nodeType === 3 && n.data.trim() !== '')
    // The person's own words (a long subject, an address) may end in an ellipsis; ours may not.
    if (!hasText || !element.textContent.includes('⟦')) continue
    const style = getComputedStyle(element)
    const hidesX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis'
    const hidesY = ['hidden', 'clip'].includes(style.overflowY)
    if ((hidesX && element.scrollWidth > element.clientWidth + 1) ||
        (hidesY && element.scrollHeight > element.clientHeight + 1)) {
      clipped.push(where(element) + ': ' + element.textContent.trim().slice(0, 60))
    }
  }

  const controls = [...document.body.querySelectorAll(
    'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [contenteditable="true"]',
  )].filter((e) => visible(e) && e.getBoundingClientRect().width > 0)
  // A dialog or a menu open is a layer meant to lie over the window: its controls are compared
  // with each other, the window's with the window's.
  const layer = (element) => element.closest('dialog[open], [role="menu"]')
  const overlapping = []
  for (let i = 0; i < controls.length; i += 1) {
    for (let j = i + 1; j < controls.length; j += 1) {
      const a = controls[i], b = controls[j]
      if (a.contains(b) || b.contains(a) || layer(a) !== layer(b)) continue
      const r = a.getBoundingClientRect(), s = b.getBoundingClientRect()
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left)
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top)
      if (w > 2 && h > 2) {
        overlapping.push(where(a) + ' "' + (a.textContent || '').trim().slice(0, 30) + '" × ' +
          where(b) + ' "' + (b.textContent || '').trim().slice(0, 30) + '"')
      }
    }
  }
  return { untranslated, clipped, overlapping }
}`

/** Runs {@link AUDIT} on the page; `allow` lists names and the person's own words. */
export async function audit(page: Page, allow: readonly string[]): Promise<Audit> {
  return (await page.evaluate(`(${AUDIT})(${JSON.stringify(allow)})`)) as Audit
}

/** The names and the test's own content the pseudo-locale leaves as they are. */
export const NAMES_AND_CONTENT = [
  'Postline',
  'Google',
  'Gmail',
  'Ada Lovelace',
  'Grace Hopper',
  'Relatório trimestral',
  'Convite para o lançamento',
  'Orçamento revisado',
  'Ata da reunião',
  'Fotos da viagem',
  'Contrato assinado',
  'Lista de presença',
  'Invalid To header',
  'Pseudo check',
  '1234567890-abc.apps.googleusercontent.com',
]

/**
 * Text the pseudo-locale finds outside ⟦ ⟧ on purpose, each with why. The test fails on any
 * other such text, and on an exception that matches nothing found.
 */
export const DELIBERATE_EXCEPTIONS: readonly { readonly why: string; readonly matches: RegExp }[] =
  [
    {
      // The composer's shortcut hint (Ctrl+Enter) and the shortcuts sheet name the keys as the
      // keyboard and the OS menus do (shortcutLabel in src/shared/shortcuts.ts), in every
      // language: key names, not words to translate.
      why: 'key names',
      matches: /^(?:(?:Ctrl|Shift|Alt)\+)+(?:Enter|Tab|Home|End|Space|\S)$/,
    },
  ]

/** Whether `text` is one of the {@link DELIBERATE_EXCEPTIONS}. */
function deliberate(text: string): boolean {
  return DELIBERATE_EXCEPTIONS.some(({ matches }) => matches.test(text))
}

/** Collects what {@link audit} finds over several views; `verdict` asserts it is nothing. */
export class PseudoAudit {
  private readonly found = new Map<string, Set<string>>()
  private readonly problems: string[] = []

  constructor(private readonly allow: readonly string[] = NAMES_AND_CONTENT) {}

  /** Saves `en-XA/<view>-light.png` and audits the page as it is. */
  async look(page: Page, view: string): Promise<void> {
    await mkdir(path.join(SCREENSHOTS, PSEUDO_LANGUAGE), { recursive: true })
    await page.screenshot({
      path: path.join(SCREENSHOTS, PSEUDO_LANGUAGE, `${view}-light.png`),
      animations: 'disabled',
    })
    const result = await audit(page, this.allow)
    for (const { text, where } of result.untranslated) {
      const places = this.found.get(text) ?? new Set<string>()
      places.add(`${view}: ${where}`)
      this.found.set(text, places)
    }
    for (const clip of result.clipped) this.problems.push(`${view}: clipped ${clip}`)
    for (const pair of result.overlapping) this.problems.push(`${view}: overlapping ${pair}`)
  }

  /** Fails on any English-only text (but the deliberate exceptions), clip or overlap found. */
  verdict(): void {
    const report = [...this.found]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([text, places]) => `${JSON.stringify(text)}  (${[...places].join('; ')})`)
    const untranslated = [...this.found.keys()].sort()
    const outcome = {
      untranslated: untranslated.filter((text) => !deliberate(text)),
      noLongerFound: DELIBERATE_EXCEPTIONS.filter(
        ({ matches }) => !untranslated.some((text) => matches.test(text)),
      ).map(({ why }) => why),
      problems: this.problems,
    }
    assert.deepEqual(
      outcome,
      { untranslated: [], noLongerFound: [], problems: [] },
      [
        'English-only text in the pseudo-locale (DELIBERATE_EXCEPTIONS holds what stays as it is on purpose; remove one that matches nothing):',
        ...report,
        ...this.problems,
      ].join('\n'),
    )
  }
}
