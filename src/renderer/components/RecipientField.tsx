import { useId, useMemo, useState, type ChangeEvent, type ReactNode, type Ref } from 'react'
import {
  addressKey,
  extractRecipients,
  formatMailbox,
  parseMailbox,
  type AddressProblem,
  type Mailbox,
  type MailboxParseResult,
  type RecipientNote,
} from '../../shared/addresses'
import { useHiddenChips } from '../hooks/use-hidden-chips'
import { useRecipientKeys } from '../hooks/use-recipient-keys'
import { addressProblemText } from '../address-problem-text'
import { useInSight } from '../hooks/use-in-sight'
import { useT } from '../i18n/I18n'
import { noteText } from '../recipient-notes'
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
  /**
   * Addresses already in the other recipient fields (by {@link addressKey}) and the label of
   * the field each is in: adding one of them here merges it into that field instead.
   */
  readonly elsewhere?: ReadonlyMap<string, string>
  /**
   * Send was refused for an invalid entry of this field: the field's own sentence says why, as
   * an alert (it is the one place the error is shown, besides the chip's marking).
   */
  readonly refused?: boolean
}

/** The addresses of the fields other than `kind`, for {@link RecipientFieldProps.elsewhere}. */
export function addressesElsewhere<K extends string>(
  fields: Readonly<Record<K, readonly string[]>>,
  labels: Readonly<Record<K, string>>,
  kind: K,
): Map<string, string> {
  const found = new Map<string, string>()
  for (const other of Object.keys(labels) as K[]) {
    if (other === kind) continue
    for (const entry of fields[other]) {
      const parsed = parseMailbox(entry)
      const key = parsed.ok ? addressKey(parsed.mailbox.address) : null
      if (key !== null && !found.has(key)) found.set(key, labels[other])
    }
  }
  return found
}

/**
 * Adds entries to a field, each address once across the fields: a copy of an address already
 * here merges into it (lending its name if the first had none), one already in another field
 * is left there. Answers the field's new entries and a note for each merge.
 */
export function mergeEntries(
  current: readonly string[],
  added: readonly string[],
  label: string,
  elsewhere: ReadonlyMap<string, string>,
): { entries: string[]; notes: RecipientNote[] } {
  const entries = [...current]
  const notes: RecipientNote[] = []
  const here = new Map<string, number>()
  entries.forEach((entry, index) => {
    const parsed = parseMailbox(entry)
    if (parsed.ok && !here.has(addressKey(parsed.mailbox.address)))
      here.set(addressKey(parsed.mailbox.address), index)
  })
  for (const entry of added) {
    const parsed = parseMailbox(entry)
    if (!parsed.ok) {
      entries.push(entry)
      continue
    }
    const key = addressKey(parsed.mailbox.address)
    const other = elsewhere.get(key)
    const at = here.get(key)
    if (other !== undefined) {
      notes.push({ kind: 'merged', address: parsed.mailbox.address, field: other })
    } else if (at !== undefined) {
      const first = parseMailbox(entries[at]!)
      if (first.ok && first.mailbox.name === '' && parsed.mailbox.name !== '')
        entries[at] = formatMailbox({ ...first.mailbox, name: parsed.mailbox.name })
      notes.push({ kind: 'merged', address: parsed.mailbox.address, field: label })
    } else {
      here.set(key, entries.length)
      entries.push(formatMailbox(parsed.mailbox))
    }
  }
  return { entries, notes }
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
function useRecipientEntry({
  label,
  entries,
  onChange,
  suggest,
  elsewhere = NOWHERE,
}: RecipientFieldProps) {
  const [text, setText] = useState('')
  const [active, setActive] = useState(-1)
  const [dismissed, setDismissed] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  /** What the last addition did that the person should know (merged, stripped, left out). */
  const [notes, setNotes] = useState<readonly RecipientNote[]>([])
  const t = useT()
  const { parsed, suggestions } = useSuggestions(entries, text, suggest)
  const open = suggestions.length > 0 && !dismissed

  function add(added: readonly string[], found: readonly RecipientNote[] = []): void {
    setText('')
    setActive(-1)
    const merged = mergeEntries(entries, added, label, elsewhere)
    const told = [...found, ...merged.notes]
    setNotes(told)
    const sentences = told.map((note) => noteText(t, note))
    const fresh = merged.entries.slice(entries.length)
    const changed =
      merged.entries.length !== entries.length ||
      merged.entries.some((entry, index) => entry !== entries[index])
    if (changed) onChange(merged.entries)
    const said = [
      fresh.length > 0 ? t.t('composer.recipients.added', { entries: t.list(fresh) }) : '',
      ...sentences,
    ].join(' ')
    if (said.trim() !== '') setAnnouncement(said.trim())
  }
  function commit(raw: string): void {
    const found = extractRecipients(raw)
    add(found.entries, found.notes)
  }
  const choose = (mailbox: Mailbox) => add([formatMailbox(mailbox)])
  function remove(index: number): void {
    const removed = entries[index]
    setNotes([])
    onChange(entries.filter((_, at) => at !== index))
    if (removed !== undefined) {
      setAnnouncement(t.t('composer.recipients.removed', { entry: removed }))
    }
  }
  function edit(index: number, input: HTMLElement | null): void {
    setNotes([])
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
  const noteTexts = notes.map((note) => noteText(t, note))
  const view = {
    announcement,
    notes: noteTexts,
    parsed,
    invalid,
    suggestions,
    open,
    activeIndex,
    inputProps,
  }
  return { ...view, setActive, choose, remove, edit }
}

const NOWHERE: ReadonlyMap<string, string> = new Map()

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
  const { label, entries, disabled = false, inputRef, children } = props
  const id = useId()
  const [inputId, listId, errorId] = [`${id}-input`, `${id}-suggestions`, `${id}-error`]
  const optionId = (index: number) => `${id}-option-${index}`
  const field = useRecipientEntry(props)
  const t = useT()
  const { invalid } = field
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
      <InvalidEntries
        id={errorId}
        label={label}
        invalid={invalid}
        refused={props.refused === true}
      />
      {field.notes.length > 0 && (
        <ul
          className="recipient-notes"
          aria-label={t.t('composer.recipients.notesLabel', { field: label })}
        >
          {field.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
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
  refused,
}: {
  id: string
  label: string
  invalid: readonly { entry: string; problem: AddressProblem }[]
  refused: boolean
}) {
  const t = useT()
  const ref = useInSight<HTMLParagraphElement>(refused, refused)
  if (invalid.length === 0) return null
  // Mounted anew as an alert when Send is refused, so that the sentence is announced then.
  return (
    <p
      key={refused ? 'refused' : 'quiet'}
      ref={ref}
      id={id}
      className="field-error recipient-error"
      role={refused ? 'alert' : undefined}
      data-refused={refused || undefined}
    >
      {invalid.length === 1
        ? t.t('composer.recipients.invalidOne', {
            entry: invalid[0]!.entry,
            reason: addressProblemText(t, invalid[0]!.problem),
          })
        : t.t('composer.recipients.invalidMany', { count: invalid.length, field: label })}
    </p>
  )
}
