import type { Result } from '../shared/errors'

/**
 * Awaits a bridge call and turns a rejected promise (the transport itself failing, which the
 * contract never does on purpose) into the contract's error shape, so callers handle one shape.
 */
export async function callSafely<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call()
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: 'Postline’s window lost contact with the app.' },
    }
  }
}
