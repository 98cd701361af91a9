import { useId } from 'react'
import type { MailboxParseResult } from '../../shared/addresses'
import { useT } from '../i18n/I18n'
import { addressProblemText } from '../address-problem-text'
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
  const t = useT()
  const reasonId = useId()
  if (!parsed.ok) {
    return (
      <li className="chip" data-invalid="true" aria-invalid="true">
        <button
          type="button"
          className="chip-edit"
          disabled={disabled}
          aria-label={t.t('composer.chip.edit', { entry })}
          aria-describedby={reasonId}
          title={t.t('composer.chip.editTitle')}
          onClick={onEdit}
        >
          {entry}
        </button>
        {/* Why, for assistive technology; the field's sentence says it on screen. */}
        <span id={reasonId} className="chip-reason visually-hidden">
          {addressProblemText(t, parsed.problem)}
        </span>
        <button
          type="button"
          className="chip-remove"
          disabled={disabled}
          aria-label={t.t('composer.chip.remove', { entry })}
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
        aria-label={t.t('composer.chip.remove', { entry: name || address })}
        onClick={onRemove}
      >
        <Icon name="close" />
      </button>
    </li>
  )
}
