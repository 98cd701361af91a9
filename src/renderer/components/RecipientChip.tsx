import type { MailboxParseResult } from '../../shared/addresses'
import { Icon } from './Icon'

/** One entry of a recipient field: a name (address in the tooltip), or what is wrong with it. */
export function RecipientChip({
  entry,
  parsed,
  disabled,
  onRemove,
  onEdit,
}: {
  entry: string
  parsed: MailboxParseResult
  disabled: boolean
  onRemove(): void
  onEdit(): void
}) {
  if (!parsed.ok) {
    return (
      <li className="chip" data-invalid="true" aria-invalid="true">
        <button
          type="button"
          className="chip-edit"
          disabled={disabled}
          aria-label={`Edit ${entry}`}
          title="Edit this entry"
          onClick={onEdit}
        >
          {entry}
        </button>
        <span className="chip-reason">{parsed.reason}</span>
        <button
          type="button"
          className="chip-remove"
          disabled={disabled}
          aria-label={`Remove ${entry}`}
          onClick={onRemove}
        >
          <Icon name="close" />
        </button>
      </li>
    )
  }
  const { name, address } = parsed.mailbox
  // A name that holds an @ could pass for another address: the real one is shown beside it.
  const showAddress = name !== '' && name.includes('@')
  return (
    <li className="chip" title={name ? `${name} <${address}>` : address}>
      {/* bdi: a right-to-left name cannot reorder the text around it. */}
      <bdi className="chip-label">{name || address}</bdi>
      {showAddress && <bdi className="chip-address">&lt;{address}&gt;</bdi>}
      {name && !showAddress && <span className="visually-hidden"> &lt;{address}&gt;</span>}
      <button
        type="button"
        className="chip-remove"
        disabled={disabled}
        aria-label={`Remove ${name || address}`}
        onClick={onRemove}
      >
        <Icon name="close" />
      </button>
    </li>
  )
}
