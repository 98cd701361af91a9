import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  WINDOW_STATE_FILE,
  WindowStateKeeper,
  parseWindowState,
  placementFor,
  readWindowState,
  writeWindowState,
} from '../../../src/main/window-state'
import type { WindowState } from '../../../src/main/window-state'
import { tempDir } from '../../helpers/temp-dir'

/** A 1920×1080 primary display whose work area leaves 32 px for a top panel. */
const PRIMARY = { x: 0, y: 32, width: 1920, height: 1048 }
/** A second display to the left of the primary one. */
const LEFT = { x: -1280, y: 0, width: 1280, height: 1024 }
const saved: WindowState = { x: 100, y: 80, width: 1200, height: 800, maximized: false }

test('a saved state is read back with its numbers rounded', () => {
  assert.deepEqual(
    parseWindowState({ x: 10.4, y: -20.6, width: 900.5, height: 700, maximized: true }),
    { x: 10, y: -21, width: 901, height: 700, maximized: true },
  )
})

test('garbage in the state file is ignored', () => {
  for (const raw of [
    undefined,
    null,
    'x=1',
    42,
    [1, 2, 3, 4],
    {},
    { x: 1, y: 2, width: 800 },
    { x: '1', y: 2, width: 800, height: 600 },
    { x: 1, y: 2, width: Number.NaN, height: 600 },
    { x: 1, y: Number.POSITIVE_INFINITY, width: 800, height: 600 },
    { x: 1, y: 2, width: 0, height: 600 },
    { x: 1, y: 2, width: 800, height: -600 },
  ]) {
    assert.equal(parseWindowState(raw), null, JSON.stringify(raw))
  }
  assert.equal(parseWindowState({ ...saved, maximized: 'yes' })?.maximized, false)
})

test('with nothing saved the window opens at its default size where the system puts it', () => {
  assert.deepEqual(placementFor(null, [PRIMARY]), {
    bounds: { ...DEFAULT_WINDOW_SIZE },
    maximized: false,
  })
})

test('the default size shrinks to fit a small display', () => {
  assert.deepEqual(placementFor(null, [{ x: 0, y: 0, width: 1024, height: 700 }]).bounds, {
    width: 1024,
    height: 700,
  })
})

test('a position on the primary display is restored with its size', () => {
  assert.deepEqual(placementFor(saved, [PRIMARY]), {
    bounds: { x: 100, y: 80, width: 1200, height: 800 },
    maximized: false,
  })
})

test('a position on a second display left of the primary one is restored', () => {
  const onLeft = { ...saved, x: -1200, y: 100 }
  assert.deepEqual(placementFor(onLeft, [PRIMARY, LEFT]).bounds, {
    x: -1200,
    y: 100,
    width: 1200,
    height: 800,
  })
})

test('a position on a display that is no longer there is dropped, the size kept', () => {
  const onLeft = { ...saved, x: -1200, y: 100 }
  assert.deepEqual(placementFor(onLeft, [PRIMARY]).bounds, { width: 1200, height: 800 })
})

test('a window whose title bar would be off screen opens where the system puts it', () => {
  for (const state of [
    { ...saved, y: 10 }, // under the top panel
    { ...saved, x: 1000 }, // the right end of the title bar past the display's edge
    { ...saved, y: 1070 }, // the title bar below the work area
  ]) {
    assert.equal(placementFor(state, [PRIMARY]).bounds.x, undefined, JSON.stringify(state))
  }
})

test('a window hanging off the bottom is restored: its title bar can still be grabbed', () => {
  const low = { ...saved, y: 900 }
  assert.equal(placementFor(low, [PRIMARY]).bounds.y, 900)
})

test('a window smaller than the minimum grows to the minimum size', () => {
  const tiny = { ...saved, width: 120, height: 40 }
  assert.deepEqual(placementFor(tiny, [PRIMARY]).bounds, {
    x: 100,
    y: 80,
    ...MIN_WINDOW_SIZE,
  })
})

test('a window larger than its display shrinks to the display’s work area', () => {
  const huge = { x: 0, y: 32, width: 5000, height: 4000, maximized: false }
  assert.deepEqual(placementFor(huge, [PRIMARY]).bounds, {
    x: 0,
    y: 32,
    width: 1920,
    height: 1048,
  })
})

test('a maximised window opens maximised, wherever its normal bounds are', () => {
  assert.equal(placementFor({ ...saved, maximized: true }, [PRIMARY]).maximized, true)
  assert.equal(placementFor({ ...saved, x: -5000, maximized: true }, [PRIMARY]).maximized, true)
})

test('the state survives a write and a read; a missing or damaged file reads as none', async (t) => {
  const file = path.join(await tempDir(t), WINDOW_STATE_FILE)
  assert.equal(await readWindowState(file), null)
  await writeWindowState(file, saved)
  assert.deepEqual(await readWindowState(file), saved)
  await writeFile(file, '{"x": 1, "y":')
  assert.equal(await readWindowState(file), null)
  // The damaged file is set aside next to the original, not overwritten by the next save.
  const names = await readdir(path.dirname(file))
  assert.equal(names.filter((name) => /^window-state\.json\.damaged-\d+$/.test(name)).length, 1)
  assert.ok(!names.includes(WINDOW_STATE_FILE))
})

test('the keeper opens the window where it was saved last', async (t) => {
  const file = path.join(await tempDir(t), WINDOW_STATE_FILE)
  await writeWindowState(file, saved)
  const keeper = await WindowStateKeeper.open(file)
  assert.deepEqual(keeper.placement([PRIMARY]).bounds, { x: 100, y: 80, width: 1200, height: 800 })
})

test('a burst of resizes is written once, with the last size, after the pause', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] })
  const writes: WindowState[] = []
  const keeper = await WindowStateKeeper.open(path.join(await tempDir(t), WINDOW_STATE_FILE), {
    delayMs: 500,
    write: async (_file, state) => {
      writes.push(state)
    },
  })
  for (let width = 900; width <= 1000; width += 10) keeper.update({ ...saved, width })
  t.mock.timers.tick(499)
  await new Promise(setImmediate)
  assert.deepEqual(writes, [], 'nothing is written while the window is still changing')
  t.mock.timers.tick(1)
  await keeper.flush()
  assert.deepEqual(writes, [{ ...saved, width: 1000 }])
})

test('closing writes the latest state at once and cancels the pending write', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] })
  const file = path.join(await tempDir(t), WINDOW_STATE_FILE)
  const keeper = await WindowStateKeeper.open(file)
  keeper.update({ ...saved, maximized: true })
  await keeper.flush()
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { ...saved, maximized: true })
  await writeFile(file, 'overwritten')
  t.mock.timers.tick(10_000)
  await keeper.flush()
  assert.equal(await readFile(file, 'utf8'), 'overwritten', 'no second write of the same state')
})

test('a failed write is reported, not thrown, and tried again at the next flush', async (t) => {
  const errors: unknown[] = []
  let failing = true
  const writes: WindowState[] = []
  const keeper = await WindowStateKeeper.open(path.join(await tempDir(t), WINDOW_STATE_FILE), {
    write: async (_file, state) => {
      if (failing) throw new Error('disk full')
      writes.push(state)
    },
    onError: (error) => errors.push(error),
  })
  keeper.update(saved)
  await keeper.flush()
  assert.equal(errors.length, 1)
  failing = false
  await keeper.flush()
  assert.deepEqual(writes, [saved])
})
