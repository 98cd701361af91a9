import type { OutboxItem } from '../shared/domain'
import type { Toast } from './components/SendToast'
import type { View } from './components/Sidebar'

/**
 * Which toast the window shows, given the one last raised, the outbox as main last described it
 * and the view open. A message's toast follows its outbox item as it changes; it goes when the
 * item left the outbox unsent (undone or discarded: nothing more to say), and while the Outbox
 * itself is open (it says all the toast would). A note, or a discarded draft's Undo, stays
 * until dismissed or its time is up.
 */
export function toastToShow(
  toast: Toast | null,
  outbox: readonly OutboxItem[] | null,
  view: View,
): Toast | null {
  if (toast === null || toast.kind !== 'message') return toast
  if (view === 'outbox') return null
  const current = outbox?.find((item) => item.id === toast.item.id)
  if (current !== undefined) return { kind: 'message', item: current }
  const leftUnsent = outbox !== null && toast.item.state !== 'sent'
  return leftUnsent ? null : toast
}
