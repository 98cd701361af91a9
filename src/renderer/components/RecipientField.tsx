import {
  useId,
  useMemo,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react'
import { formatMailbox, parseMailbox, splitRecipients, type Mailbox } from '../../shared/addresses'
import { RecipientChip } from './RecipientChip'
import { RecipientSuggestions } from './RecipientSuggestions'

/** A To, Cc or Bcc field. */
export interface RecipientFieldProps {
  readonly label: string
  /** One entry per address: formatted when valid, as typed when not. */
  readonly entries: readonly string[]
  onChange(entries: string[]): void
  /** People to offer for what was typed, without those already in the field. */
  suggest?(typed: string, exclude: ReadonlySet<string>): readonly Mailbox[]
  readonly disabled?: boolean
  readonly inputRef?: Ref<HTMLInputElement>
  /** Shown at the end of the row (the Cc and Bcc buttons). */
  readonly children?: ReactNode
}

/** The canonical form of a valid entry, the text itself of an invalid one. */
function normalise(entry: string): string {
  const parsed = parseMailbox(entry)
  return parsed.ok ? formatMailbox(parsed.mailbox) : entry.trim()
}

/** Whether the text so far is a whole entry, so a comma typed now ends it. */
function isComplete(text: string): boolean {
  const quotes = (text.match(/(?<!\\)"/g) ?? []).length
  return quotes % 2 === 0 && text.lastIndexOf('<') <= text.lastIndexOf('>')
}

/**
 * Recipients as chips: typed or pasted addresses become chips on a comma, semicolon, Enter or
 * leaving the field; invalid ones say why; Backspace in the empty input removes the last chip;
 * suggestions follow the WAI-ARIA combobox pattern (arrows, Enter or Tab, Escape).
 */
export function RecipientField({
  label,
  entries,
  onChange,
  suggest,
  disabled = false,
  inputRef,
  children,
}: RecipientFieldProps) {
  const baseId = useId()
  const inputId = `${baseId}-input`
  const listId = `${baseId}-suggestions`
  const errorId = `${baseId}-error`
  const [text, setText] = useState('')
  const [active, setActive] = useState(-1)
  const [dismissed, setDismissed] = useState(false)
  const [announcement, setAnnouncement] = useState('')

  const parsed = useMemo(() => entries.map((entry) => parseMailbox(entry)), [entries])
  const invalid = parsed.flatMap((result, index) =>
    result.ok ? [] : [{ entry: entries[index]!, reason: result.reason }],
  )
  const chosen = useMemo(
    () =>
      new Set(
        parsed.flatMap((result) => (result.ok ? [result.mailbox.address.toLowerCase()] : [])),
      ),
    [parsed],
  )
  const suggestions = useMemo(
    () => (suggest && text.trim() !== '' ? suggest(text, chosen) : []),
    [suggest, text, chosen],
  )
  const open = suggestions.length > 0 && !dismissed

  function commit(raw: string): void {
    const added = splitRecipients(raw).map(normalise)
    setText('')
    setActive(-1)
    if (added.length === 0) return
    onChange([...entries, ...added])
    setAnnouncement(`Added ${added.join(', ')}`)
  }

  function choose(mailbox: Mailbox): void {
    const entry = formatMailbox(mailbox)
    setText('')
    setActive(-1)
    onChange([...entries, entry])
    setAnnouncement(`Added ${entry}`)
  }

  function remove(index: number): void {
    const removed = entries[index]
    onChange(entries.filter((_, at) => at !== index))
    if (removed !== undefined) setAnnouncement(`Removed ${removed}`)
  }

  function edit(index: number): void {
    const entry = entries[index] ?? ''
    onChange(entries.filter((_, at) => at !== index))
    setText(entry)
    document.getElementById(inputId)?.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const modified = event.ctrlKey || event.metaKey || event.altKey
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return
      event.preventDefault()
      setDismissed(false)
      const step = event.key === 'ArrowDown' ? 1 : -1
      const count = suggestions.length + 1
      // Cycles through the options and back to the input itself (-1).
      setActive((current) => ((current + 1 + step + count) % count) - 1)
      return
    }
    if (event.key === 'Escape' && open) {
      event.preventDefault()
      setDismissed(true)
      setActive(-1)
      return
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !modified && open && active >= 0) {
      const mailbox = suggestions[active]
      if (mailbox) {
        event.preventDefault()
        choose(mailbox)
      }
      return
    }
    if (event.key === 'Enter' && text.trim() !== '') {
      // Ctrl/Cmd+Enter sends: the text becomes a chip first, and the event goes on to the composer.
      if (!modified) event.preventDefault()
      commit(text)
      return
    }
    if ((event.key === ',' || event.key === ';') && isComplete(text)) {
      event.preventDefault()
      commit(text)
      return
    }
    if (event.key === ' ' && !text.includes(' ') && parseMailbox(text).ok) {
      event.preventDefault()
      commit(text)
      return
    }
    if (event.key === 'Backspace' && text === '' && entries.length > 0 && !modified) {
      event.preventDefault()
      remove(entries.length - 1)
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>): void {
    const pasted = event.clipboardData.getData('text/plain')
    if (!/[,;\n@]/.test(pasted)) return
    event.preventDefault()
    const input = event.currentTarget
    const start = input.selectionStart ?? text.length
    const end = input.selectionEnd ?? text.length
    commit(text.slice(0, start) + pasted + text.slice(end))
  }

  const activeIndex = open && active >= 0 && active < suggestions.length ? active : -1
  const optionId = (index: number) => `${baseId}-option-${index}`

  return (
    <div className="field-row recipient-field" data-invalid={invalid.length > 0}>
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className="recipient-box">
        {entries.length > 0 && (
          <ul className="chips" aria-label={`${label} recipients`}>
            {entries.map((entry, index) => (
              <RecipientChip
                key={`${index}:${entry}`}
                entry={entry}
                parsed={parsed[index]!}
                disabled={disabled}
                onRemove={() => remove(index)}
                onEdit={() => edit(index)}
              />
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={inputId}
          className="recipient-input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={text}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-invalid={invalid.length > 0}
          aria-describedby={invalid.length > 0 ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value)
            setActive(-1)
            setDismissed(false)
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            if (text.trim() !== '') commit(text)
            setDismissed(true)
          }}
          onFocus={() => setDismissed(false)}
        />
        {open && (
          <RecipientSuggestions
            id={listId}
            label={`Suggestions for ${label}`}
            suggestions={suggestions}
            active={activeIndex}
            optionId={optionId}
            onChoose={choose}
            onHover={setActive}
          />
        )}
      </div>
      {children}
      {invalid.length > 0 && (
        <p id={errorId} className="field-error recipient-error">
          {invalid.length === 1
            ? `“${invalid[0]!.entry}” can’t be used: ${invalid[0]!.reason}`
            : `${invalid.length} entries in ${label} can’t be used. Fix or remove the marked ones.`}
        </p>
      )}
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  )
}
