import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import type { MessageKey } from '../../shared/i18n/window-catalogs'
import { ariaKeyShortcuts, shortcutLabel } from '../../shared/shortcuts'
import { MAC } from '../editor-keys'
import { useT } from '../i18n/I18n'
import type { Formatting } from '../plain-text'
import '../plain-text.css'

const LOSS_WORDS: Readonly<Record<Formatting, MessageKey>> = {
  bold: 'composer.format.loss.bold',
  italic: 'composer.format.loss.italic',
  underline: 'composer.format.loss.underline',
  strike: 'composer.format.loss.strike',
  colour: 'composer.format.loss.colour',
  links: 'composer.format.loss.links',
  headings: 'composer.format.loss.headings',
  lists: 'composer.format.loss.lists',
  quotes: 'composer.format.loss.quotes',
  tables: 'composer.format.loss.tables',
  images: 'composer.format.loss.images',
}

/** The rich/plain switch beside the formatting toolbar: pressed while the message is plain. */
export function FormatSwitch({
  plain,
  disabled,
  onToggle,
}: {
  plain: boolean
  disabled: boolean
  onToggle(): void
}) {
  const t = useT()
  const label = t.t('composer.format.plainText')
  const shortcut = shortcutLabel('togglePlainText', MAC)
  return (
    <button
      type="button"
      className="tool format-switch"
      aria-pressed={plain}
      aria-keyshortcuts={ariaKeyShortcuts('togglePlainText')}
      title={t.t(plain ? 'composer.format.toRich' : 'composer.format.toPlain', { shortcut })}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onToggle}
    >
      {label}
    </button>
  )
}

/**
 * Asked before a formatted message becomes plain text: says what it would lose (what the body
 * actually has), then Switch to plain text, or Keep formatting (which has the focus, and Escape).
 */
export function FormatQuestion({
  losses,
  onAnswer,
}: {
  losses: readonly Formatting[]
  onAnswer(switchNow: boolean): void
}) {
  const t = useT()
  const titleId = useId()
  const textId = useId()
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => keep.current?.focus(), [])
  const list = t.list(losses.map((loss) => t.t(LOSS_WORDS[loss])))
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    onAnswer(false)
  }
  return (
    <div
      className="editor-note"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onKeyDown={onKeyDown}
    >
      <p>
        <strong id={titleId}>{t.t('composer.format.questionTitle')}</strong>{' '}
        <span id={textId}>{t.t('composer.format.questionText', { list })}</span>
      </p>
      <div className="editor-note-actions">
        <button type="button" className="button small" onClick={() => onAnswer(true)}>
          {t.t('composer.format.switch')}
        </button>
        <button
          ref={keep}
          type="button"
          className="button small quiet"
          onClick={() => onAnswer(false)}
        >
          {t.t('composer.format.keep')}
        </button>
      </div>
    </div>
  )
}
