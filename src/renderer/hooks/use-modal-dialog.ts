import { useEffect, useRef, type RefObject } from 'react'

/**
 * A `<dialog>` shown as a modal while `open` holds and closed when it stops. `onOpen` runs each
 * time it opens, after `showModal()` (reset the form, move the focus); the latest one is used.
 */
export function useModalDialog(
  open: boolean,
  onOpen?: (dialog: HTMLDialogElement) => void,
): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  const opened = useRef(onOpen)
  useEffect(() => {
    opened.current = onOpen
  })
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      opened.current?.(dialog)
    }
    if (!open && dialog.open) dialog.close()
  }, [open])
  return ref
}
