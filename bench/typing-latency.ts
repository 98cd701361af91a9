// Typing in a 200 KB draft: the built renderer in headless Chromium on a real core (e2e bridge),
// a 200 KB draft saved just before, which the composer opens at start, then keystrokes typed at
// its end, in two bursts with a pause between them long enough for the autosave to start, so that
// a save of the 200 KB draft runs while typing goes on.
// - the keys: one every 50 ms plus up to one frame (16.7 ms), the extra drawn from a seeded
//   generator, so the keys land on every phase of the frame clock as a person's do. A fixed
//   50 ms is exactly three frames: every key of a session then lands on the same phase, and the
//   session's p95 is that one phase's latency (see bench/README.md).
// - keystroke → next frame: from the keydown event's timeStamp to just after the next animation
//   frame (requestAnimationFrame, then a MessageChannel message, i.e. once that frame's work is
//   done); its p95 against 16 ms. The floor is the same measure on a bare contenteditable holding
//   the same HTML in the same browser, typed with the same intervals. Most of the floor is
//   Chromium's own work for a keystroke in a large editable, which grows with its text (see
//   bench/README.md). Beside them, in the details: the same HTML in a bare contenteditable put
//   in the editor's place in the same window, so the gap between the two is what ProseMirror and
//   TipTap add.
//   Chromium runs without its navigation predictor, as Postline's window does (see
//   test/helpers/chromium.ts): on an http page it adds a second frame after keystrokes.
// - long tasks over 50 ms during the typing session (PerformanceObserver 'longtask'): target 0.
import type { Locator, Page } from 'playwright-core'
import type { Core, CoreHandlers } from '../src/main/core-types'
import { buildRenderer, chromium, openWithInitScript } from './lib/renderer'
import { draftHtml, seeded } from './lib/drafts-folder'
import { log, QUICK, run, type Figure } from './lib/report'
import { round, summary } from './lib/stats'
import { draftFields, ok, startWorld } from './lib/world'

const KEYS_PER_BURST = QUICK ? 20 : 100
const KEY_INTERVAL_MS = 50
/** Each key waits up to this much more, drawn from a seeded generator: one 60 Hz frame. */
const KEY_JITTER_MS = 1000 / 60
const SESSIONS = QUICK ? 1 : 3
const TARGET_P95_MS = 16
const DRAFT_BYTES = 200 * 1024
/** Long enough for the autosave (800 ms debounce) to start between the two bursts. */
const PAUSE_MS = 900

/** In the page before its scripts: keystroke timings and long tasks, once armed. */
const PROBE = `(() => {
  const data = { armed: false, keys: [], longTasks: [], slowEvents: [], supported: {} }
  Object.defineProperty(window, '__benchTyping', { value: data })
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (data.armed) data.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: false })
    data.supported.longtask = true
  } catch { data.supported.longtask = false }
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (data.armed && entry.name === 'keydown')
          data.slowEvents.push({ duration: entry.duration, processing: entry.processingEnd - entry.processingStart })
    }).observe({ type: 'event', durationThreshold: 16, buffered: false })
    data.supported.eventTiming = true
  } catch { data.supported.eventTiming = false }
  addEventListener('keydown', (event) => {
    if (!data.armed) return
    const t0 = event.timeStamp
    requestAnimationFrame(() => {
      const frame = performance.now()
      const channel = new MessageChannel()
      channel.port1.onmessage = () => data.keys.push({ toFrame: frame - t0, toFrameDone: performance.now() - t0 })
      channel.port2.postMessage(0)
    })
  }, true)
})()`

interface PageData {
  /** Page time at the start and end of each burst of keys. */
  bursts: { start: number; end: number }[]
  armed: boolean
  keys: { toFrame: number; toFrameDone: number }[]
  longTasks: { start: number; duration: number }[]
  slowEvents: { duration: number; processing: number }[]
  supported: Record<string, boolean>
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Every key's time from keystroke to the end of the next frame (ms), over `sessions`. */
function toFrameDone(sessions: readonly Pick<PageData, 'keys'>[]): number[] {
  return sessions.flatMap((data) => data.keys.map((key) => key.toFrameDone))
}

/** One session's p95, keystroke to the end of the next frame (ms, one decimal). */
function sessionP95(data: Pick<PageData, 'keys'>): number {
  return round(percentile(toFrameDone([data]), 95), 1)
}

/**
 * Puts the caret at the end of `target`, lets the page settle (the open itself is not part of
 * typing), then types two bursts with a pause between them, the keys' intervals drawn from
 * `seed` (the same seed, the same intervals); answers the data.
 */
async function typeSession(
  page: Page,
  target: Locator,
  settleMs: number,
  seed: number,
): Promise<PageData & { typedFrom: number }> {
  const jitter = seeded(seed)
  await target.focus()
  await page.keyboard.press('Control+End')
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  const typedFrom = performance.now()
  const bursts: PageData['bursts'] = []
  await page.evaluate(() => {
    const data = (globalThis as unknown as { __benchTyping: PageData }).__benchTyping
    data.keys.length = 0
    data.longTasks.length = 0
    data.slowEvents.length = 0
    data.armed = true
  })
  for (let burst = 0; burst < 2; burst++) {
    const burstStart = await pageNow(page)
    let next = performance.now()
    for (let i = 0; i < KEYS_PER_BURST; i++) {
      const wait = next - performance.now()
      next += KEY_INTERVAL_MS + jitter() * KEY_JITTER_MS
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)))
    }
    bursts.push({ start: burstStart, end: await pageNow(page) })
    if (burst === 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
  }
  // Let the last frames and the last long task land.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const data = await page.evaluate(() => {
    const data = (globalThis as unknown as { __benchTyping: PageData }).__benchTyping
    data.armed = false
    return JSON.parse(JSON.stringify(data)) as PageData
  })
  return { ...data, bursts, typedFrom }
}

/** ms of the editor's getHTML() on the draft, five times: what an autosave serializes. */
function getHtmlMs(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    // TipTap keeps the editor on its element.
    const dom = globalThis as unknown as {
      document: { querySelector(s: string): { editor?: { getHTML(): string } } | null }
    }
    const editor = dom.document.querySelector('.ProseMirror')?.editor
    if (editor === undefined) return []
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      editor.getHTML()
      times.push(performance.now() - started)
    }
    return times
  })
}

function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now())
}

/** Long tasks that started while keys were typed, and those in the pause (the autosave). */
function longTasksBy(data: readonly PageData[]) {
  const inBursts: number[] = []
  const inPause: number[] = []
  for (const session of data)
    for (const task of session.longTasks) {
      const typing = session.bursts.some(
        (burst) => task.start >= burst.start && task.start <= burst.end,
      )
      ;(typing ? inBursts : inPause).push(round(task.duration, 1))
    }
  return { inBursts, inPause }
}

/** The core with every drafts.save call timed (when it was asked, how long it took). */
function timingSaves(core: Core) {
  const saves: { at: number; ms: number }[] = []
  const handlers = { ...core.handlers }
  const save = core.handlers['drafts.save']
  handlers['drafts.save'] = async (input) => {
    const at = performance.now()
    const result = await save(input)
    saves.push({ at, ms: performance.now() - at })
    return result
  }
  const timed: Core = {
    handlers: handlers as CoreHandlers,
    on: (event, listener) => core.on(event, listener),
    close: () => core.close(),
  }
  return { core: timed, saves }
}

run(async () => {
  const build = await buildRenderer()
  const world = await startWorld(1)
  const browser = await chromium()
  const html = draftHtml(DRAFT_BYTES, seeded(3))
  const app: PageData[] = []
  const floor: PageData[] = []
  const inEditorsPlace: PageData[] = []
  const savesDuring: number[] = []
  const saveMs: number[] = []
  const editorGetHtmlMs: number[] = []
  try {
    const timed = timingSaves(world.core)
    for (let session = 0; session < SESSIONS; session++) {
      const subject = `Long draft ${session + 1}`
      ok(
        await world.core.handlers['drafts.save']({
          fields: draftFields({ subject, html }),
        }),
      )
      const renderer = await openWithInitScript(browser, timed.core, build.dir, PROBE)
      try {
        const { page } = renderer
        // The composer opens the most recent draft at start: the one just saved.
        const body = page.getByRole('textbox', { name: 'Message body' })
        await body.waitFor({ timeout: 30_000 })
        await page.waitForFunction(
          (bytes) => {
            const dom = globalThis as unknown as {
              document: { querySelector(s: string): { innerHTML: string } | null }
            }
            return (
              (dom.document.querySelector('[contenteditable="true"]')?.innerHTML.length ?? 0) >
              bytes / 2
            )
          },
          DRAFT_BYTES,
          { timeout: 30_000 },
        )
        const typed = await typeSession(page, body, 1_000, session + 1)
        app.push(typed)
        const saves = timed.saves.filter((save) => save.at >= typed.typedFrom)
        savesDuring.push(saves.length)
        saveMs.push(...saves.map((save) => save.ms))
        editorGetHtmlMs.push(...(await getHtmlMs(page)))
        // What the editor adds: the same HTML in a bare contenteditable put in the editor's place
        // in the same window (the editor hidden), typed the same way. React's events, the
        // composer's handlers and the page are all still there; ProseMirror and TipTap are not.
        await page.evaluate((bodyHtml) => {
          // The benchmarks' tsconfig has no DOM types; this is the little of the DOM it needs.
          type Element = {
            style: { display: string }
            parentElement: Element | null
            append(child: Element): void
            id: string
            className: string
            contentEditable: string
            innerHTML: string
          }
          const dom = globalThis as unknown as {
            document: {
              querySelector(s: string): Element | null
              createElement(t: string): Element
            }
          }
          const editor = dom.document.querySelector('.editor-content')!
          const bare = dom.document.createElement('div')
          bare.id = 'bench-bare-body'
          bare.className = 'editor-content'
          bare.contentEditable = 'true'
          bare.innerHTML = bodyHtml
          editor.style.display = 'none'
          editor.parentElement!.append(bare)
        }, html)
        inEditorsPlace.push(
          await typeSession(page, page.locator('#bench-bare-body'), 500, session + 1),
        )
        if (renderer.problems.length > 0) log(`page problems: ${renderer.problems.join('; ')}`)
      } finally {
        await renderer.close()
      }

      // The floor: a bare contenteditable with the same HTML, in the same browser.
      const context = await browser.newContext({ viewport: { width: 900, height: 650 } })
      try {
        await context.addInitScript({ content: PROBE })
        const page = await context.newPage()
        // Served by a route, not setContent: document.open() would drop the probe's listeners.
        await page.route('http://floor.invalid/', (route) =>
          route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><body style="margin:0"><div contenteditable="true" style="height:600px;overflow:auto;font:14px sans-serif;padding:8px">${html}</div></body>`,
          }),
        )
        await page.goto('http://floor.invalid/')
        floor.push(
          await typeSession(page, page.locator('[contenteditable="true"]'), 500, session + 1),
        )
      } finally {
        await context.close()
      }
      const last = app[app.length - 1]!
      log(
        `session ${session + 1}: p95 ${sessionP95(last)} ms (floor ${sessionP95(floor[floor.length - 1]!)} ms, a bare body in the editor's place ${sessionP95(inEditorsPlace[inEditorsPlace.length - 1]!)} ms), ${last.longTasks.length} long task(s), ${savesDuring[savesDuring.length - 1]} save(s)`,
      )
    }
  } finally {
    await browser.close()
    await world.close()
    await build.remove()
  }

  const keys = toFrameDone(app)
  const floorKeys = toFrameDone(floor)
  const inPlaceKeys = toFrameDone(inEditorsPlace)
  const longTasks = app.flatMap((data) => data.longTasks)
  const p95 = round(percentile(keys, 95), 1)
  const floorP95 = round(percentile(floorKeys, 95), 1)
  const supported = app[0]?.supported ?? {}
  const common = {
    draftBytes: DRAFT_BYTES,
    keystrokes: keys.length,
    keystrokesTyped: SESSIONS * 2 * KEYS_PER_BURST,
    sessions: SESSIONS,
    keyIntervalMs: KEY_INTERVAL_MS,
    keyJitterMs: round(KEY_JITTER_MS, 1),
    draftsSaveCallsPerSession: savesDuring,
    draftsSaveMsInCore: summary(saveMs, 1),
    supported,
  }
  const figures: Figure[] = [
    {
      figure: 'typing: keystroke to next frame',
      value: p95,
      unit: 'ms, p95 from keydown to the end of the next frame, 200 KB draft',
      floor: floorP95,
      ratio: round(p95 / TARGET_P95_MS, 3),
      target: `p95 <= ${TARGET_P95_MS} ms`,
      holds: p95 <= TARGET_P95_MS,
      ...summary(keys, 1),
      details: {
        ...common,
        p50: round(percentile(keys, 50), 1),
        p99: round(percentile(keys, 99), 1),
        toFrameStartP95: round(
          percentile(
            app.flatMap((data) => data.keys.map((key) => key.toFrame)),
            95,
          ),
          1,
        ),
        floorP50: round(percentile(floorKeys, 50), 1),
        // Each session opens a window of its own: shown apart.
        p95BySession: app.map(sessionP95),
        floorP95BySession: floor.map(sessionP95),
        floorIs:
          'the same measure on a bare contenteditable div holding the same HTML, same browser and viewport',
        // The same measure on a bare contenteditable in the editor's place in the same window,
        // typed right after each session: what ProseMirror and TipTap add is the gap to it.
        inEditorsPlaceP95: round(percentile(inPlaceKeys, 95), 1),
        inEditorsPlaceP50: round(percentile(inPlaceKeys, 50), 1),
        inEditorsPlaceP95BySession: inEditorsPlace.map(sessionP95),
        eventTimingKeydownsOver16Ms: app.reduce((sum, data) => sum + data.slowEvents.length, 0),
        eventTimingWorstMs: Math.max(
          0,
          ...app.flatMap((data) => data.slowEvents.map((event) => event.duration)),
        ),
        note: "ratio is value / target; keys every keyIntervalMs plus up to keyJitterMs (seeded), so they land on every phase of the frame clock; the floor and the bare body in the editor's place are typed with the same intervals",
      },
    },
    {
      figure: 'typing: long tasks over 50 ms',
      value: longTasks.length,
      unit: `long tasks (PerformanceObserver 'longtask') while typing ${SESSIONS * 2 * KEYS_PER_BURST} keys in a 200 KB draft, autosave included`,
      floor: floor.reduce((sum, data) => sum + data.longTasks.length, 0),
      ratio: null,
      target: '0',
      holds: supported.longtask === true && longTasks.length === 0,
      runs: SESSIONS,
      median: null,
      min: null,
      max: longTasks.length > 0 ? round(Math.max(...longTasks.map((task) => task.duration)), 1) : 0,
      details: {
        ...common,
        longTasksMs: longTasks.map((task) => round(task.duration, 1)),
        longTasksByWhen: longTasksBy(app),
        editorGetHtmlMs: summary(editorGetHtmlMs, 1),
        autosaveDebounceMs: 800,
        pauseBetweenBurstsMs: PAUSE_MS,
        note: 'floor is the long tasks on the bare contenteditable; max is the longest task in ms. longTasksByWhen: inBursts started while keys were being typed, inPause in the pause between bursts, where the autosave (800 ms debounce) starts; editorGetHtmlMs is what serializing the draft for a save costs in the page',
      },
    },
  ]
  return figures
})
