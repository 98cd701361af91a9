import { useId, useMemo, useState, type ChangeEvent, type ReactNode, type Ref } from 'react'
import {
  addressKey,
  formatMailbox,
  parseMailbox,
  splitRecipients,
  type AddressProblem,
  type Mailbox,
  type MailboxParseResult,
} from '../../shared/addresses'
import { useHiddenChips } from '../hooks/use-hidden-chips'
import { useRecipientKeys } from '../hooks/use-recipient-keys'
import { addressProblemText } from '../address-problem-text'
import { useT } from '../i18n/I18n'
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

/** The entries parsed, and the people to suggest for `text` (not those already in the field). */
function useSuggestions(
  entries: readonly string[],
  text: string,
  suggest: RecipientFieldProps['suggest'],
) {
  const parsed = useMemo(() => entries.map((entry) => parseMailbox(entry)), [entries])
  const chosen = useMemo(
    () =>
      new Set(parsed.flatMap((result) => (result.ok ? [addressKey(result.mailbox.address)] : []))),
    [parsed],
  )
  const suggestions = useMemo(
    () => (suggest && text.trim() !== '' ? suggest(text, chosen) : []),
    [suggest, text, chosen],
  )
  return { parsed, suggestions }
}

/** The field's state: the typed text, the chips' changes, the suggestions and what to announce. */
function useRecipientEntry(
  entries: readonly string[],
  onChange: (entries: string[]) => void,
  suggest: RecipientFieldProps['suggest'],
) {
  const [text, setText] = useState('')
  const [active, setActive] = useState(-1)
  const [dismissed, setDismissed] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const t = useT()
  const { parsed, suggestions } = useSuggestions(entries, text, suggest)
  const open = suggestions.length > 0 && !dismissed

  function add(added: readonly string[]): void {
    setText('')
    setActive(-1)
    if (added.length === 0) return
    onChange([...entries, ...added])
    setAnnouncement(t.t('composer.recipients.added', { entries: t.list(added) }))
  }
  const commit = (raw: string) => add(splitRecipients(raw).map(normalise))
  const choose = (mailbox: Mailbox) => add([formatMailbox(mailbox)])
  function remove(index: number): void {
    const removed = entries[index]
    onChange(entries.filter((_, at) => at !== index))
    if (removed !== undefined) {
      setAnnouncement(t.t('composer.recipients.removed', { entry: removed }))
    }
  }
  function edit(index: number, input: HTMLElement | null): void {
    onChange(entries.filter((_, at) => at !== index))
    setText(entries[index] ?? '')
    input?.focus()
  }
  const keys = useRecipientKeys(
    { text, suggestions, open, active, entryCount: entries.length },
    { commit, choose, removeLast: () => remove(entries.length - 1), setActive, setDismissed },
  )
  const activeIndex = open && active >= 0 && active < suggestions.length ? active : -1
  /** What the input itself is given: its text and its event handlers. */
  const inputProps = {
    value: text,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setText(event.target.value)
      setActive(-1)
      setDismissed(false)
    },
    onBlur: () => {
      if (text.trim() !== '') commit(text)
      setDismissed(true)
    },
    onFocus: () => setDismissed(false),
    ...keys,
  }
  const invalid = parsed.flatMap((result, index) =>
    result.ok ? [] : [{ entry: entries[index]!, problem: result.problem }],
  )
  const view = { announcement, parsed, invalid, suggestions, open, activeIndex, inputProps }
  return { ...view, setActive, choose, remove, edit }
}

/** The input as a WAI-ARIA combobox that lists suggestions, with the browser's own help off. */
const COMBOBOX_INPUT = {
  type: 'text',
  role: 'combobox',
  autoComplete: 'off',
  spellCheck: false,
  'aria-autocomplete': 'list',
} as const

/**
 * Recipients as chips: typed or pasted addresses become chips on a comma, semicolon, Enter or
 * leaving the field; invalid ones say why; Backspace in the empty input removes the last chip;
 * suggestions follow the WAI-ARIA combobox pattern (arrows, Enter or Tab, Escape).
 */
export function RecipientField(props: RecipientFieldProps) {
  const { label, entries, onChange, suggest, disabled = false, inputRef, children } = props
  const id = useId()
  const [inputId, listId, errorId] = [`${id}-input`, `${id}-suggestions`, `${id}-error`]
  const optionId = (index: number) => `${id}-option-${index}`
  const field = useRecipientEntry(entries, onChange, suggest)
  const { invalid } = field
  const t = useT()
  const { rowRef, scrollRef, hidden } = useHiddenChips(entries)
  // Focus stays in the field (and so it stays open) when a chip's remove button goes away.
  const focusInput = (scroll: boolean) =>
    document.getElementById(inputId)?.focus({ preventScroll: !scroll })

  return (
    <div ref={rowRef} className="field-row recipient-field" data-invalid={invalid.length > 0}>
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      <div className="recipient-box">
        <div
          ref={scrollRef}
          className="recipient-scroll"
          onMouseDown={(event) => {
            if (event.target !== event.currentTarget) return
            event.preventDefault()
            focusInput(true)
          }}
        >
          <RecipientChips
            label={label}
            entries={entries}
            parsed={field.parsed}
            disabled={disabled}
            onRemove={(index) => {
              field.remove(index)
              focusInput(false)
            }}
            onEdit={(index) => field.edit(index, document.getElementById(inputId))}
          />
          <input
            ref={inputRef}
            id={inputId}
            className="recipient-input"
            {...COMBOBOX_INPUT}
            disabled={disabled}
            aria-expanded={field.open}
            aria-controls={field.open ? listId : undefined}
            aria-activedescendant={field.activeIndex >= 0 ? optionId(field.activeIndex) : undefined}
            aria-invalid={invalid.length > 0}
            aria-describedby={invalid.length > 0 ? errorId : undefined}
            {...field.inputProps}
          />
        </div>
        {hidden > 0 && (
          <button
            type="button"
            className="link-button chips-more"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => focusInput(true)}
          >
            {t.t('composer.recipients.more', { count: hidden })}
          </button>
        )}
        {field.open && (
          <RecipientSuggestions
            id={listId}
            label={t.t('composer.recipients.suggestions', { field: label })}
            suggestions={field.suggestions}
            active={field.activeIndex}
            optionId={optionId}
            onChoose={field.choose}
            onHover={field.setActive}
          />
        )}
      </div>
      {children}
      <InvalidEntries id={errorId} label={label} invalid={invalid} />
      <span className="visually-hidden" aria-live="polite">
        {field.announcement}
      </span>
    </div>
  )
}

function RecipientChips({
  label,
  entries,
  parsed,
  disabled,
  onRemove,
  onEdit,
}: {
  label: string
  entries: readonly string[]
  parsed: readonly MailboxParseResult[]
  disabled: boolean
  onRemove(index: number): void
  onEdit(index: number): void
}) {
  const t = useT()
  if (entries.length === 0) return null
  return (
    <ul className="chips" aria-label={t.t('composer.recipients.chips', { field: label })}>
      {entries.map((entry, index) => (
        <RecipientChip
          key={`${index}:${entry}`}
          entry={entry}
          parsed={parsed[index]!}
          disabled={disabled}
          onRemove={() => onRemove(index)}
          onEdit={() => onEdit(index)}
        />
      ))}
    </ul>
  )
}

/** Why the field's invalid entries cannot be used: the one, or how many. */
function InvalidEntries({
  id,
  label,
  invalid,
}: {
  id: string
  label: string
  invalid: readonly { entry: string; problem: AddressProblem }[]
}) {
  const t = useT()
  if (invalid.length === 0) return null
  return (
    <p id={id} className="field-error recipient-error">
      {invalid.length === 1
        ? t.t('composer.recipients.invalidOne', {
            entry: invalid[0]!.entry,
            reason: addressProblemText(t, invalid[0]!.problem),
          })
        : t.t('composer.recipients.invalidMany', { count: invalid.length, field: label })}
    </p>
  )
}
