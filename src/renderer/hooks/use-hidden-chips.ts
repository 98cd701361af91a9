import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'

/**
 * How many chips of a recipient field are out of sight while the field is not focused. The
 * field keeps to a height of its own (recipients.css: one or two rows while it is not focused,
 * a scrolling area while it is), so forty pasted addresses never spill over Subject; the chips
 * below its edge are counted here for its "and N more" button.
 */
export function useHiddenChips(entries: readonly string[]) {
  const rowRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [hidden, setHidden] = useState(0)

  const measure = useCallback(() => {
    const row = rowRef.current
    const scroll = scrollRef.current
    // While focused the field scrolls and the button is not shown: the count waits for the blur.
    if (row === null || scroll === null || row.matches(':focus-within')) return
    scroll.scrollTop = 0
    const edge = scroll.clientHeight + 1
    let count = 0
    for (const chip of scroll.querySelectorAll<HTMLElement>('.chip')) {
      if (chip.offsetTop + chip.offsetHeight > edge) count++
    }
    setHidden(count)
  }, [])

  // No chips, none hidden: the page is not asked for its layout (a forced layout at start).
  const none = entries.length === 0
  useLayoutEffect(() => {
    if (!none) measure()
  }, [measure, entries, none])

  useEffect(() => {
    const row = rowRef.current
    const scroll = scrollRef.current
    if (row === null || scroll === null) return
    // The area's height changes when it collapses or expands, and its width with the window.
    const observer = new ResizeObserver(() => measure())
    observer.observe(scroll)
    const onFocusOut = () => requestAnimationFrame(measure)
    row.addEventListener('focusout', onFocusOut)
    return () => {
      observer.disconnect()
      row.removeEventListener('focusout', onFocusOut)
    }
  }, [measure])

  return { rowRef, scrollRef, hidden: none ? 0 : hidden }
}
