import { useId } from 'react'
import type { AttachmentView } from '../../shared/domain'
import {
  encodedSize,
  formatBytes,
  GMAIL_LIMIT_TEXT,
  GMAIL_MAX_MESSAGE_BYTES,
} from '../../shared/message-size'
import { attachmentBytes } from '../send-problem'
import { Icon } from './Icon'

/** The attached files with their sizes, and the total against Gmail's 35 MB. */
export function AttachmentList({
  attachments,
  disabled,
  onRemove,
}: {
  attachments: readonly AttachmentView[]
  disabled: boolean
  onRemove(id: string): void
}) {
  const totalId = useId()
  if (attachments.length === 0) return null
  const bytes = attachmentBytes(attachments)
  const encoded = encodedSize(bytes)
  const over = encoded > GMAIL_MAX_MESSAGE_BYTES
  const share = Math.min(1, encoded / GMAIL_MAX_MESSAGE_BYTES)
  return (
    <section className="attachments" aria-label="Attachments" aria-describedby={totalId}>
      <ul className="attachment-list">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="attachment">
            <Icon name="file" />
            <span className="attachment-name" title={attachment.name}>
              {attachment.name}
            </span>
            <span className="attachment-size">{formatBytes(attachment.size)}</span>
            <button
              type="button"
              className="attachment-remove"
              disabled={disabled}
              aria-label={`Remove ${attachment.name}`}
              title="Remove"
              onClick={() => onRemove(attachment.id)}
            >
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
      <div className="attachment-total" data-over={over} id={totalId}>
        <span className="attachment-meter" aria-hidden="true">
          <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </span>
        <span>
          {attachments.length} {attachments.length === 1 ? 'file' : 'files'}, {formatBytes(bytes)}{' '}
          (about {formatBytes(encoded)} once encoded) of Gmail’s {GMAIL_LIMIT_TEXT} limit
        </span>
      </div>
      {over && (
        <p className="field-error">
          Too large for Gmail: the message would be about {formatBytes(encoded)}. Remove attachments
          to bring it under {GMAIL_LIMIT_TEXT}.
        </p>
      )}
    </section>
  )
}
