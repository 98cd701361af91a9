/** What main knows about the frame that sent an IPC request. */
export interface SenderFacts {
  /** The sending frame's URL, or null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null
  /** Whether the sending frame is the top frame of its page (not an iframe). */
  readonly isMainFrame: boolean
  /** The id of the `webContents` that sent the request. */
  readonly senderWebContentsId: number
}

/** What a trusted sender must match. */
export interface TrustedSenderExpectation {
  /** The renderer's origin, e.g. `app://postline`. */
  readonly rendererOrigin: string
  /** The id of Postline's window `webContents`, or null when no window is open. */
  readonly windowWebContentsId: number | null
}

/**
 * Whether a request came from Postline's own renderer: the top frame of Postline's window,
 * showing a page of the renderer's origin. Anything else (an iframe, another window, a page
 * that navigated elsewhere) is refused, because the bridge must only serve Postline's UI.
 */
export function isTrustedSender(facts: SenderFacts, expected: TrustedSenderExpectation): boolean {
  if (expected.windowWebContentsId === null) return false
  if (facts.senderWebContentsId !== expected.windowWebContentsId) return false
  if (!facts.isMainFrame || facts.frameUrl === null) return false
  return originOf(facts.frameUrl) === expected.rendererOrigin
}

/** The structural subset of Electron's `IpcMainInvokeEvent` the sender check reads. */
export interface SenderEventLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: {
    readonly url: string
    readonly parent: unknown
  } | null
}

/** Reads the sender facts from an IPC event (Electron's or a test's). */
export function senderFactsOf(event: SenderEventLike): SenderFacts {
  const frame = event.senderFrame
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    senderWebContentsId: event.sender.id,
  }
}

/**
 * The origin of a URL, computed by hand for non-special schemes: WHATWG URL gives `null` as the
 * origin of `app://postline/…`, so `scheme://host[:port]` is rebuilt from its parts.
 */
function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null
  return `${parsed.protocol}//${parsed.host}`
}
