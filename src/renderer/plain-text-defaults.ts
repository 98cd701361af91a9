// Which sending addresses write in plain text by default: main keeps the list (preferences.json),
// the window holds the copy main last answered, so a new message knows its format at once.
import { useEffect, useSyncExternalStore } from 'react'
import { addressKey } from '../shared/addresses'
import type { PostlineApi } from '../shared/api'
import type { Result } from '../shared/errors'
import { callSafely } from './call-safely'

let defaults: ReadonlySet<string> = new Set()
let loaded: Promise<void> | null = null
/** The window's API, from the composer's first load (Settings changes the list through it). */
let source: PostlineApi | null = null
const listeners = new Set<() => void>()

function take(list: readonly string[]): void {
  defaults = new Set(list)
  for (const listener of [...listeners]) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Whether new messages from `address` start in plain text (as main last said). */
export function plainByDefault(address: string | null): boolean {
  return address !== null && defaults.has(addressKey(address))
}

/** Asks main for the list once (again after a failure). */
export function loadPlainTextDefaults(api: PostlineApi): Promise<void> {
  source = api
  loaded ??= callSafely(() => api.plainText.defaults()).then((result) => {
    if (result.ok) take(result.value)
    else loaded = null
  })
  return loaded
}

/** Changes an address's default; the copy changes only once main has written it. */
export async function setPlainTextDefault(
  address: string,
  plain: boolean,
): Promise<Result<readonly string[]>> {
  const api = source
  if (api === null) return { ok: false, error: { code: 'internal', message: 'No window API.' } }
  const result = await callSafely(() => api.plainText.setDefault(address, plain))
  if (result.ok) take(result.value)
  return result
}

/** The addresses (compared form) that write in plain text by default; follows every change. */
export function usePlainTextDefaults(api?: PostlineApi): ReadonlySet<string> {
  useEffect(() => {
    if (api !== undefined) void loadPlainTextDefaults(api)
  }, [api])
  return useSyncExternalStore(subscribe, () => defaults)
}
