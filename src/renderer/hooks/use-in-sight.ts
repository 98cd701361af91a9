import { useEffect, useRef, type RefObject } from 'react'

/**
 * Brings the element it refers to into sight (its nearest edge, in whatever scrolls it) each time
 * `shown` changes while `active`, the way an error in place or a note appears where the person is
 * looking. With `around`, the closest ancestor matching it comes into sight whole instead (an
 * error under a file shows the file too).
 */
export function useInSight<T extends Element>(
  shown: unknown,
  active = true,
  around?: string,
): RefObject<T | null> {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (!active) return
    const element = ref.current
    const whole = (around === undefined ? null : element?.closest(around)) ?? element
    whole?.scrollIntoView?.({ block: 'nearest' })
  }, [shown, active, around])
  return ref
}
