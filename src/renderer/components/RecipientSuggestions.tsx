import type { Mailbox } from '../../shared/addresses'

/** The suggestions under a recipient field (the listbox of the combobox pattern). */
export function RecipientSuggestions({
  id,
  label,
  suggestions,
  active,
  optionId,
  onChoose,
  onHover,
}: {
  id: string
  label: string
  suggestions: readonly Mailbox[]
  active: number
  optionId(index: number): string
  onChoose(mailbox: Mailbox): void
  onHover(index: number): void
}) {
  return (
    <ul id={id} role="listbox" aria-label={label} className="suggestions">
      {suggestions.map((mailbox, index) => (
        <li
          key={mailbox.address}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          className="suggestion"
          // Keeps the focus in the input, so choosing with the mouse does not commit the text.
          onMouseDown={(event) => event.preventDefault()}
          onMouseMove={() => onHover(index)}
          onClick={() => onChoose(mailbox)}
        >
          {mailbox.name ? (
            <>
              <span className="suggestion-name">{mailbox.name}</span>
              <span className="suggestion-address">{mailbox.address}</span>
            </>
          ) : (
            <span className="suggestion-name">{mailbox.address}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
