import { INTERNAL_ERROR } from '../shared/errors'
import type { PostlineError, Result } from '../shared/errors'
import type { ErrorContext } from './error-text'

/**
 * Awaits a bridge call and turns a rejected promise (the transport itself failing, which the
 * contract never does on purpose) into the contract's error shape, so callers handle one shape.
 */
export async function callSafely<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call()
  } catch {
    return { ok: false, error: INTERNAL_ERROR }
  }
}

/** Runs a bridge call, handing a failure to `onFailure`; answers the result either way. */
export async function callReporting<T>(
  call: () => Promise<Result<T>>,
  onFailure: (error: PostlineError) => void,
): Promise<Result<T>> {
  const result = await callSafely(call)
  if (!result.ok) onFailure(result.error)
  return result
}

/** Runs a bridge call, reporting its error in `context`; answers the value or null. */
export async function report<T>(
  call: () => Promise<Result<T>>,
  onError: (error: PostlineError, context: ErrorContext) => void,
  context: ErrorContext,
): Promise<T | null> {
  const result = await callReporting(call, (error) => onError(error, context))
  return result.ok ? result.value : null
}
