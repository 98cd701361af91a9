// Keeping Postline running in the background for scheduled messages: a tray icon that says when
// the next one is due, opens the window or quits, and a look every few seconds that quits once
// nothing is left to send (or opens the window when a message turned overdue and must ask).
// Electron comes in through small ports (main.ts passes `Tray` and `Menu`), so this file stays
// out of the Electron glue; the decisions and the words are later-quit.ts's, tested under Node.
import type { OutboxItem } from '../shared/domain'
import { LATER_CHECK_MS } from '../shared/send-later'
import type { Clock, Ticker } from './clock'
import type { MainTranslator } from './i18n/translate'
import { backgroundStep, trayWords, type NextScheduled } from './later-quit'

/** The parts of Electron's `Tray` used here. */
export interface TrayLike {
  setToolTip(text: string): void
  setContextMenu(menu: unknown): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

/** What a background run needs from main. */
export interface BackgroundPorts {
  /** Makes the tray icon (`new Tray(image)`). */
  createTray(): TrayLike
  /** Builds the tray's menu (`Menu.buildFromTemplate`). */
  buildMenu(items: { label: string; click: () => void }[]): unknown
  items(): readonly OutboxItem[]
  next(): NextScheduled | null
  words(): MainTranslator
  /** Opens (or shows) the window; the background run ends. */
  showWindow(): void
  /** Quits for good (the question is not asked again). */
  quit(): void
  readonly clock: Clock
  readonly ticker: Ticker
}

/** Starts the background run; answers how to stop it (the window came back). */
export function runInBackground(ports: BackgroundPorts): () => void {
  const tray = ports.createTray()
  let stopped = false
  let stopTicking = (): void => {}
  const stop = (): void => {
    if (stopped) return
    stopped = true
    stopTicking()
    tray.destroy()
  }
  const refresh = (): void => {
    const words = trayWords(ports.next(), ports.clock.now(), ports.words())
    tray.setToolTip(words.tooltip)
    tray.setContextMenu(
      ports.buildMenu([
        { label: words.open, click: () => (stop(), ports.showWindow()) },
        { label: words.quit, click: () => (stop(), ports.quit()) },
      ]),
    )
  }
  const look = (): void => {
    const step = backgroundStep(ports.items())
    if (step === 'wait') return refresh()
    stop()
    if (step === 'show') ports.showWindow()
    else ports.quit()
  }
  tray.on('click', () => (stop(), ports.showWindow()))
  stopTicking = ports.ticker.every(LATER_CHECK_MS, look)
  refresh()
  return stop
}
