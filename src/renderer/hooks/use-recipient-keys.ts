import type { ClipboardEvent, KeyboardEvent } from 'react'
import { parseMailbox, type Mailbox } from '../../shared/addresses'

/** What the keys of a recipient field read. */
export interface RecipientKeyState {
  /** What is typed in the input, not yet a chip. */
  readonly text: string
  readonly suggestions: readonly Mailbox[]
  /** Whether the suggestion list is showing. */
  readonly open: boolean
  /** The highlighted suggestion, -1 for none. */
  readonly active: number
  readonly entryCount: number
}

/** What the keys of a recipient field do. */
export interface RecipientKeyActions {
  /** Turns text into chips. */
  commit(text: string): void
  choose(mailbox: Mailbox): void
  removeLast(): void
  setActive(update: (current: number) => number): void
  /** Hides the suggestions (true) or lets them show again (false). */
  setDismissed(dismissed: boolean): void
}

/** Whether the text so far is a whole entry, so a comma typed now ends it. */
export function isComplete(text: string): boolean {
  const quotes = (text.match(/(?<!\\)"/g) ?? []).length
  return quotes % 2 === 0 && text.lastIndexOf('<') <= text.lastIndexOf('>')
}

/**
 * The keyboard of a recipient field: arrows move through the suggestions (WAI-ARIA combobox),
 * Enter or Tab takes the highlighted one, Escape hides them; Enter, a comma or semicolon after a
 * whole entry, or a space after a valid address makes a chip; Backspace in the empty input
 * removes the last chip. A paste with separators or an @ becomes chips at once.
 */
export function useRecipientKeys(state: RecipientKeyState, actions: RecipientKeyActions) {
  const { text, suggestions, open, active, entryCount } = state

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const modified = event.ctrlKey || event.metaKey || event.altKey
    const take = (run: () => void): void => {
      event.preventDefault()
      run()
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return
      const step = event.key === 'ArrowDown' ? 1 : -1
      const count = suggestions.length + 1
      return take(() => {
        actions.setDismissed(false)
        // Cycles through the options and back to the input itself (-1).
        actions.setActive((current) => ((current + 1 + step + count) % count) - 1)
      })
    }
    if (event.key === 'Escape' && open) {
      return take(() => {
        actions.setDismissed(true)
        actions.setActive(() => -1)
      })
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !modified && open && active >= 0) {
      const mailbox = suggestions[active]
      if (mailbox) take(() => actions.choose(mailbox))
      return
    }
    if (event.key === 'Enter' && text.trim() !== '') {
      // Ctrl/Cmd+Enter sends: the text becomes a chip first, and the event goes on to the composer.
      if (!modified) event.preventDefault()
      return actions.commit(text)
    }
    if ((event.key === ',' || event.key === ';') && isComplete(text)) {
      return take(() => actions.commit(text))
    }
    if (event.key === ' ' && !text.includes(' ') && parseMailbox(text).ok) {
      return take(() => actions.commit(text))
    }
    if (event.key === 'Backspace' && text === '' && entryCount > 0 && !modified) {
      take(actions.removeLast)
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>): void {
    const pasted = event.clipboardData.getData('text/plain')
    if (!/[,;\n\t@]/.test(pasted)) return
    event.preventDefault()
    const input = event.currentTarget
    const start = input.selectionStart ?? text.length
    const end = input.selectionEnd ?? text.length
    actions.commit(text.slice(0, start) + pasted + text.slice(end))
  }

  return { onKeyDown, onPaste }
}
