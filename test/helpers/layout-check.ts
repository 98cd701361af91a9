// A layout check for the e2e suites: at the window's current size, no two controls overlap, no
// line of text lies under a control, no control leaves the card or panel it belongs to, and the
// texts that must stay readable (a chip's name) are not cut down to a letter or two.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { afterFrames } from './page-dom'

/** One window size the layout is checked at. */
export interface LayoutSize {
  /** Used in screenshot names and messages. */
  readonly name: string
  /** The CSS viewport, in CSS pixels. */
  readonly width: number
  readonly height: number
  /** Device pixels per CSS pixel: 2 is 200% zoom. */
  readonly scale: number
}

/**
 * The sizes every view is checked at: the default window, the window's minimum size
 * (MIN_WINDOW_SIZE, src/main/window-state.ts), and a 1280x800 window at 200% zoom, which is
 * a 640x400 CSS viewport drawn with two device pixels per CSS pixel.
 */
export const LAYOUT_SIZES: readonly LayoutSize[] = [
  { name: '1280x800', width: 1280, height: 800, scale: 1 },
  { name: '640x480', width: 640, height: 480, scale: 1 },
  { name: 'zoom-200', width: 640, height: 400, scale: 2 },
]

const sessions = new WeakMap<Page, Promise<CDPSession>>()

/** Resizes the page's viewport, with the device scale factor, as the window would be. */
export async function setLayoutSize(page: Page, size: LayoutSize): Promise<void> {
  await page.setViewportSize({ width: size.width, height: size.height })
  // The override lasts as long as its DevTools session: one session per page, kept open.
  let session = sessions.get(page)
  if (session === undefined) {
    session = page.context().newCDPSession(page)
    sessions.set(page, session)
  }
  await (
    await session
  ).send('Emulation.setDeviceMetricsOverride', {
    width: size.width,
    height: size.height,
    deviceScaleFactor: size.scale,
    mobile: false,
  })
  const ratio = await page.evaluate(
    () => (globalThis as unknown as { devicePixelRatio: number }).devicePixelRatio,
  )
  if (ratio !== size.scale) throw new Error(`the page draws at ${ratio}, not ${size.scale}`)
  // Let layout effects that measure (the recipient field's "and N more") run after the resize.
  await afterFrames(page, 2)
}

/**
 * Saves what the window shows, in device pixels (Playwright's own screenshot draws at the
 * context's scale, which the zoom override does not change).
 */
async function screenshot(page: Page, file: string): Promise<void> {
  const session = sessions.get(page)
  if (session === undefined) throw new Error('setLayoutSize comes before a screenshot')
  const { data } = await (await session).send('Page.captureScreenshot', { format: 'png' })
  await writeFile(file, Buffer.from(data, 'base64'))
}

/** What the check looks at; the defaults fit Postline's window. */
export interface LayoutCheckOptions {
  /** Controls: none of them may overlap another, or a line of text. */
  readonly interactive?: string
  /** Cards and panels: a control inside one must stay inside its box. */
  readonly cards?: string
  /** Texts that must show at least `minEm` em (or all of themselves, when shorter). */
  readonly readable?: string
  readonly minEm?: number
  /**
   * Notes and marked items that must be seen whole or not at all: none may be cut by the
   * scrolling area it is in, or by the window.
   */
  readonly whole?: string
}

export const DEFAULT_LAYOUT_OPTIONS: Required<LayoutCheckOptions> = {
  interactive: [
    'button',
    'input:not([type="hidden"])',
    'select',
    'textarea',
    'a[href]',
    '[role="button"]',
    '[role="combobox"]',
    '[contenteditable="true"]',
    '.chip-remove',
  ].join(', '),
  cards: [
    '.composer',
    '.field-row',
    '.composer-footer',
    '.attachments',
    '.settings-section',
    '.outbox-item',
    '.draft-item',
    '.account',
    '.sidebar',
    '.toast',
    '.banner',
    '.alert',
    '.status-banner',
    '.welcome-card',
    '.sign-in-panel',
    '.dialog',
  ].join(', '),
  readable: '.chip-label, .chip-edit, .attachment-name, .outbox-subject, .draft-subject',
  minEm: 4,
  whole: '.paste-note, .attachment[data-broken], .inline-error, .recipient-error',
}

/**
 * Runs in the page. Plain JavaScript (the tests are compiled without the DOM's types); each
 * problem is one sentence naming the elements.
 */
const PAGE_CHECK = String.raw`(options) => {
  const problems = []
  const describe = (element) => {
    const name =
      element.getAttribute('aria-label') ||
      element.getAttribute('title') ||
      (element.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) ||
      element.getAttribute('name') ||
      ''
    const cls = typeof element.className === 'string' && element.className.trim() !== ''
      ? '.' + element.className.trim().split(/\s+/).join('.')
      : ''
    return element.tagName.toLowerCase() + cls + (name ? ' "' + name + '"' : '')
  }
  const box = (rect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom })
  const intersect = (a, b) => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  })
  const empty = (r) => r.right - r.left < 1 || r.bottom - r.top < 1
  const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight }
  const clips = (element) => {
    const style = getComputedStyle(element)
    return style.overflowX !== 'visible' || style.overflowY !== 'visible'
  }
  // The part of a rect that can be seen: clipped by every scrolling or clipping ancestor up to
  // (not including) stopAt, and by the viewport.
  const visiblePart = (rect, from, stopAt) => {
    let r = box(rect)
    for (let node = from; node && node !== stopAt && node !== document.documentElement; node = node.parentElement) {
      if (clips(node)) r = intersect(r, box(node.getBoundingClientRect()))
      if (empty(r)) return r
    }
    return stopAt ? r : intersect(r, viewport)
  }
  const shown = (element) => {
    if (element.closest('[hidden], [aria-hidden="true"], .visually-hidden')) return false
    const style = getComputedStyle(element)
    if (style.visibility === 'hidden' || style.display === 'none') return false
    const rect = element.getBoundingClientRect()
    return rect.width >= 2 && rect.height >= 2
  }

  const controls = [...document.querySelectorAll(options.interactive)]
    .filter(shown)
    .map((element) => ({ element, rect: visiblePart(element.getBoundingClientRect(), element.parentElement, null) }))
    .filter((control) => !empty(control.rect))

  // 1. No two controls overlap (one inside the other is fine: a link in the editor).
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]
      const b = controls[j]
      if (a.element.contains(b.element) || b.element.contains(a.element)) continue
      const overlap = intersect(a.rect, b.rect)
      if (overlap.right - overlap.left > 1 && overlap.bottom - overlap.top > 1) {
        problems.push('overlap: ' + describe(a.element) + ' and ' + describe(b.element))
      }
    }
  }

  // 2. No line of text under a control (text inside the control is its own).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  const reported = new Set()
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if ((text.textContent || '').trim() === '') continue
    const parent = text.parentElement
    if (!parent || !shown(parent)) continue
    range.selectNodeContents(text)
    for (const line of range.getClientRects()) {
      const seen = visiblePart(line, parent, null)
      if (empty(seen)) continue
      for (const control of controls) {
        if (control.element.contains(text)) continue
        const overlap = intersect(seen, control.rect)
        if (overlap.right - overlap.left > 2 && overlap.bottom - overlap.top > 2) {
          const key = describe(parent) + '|' + describe(control.element)
          if (reported.has(key)) continue
          reported.add(key)
          problems.push('text under a control: "' + text.textContent.trim().slice(0, 40) + '" under ' + describe(control.element))
        }
      }
    }
  }

  // 3. Every control stays inside the card or panel it belongs to.
  for (const control of controls) {
    const card = control.element.parentElement && control.element.parentElement.closest(options.cards)
    if (!card || !shown(card)) continue
    const inside = visiblePart(control.element.getBoundingClientRect(), control.element.parentElement, card)
    if (empty(inside)) continue
    const outer = card.getBoundingClientRect()
    const out =
      inside.left < outer.left - 1 || inside.top < outer.top - 1 ||
      inside.right > outer.right + 1 || inside.bottom > outer.bottom + 1
    if (out) problems.push('outside its card: ' + describe(control.element) + ' leaves ' + describe(card).slice(0, 60))
  }

  // 4. Texts that must stay readable show at least minEm em, or all of themselves.
  for (const element of document.querySelectorAll(options.readable)) {
    if (!shown(element)) continue
    const seen = visiblePart(element.getBoundingClientRect(), element.parentElement, null)
    if (empty(seen)) continue
    const em = parseFloat(getComputedStyle(element).fontSize)
    const wanted = Math.min(element.scrollWidth, options.minEm * em)
    if (element.clientWidth + 1 < wanted) {
      problems.push('unreadable: ' + describe(element) + ' is ' + element.clientWidth + 'px wide')
    }
  }
  // 5. Notes and marked items are seen whole (or scrolled wholly away), never cut.
  for (const element of options.whole ? document.querySelectorAll(options.whole) : []) {
    if (!shown(element)) continue
    const rect = element.getBoundingClientRect()
    const seen = visiblePart(rect, element.parentElement, null)
    if (empty(seen)) continue
    if (seen.top > rect.top + 1 || seen.bottom < rect.bottom - 1 || seen.left > rect.left + 1 || seen.right < rect.right - 1) {
      problems.push('cut: ' + describe(element).slice(0, 60) + ' shows ' + Math.round(seen.bottom - seen.top) + ' of ' + Math.round(rect.height) + 'px')
    }
  }
  return problems
}`

/** The layout problems in the page as it is now; an empty list when there are none. */
export async function layoutProblems(
  page: Page,
  options: LayoutCheckOptions = {},
): Promise<string[]> {
  const merged = { ...DEFAULT_LAYOUT_OPTIONS, ...options }
  return page.evaluate(`(${PAGE_CHECK})(${JSON.stringify(merged)})`)
}

/** The scrolling areas a view is checked through, from top to bottom. */
export const DEFAULT_SCROLLERS = ':root, .content, .content > .panel, .composer-body'

/**
 * Scrolls the first scrolling area matching `selector` (that can scroll) to step `step` of
 * its height; answers false when there is no such step. Step 0 is the top.
 */
async function scrollStep(page: Page, selector: string, index: number, step: number) {
  return page.evaluate(
    `(() => {
      const areas = [...document.querySelectorAll(${JSON.stringify(selector)})]
        .filter((area) => area.scrollHeight > area.clientHeight + 1 && getComputedStyle(area).overflowY !== 'hidden')
      const area = areas[${index}]
      if (!area) return false
      const stride = Math.max(40, Math.floor(area.clientHeight * 0.8))
      const top = ${step} * stride
      if (top > 0 && top - stride >= area.scrollHeight - area.clientHeight) return false
      area.scrollTop = top
      return true
    })()`,
  ) as Promise<boolean>
}

/**
 * Checks the current view at every size: saves a screenshot of each as
 * `<folder>/<view>-<size>.png` and answers the problems found, each prefixed with the view and
 * the size. Where the view scrolls (`.content`, a panel, the composer's fields), it is checked
 * at each step of its scroll too, with a screenshot `<view>-<size>-scrolled-<n>.png` of each.
 * The page is left at the last size, scrolled back to the top.
 */
export async function checkLayoutAtSizes(
  page: Page,
  view: string,
  folder: string,
  {
    sizes = LAYOUT_SIZES,
    before,
    options,
    scrollers = DEFAULT_SCROLLERS,
  }: {
    sizes?: readonly LayoutSize[]
    /** The scrolling areas to step through. */
    scrollers?: string
    /** Runs after each resize, before the check (to bring the view to the state to check). */
    before?: (size: LayoutSize) => Promise<void>
    options?: LayoutCheckOptions
  } = {},
): Promise<string[]> {
  await mkdir(folder, { recursive: true })
  const found: string[] = []
  for (const size of sizes) {
    await setLayoutSize(page, size)
    // The pointer rests outside the window's controls, as when the person reads the screen.
    await page.mouse.move(size.width - 1, size.height - 1)
    if (before) await before(size)
    await screenshot(page, path.join(folder, `${view}-${size.name}.png`))
    for (const problem of await layoutProblems(page, options)) {
      found.push(`${view} at ${size.name}: ${problem}`)
    }
    let shot = 0
    for (let index = 0; index < 4; index++) {
      for (let step = 1; step <= 12; step++) {
        if (!(await scrollStep(page, scrollers, index, step))) break
        shot += 1
        await screenshot(page, path.join(folder, `${view}-${size.name}-scrolled-${shot}.png`))
        // A step of the scroll cuts what is at its edges: only the view as opened is held to
        // showing notes whole.
        for (const problem of await layoutProblems(page, { ...options, whole: '' })) {
          found.push(`${view} at ${size.name}, scrolled: ${problem}`)
        }
      }
      await scrollStep(page, scrollers, index, 0)
    }
  }
  return [...new Set(found)]
}
