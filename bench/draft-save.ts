// Draft save: `drafts.save` of a 200 KB HTML draft through the core's handler (atomic, with
// fsync), N runs, against the same bytes written durably with plain fs calls. Then a typing
// simulation in the built renderer (headless Chromium, e2e bridge): one keystroke every 30 ms
// for 3 s into the body editor, counting the `drafts.save` calls its autosave makes.
import { readFile, rm } from 'node:fs/promises'
import { open, rename } from 'node:fs/promises'
import path from 'node:path'
import type { Core, CoreHandlers } from '../src/main/core-types'
import { buildRenderer, chromium, openWithInitScript } from './lib/renderer'
import { log, QUICK, run } from './lib/report'
import { median, ratio, round, summary } from './lib/stats'
import { draftFields, ok, startWorld, tempFolder } from './lib/world'

const SAVES = QUICK ? 3 : 50
const TARGET_MS = 15
const HTML_BYTES = 200 * 1024
const KEY_INTERVAL_MS = 30
const TYPING_MS = QUICK ? 600 : 3_000

/** About 200 KB of ordinary message HTML. */
function bigHtml(): string {
  const paragraph =
    '<p>This is a long message with <strong>some bold</strong>, <em>some italics</em> and a <a href="https://example.com/">link</a>, written to make a draft of realistic size.</p>'
  return paragraph.repeat(Math.ceil(HTML_BYTES / paragraph.length)).slice(0, HTML_BYTES)
}

/** The floor: temp file, write, fsync, close, rename, fsync the folder — with plain fs calls. */
async function plainDurableWrite(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`
  const handle = await open(temporary, 'w')
  await handle.writeFile(text)
  await handle.sync()
  await handle.close()
  await rename(temporary, file)
  const folder = await open(path.dirname(file), 'r')
  await folder.sync()
  await folder.close()
}

/** The debounce of the renderer's autosave, read from its source (null if it moved). */
async function rendererDebounceMs(): Promise<number | null> {
  const source = await readFile(path.join(__dirname, '../src/renderer/draft-saver.ts'), 'utf8')
  const match = /delayMs \?\? ([\d_]+)/.exec(source)
  return match ? Number(match[1]!.replace(/_/g, '')) : null
}

/** The core with every `drafts.save` call recorded (wall-clock time of the call). */
function countingCore(core: Core) {
  const saves: number[] = []
  const handlers = { ...core.handlers }
  const save = core.handlers['drafts.save']
  handlers['drafts.save'] = (input) => {
    saves.push(performance.now())
    return save(input)
  }
  const counting: Core = {
    handlers: handlers as CoreHandlers,
    on: (event, listener) => core.on(event, listener),
    close: () => core.close(),
  }
  return { core: counting, saves }
}

/** The most calls that fall in any window of `windowMs`. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  let most = 0
  for (let i = 0; i < times.length; i++) {
    let count = 0
    for (let j = i; j < times.length && times[j]! - times[i]! < windowMs; j++) count++
    most = Math.max(most, count)
  }
  return most
}

run(async () => {
  const world = await startWorld(1)
  const folder = await tempFolder()
  const coreMs: number[] = []
  const floorMs: number[] = []
  let typing: Record<string, unknown>
  let typingHolds: boolean
  try {
    // The core side: one draft, saved again and again as autosave does.
    const fields = draftFields({ html: bigHtml() })
    const id = ok(await world.core.handlers['drafts.save']({ fields })).id
    const record = `${JSON.stringify({ version: 1, id, fields, attachments: [], updatedAt: new Date().toISOString(), outboxId: null })}\n`
    for (let i = 0; i < SAVES; i++) {
      let started = performance.now()
      ok(
        await world.core.handlers['drafts.save']({
          id,
          fields: { ...fields, subject: `Save ${i}` },
        }),
      )
      coreMs.push(performance.now() - started)
      started = performance.now()
      await plainDurableWrite(path.join(folder, 'draft.json'), record)
      floorMs.push(performance.now() - started)
    }
    ok(await world.core.handlers['drafts.delete']({ id }))
    log(`drafts.save ${round(median(coreMs))} ms, plain durable write ${round(median(floorMs))} ms`)

    // The renderer side: typing into the body editor.
    const debounceMs = await rendererDebounceMs()
    const build = await buildRenderer()
    const browser = await chromium()
    try {
      const counting = countingCore(world.core)
      const renderer = await openWithInitScript(browser, counting.core, build.dir, '')
      const editor = renderer.page.locator('[contenteditable="true"]').first()
      await editor.waitFor({ timeout: 30_000 })
      await editor.click()
      const keys: number[] = []
      const typingStarted = performance.now()
      for (let i = 0; i * KEY_INTERVAL_MS < TYPING_MS; i++) {
        const due = typingStarted + i * KEY_INTERVAL_MS
        const wait = due - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        keys.push(performance.now())
        await renderer.page.keyboard.type(String.fromCharCode(97 + (i % 26)))
      }
      const lastKey = keys[keys.length - 1]!
      // Long enough for the quiet spell after the last key and the save it starts.
      await new Promise((resolve) => setTimeout(resolve, (debounceMs ?? 800) + 1_500))
      const saves = counting.saves
      const typed = keys.map((_, i) => String.fromCharCode(97 + (i % 26))).join('')
      const newest = ok(await world.core.handlers['drafts.list'](undefined))[0]
      const savedHtml =
        newest === undefined
          ? ''
          : ok(await world.core.handlers['drafts.get']({ id: newest.id })).html
      const whileTyping = saves.filter((time) => time <= lastKey).length
      const afterTyping = saves.filter((time) => time > lastKey)
      const observedQuietMs = afterTyping.length > 0 ? round(afterTyping[0]! - lastKey, 0) : null
      const interval = debounceMs ?? observedQuietMs ?? 800
      const most = mostInWindow(saves, interval)
      typingHolds = saves.length > 0 && most <= 1 && savedHtml.includes(typed)
      typing = {
        measured: true,
        keystrokes: keys.length,
        typingMs: round(lastKey - keys[0]!, 0),
        meanKeyIntervalMs: round((lastKey - keys[0]!) / Math.max(1, keys.length - 1), 1),
        debounceMs:
          debounceMs ?? `not found in src/renderer/draft-saver.ts; observed ${observedQuietMs} ms`,
        draftsSaveCalls: saves.length,
        whileTyping,
        afterTyping: afterTyping.length,
        firstSaveAfterLastKeyMs: observedQuietMs,
        mostCallsInOneDebounceInterval: most,
        everyKeystrokeSaved: savedHtml.includes(typed),
        holds: typingHolds,
        pageProblems: renderer.problems.length,
        note: 'the first keystroke creates the draft at once; later keystrokes restart the debounce, so the next save comes after the typing stops',
      }
      await renderer.close()
    } finally {
      await browser.close()
      await build.remove()
    }
  } finally {
    await world.close()
    await rm(folder, { recursive: true, force: true })
  }

  const value = round(median(coreMs), 2)
  return {
    figure: 'draft save',
    value,
    unit: 'ms per drafts.save of a 200 KB HTML draft (median)',
    floor: round(median(floorMs), 2),
    ratio: ratio(median(coreMs), median(floorMs)),
    target: `median <= ${TARGET_MS} ms; one write per debounce interval while typing`,
    holds: value <= TARGET_MS && typingHolds,
    ...summary(coreMs, 2),
    details: {
      htmlBytes: HTML_BYTES,
      coreHolds: value <= TARGET_MS,
      floorMs: summary(floorMs, 2),
      floorIs:
        'the same JSON bytes written with open/write/fsync/close/rename/fsync(folder) directly',
      typing,
    },
  }
})
