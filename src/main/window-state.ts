import { readJsonOrSetAside, writeFileAtomic } from './store/atomic-file'
import { KeyedLock } from './store/keyed-lock'

/** The window-state file in the user-data folder's root. */
export const WINDOW_STATE_FILE = 'window-state.json'
/** The window's size on first start. */
export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 760 } as const
/** The smallest window the layout is designed for. */
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const
/** How much of the window's top must be on a display for its position to be restored. */
const TITLE_BAR_HEIGHT = 32
/** How long resizing or moving must pause before the state is written. */
export const WINDOW_STATE_SAVE_DELAY_MS = 500

/** A rectangle in screen coordinates, as Electron's `Rectangle` and `Display.workArea`. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** What is remembered of the window between runs: its normal (unmaximised) bounds. */
export interface WindowState extends Rect {
  readonly maximized: boolean
}

/** Where and how big the window opens; without `x` and `y` the system places it. */
export interface WindowPlacement {
  readonly bounds: {
    readonly x?: number
    readonly y?: number
    readonly width: number
    readonly height: number
  }
  readonly maximized: boolean
}

/** The saved state if `raw` is one (finite numbers, a positive size), else null: garbage is ignored. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const { x, y, width, height, maximized } = raw as Record<string, unknown>
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return null
  if (!isFiniteNumber(width) || !isFiniteNumber(height) || width <= 0 || height <= 0) return null
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    maximized: maximized === true,
  }
}

/**
 * Where the window opens given the saved state and the displays' work areas (the first is the
 * primary display). The size is at least {@link MIN_WINDOW_SIZE} and at most the display's work
 * area; the position is restored only when the window's title bar lies entirely within one work
 * area, so a display that was unplugged or rearranged never leaves the window out of reach.
 */
export function placementFor(
  state: WindowState | null,
  workAreas: readonly Rect[],
): WindowPlacement {
  if (state !== null) {
    for (const area of workAreas) {
      const size = sizeWithin(state, area)
      const titleBar = { x: state.x, y: state.y, width: size.width, height: TITLE_BAR_HEIGHT }
      if (contains(area, titleBar)) {
        return { bounds: { x: state.x, y: state.y, ...size }, maximized: state.maximized }
      }
    }
  }
  const primary = workAreas[0]
  const wanted = state ?? DEFAULT_WINDOW_SIZE
  return {
    bounds: primary ? sizeWithin(wanted, primary) : atLeastMinimum(wanted),
    maximized: state?.maximized ?? false,
  }
}

/**
 * Reads the saved state; a missing or unreadable file counts as none, and a damaged one is set
 * aside next to the original (like every damaged file Postline meets) and counts as none.
 */
export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState((await readJsonOrSetAside(file)).value)
  } catch {
    return null
  }
}

/** Writes the state atomically, so a crash never leaves half a file. */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`)
}

/** What {@link WindowStateKeeper} is built with. */
export interface WindowStateKeeperOptions {
  readonly delayMs?: number
  readonly write?: (file: string, state: WindowState) => Promise<void>
  /** Told when a write fails; the window's state is not worth stopping for. */
  readonly onError?: (error: unknown) => void
}

/**
 * Keeps the window's state between runs: the last saved state to open with, and every change
 * written after {@link WINDOW_STATE_SAVE_DELAY_MS} of quiet (resizing sends dozens of events a
 * second), or at once on {@link flush}. Writes happen one at a time, in order.
 */
export class WindowStateKeeper {
  private latest: WindowState | null
  private written: string
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> = Promise.resolve()
  private readonly writes = new KeyedLock()
  private readonly delayMs: number
  private readonly write: (file: string, state: WindowState) => Promise<void>
  private readonly onError: (error: unknown) => void

  private constructor(
    private readonly file: string,
    saved: WindowState | null,
    options: WindowStateKeeperOptions,
  ) {
    this.latest = saved
    this.written = JSON.stringify(saved)
    this.delayMs = options.delayMs ?? WINDOW_STATE_SAVE_DELAY_MS
    this.write = options.write ?? writeWindowState
    this.onError =
      options.onError ??
      ((error) => console.error('postline: could not save the window size and position:', error))
  }

  /** Loads the state saved in `file` (none when missing or damaged). */
  static async open(
    file: string,
    options: WindowStateKeeperOptions = {},
  ): Promise<WindowStateKeeper> {
    return new WindowStateKeeper(file, await readWindowState(file), options)
  }

  /** Where the window should open on these displays. */
  placement(workAreas: readonly Rect[]): WindowPlacement {
    return placementFor(this.latest, workAreas)
  }

  /** Remembers the window's current state and writes it once changes pause. */
  update(state: WindowState): void {
    this.latest = state
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, this.delayMs)
  }

  /** Writes the latest state now (when the window closes); settles once it is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const state = this.latest
    const text = JSON.stringify(state)
    if (state === null || text === this.written) return this.writing
    this.written = text
    this.writing = this.writes
      .run(this.file, () => this.write(this.file, state))
      .catch((error: unknown) => {
        if (this.written === text) this.written = '' // so the next flush tries again
        this.onError(error)
      })
    return this.writing
  }
}

function sizeWithin(
  size: { readonly width: number; readonly height: number },
  area: Rect,
): { width: number; height: number } {
  return atLeastMinimum({
    width: Math.min(size.width, area.width),
    height: Math.min(size.height, area.height),
  })
}

function atLeastMinimum(size: { readonly width: number; readonly height: number }): {
  width: number
  height: number
} {
  return {
    width: Math.max(size.width, MIN_WINDOW_SIZE.width),
    height: Math.max(size.height, MIN_WINDOW_SIZE.height),
  }
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
