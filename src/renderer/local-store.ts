/**
 * Small per-account preferences kept in the window's own storage: they are not secrets and
 * main never needs them. Storage can be full or switched off; then nothing is remembered.
 */
export function readLocal<T>(key: string, fallback: T, check: (value: unknown) => value is T): T {
  try {
    const raw = window.localStorage.getItem(key)
    if (raw === null) return fallback
    const value: unknown = JSON.parse(raw)
    return check(value) ? value : fallback
  } catch {
    return fallback
  }
}

/** Stores a value; answers whether it was kept. */
export function writeLocal(key: string, value: unknown): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}
