import { useId } from 'react'
import type { AttachmentView } from '../../shared/domain'
import type { PostlineError } from '../../shared/errors'
import { encodedSize, GMAIL_MAX_MESSAGE_BYTES } from '../../shared/message-size'
import { useT } from '../i18n/I18n'
import { attachmentBytes } from '../send-problem'
import { Icon } from './Icon'
import { InlineError } from './InlineError'

/**
 * The attached files with their sizes, and the total against Gmail's 35 MB. A file main found
 * changed or missing (`broken`) is marked, with the error (`problem`) right under it.
 */
export function AttachmentList({
  attachments,
  disabled,
  broken,
  problem,
  onRemove,
}: {
  attachments: readonly AttachmentView[]
  disabled: boolean
  broken: ReadonlySet<string>
  problem: { readonly attachmentId: string; readonly error: PostlineError } | null
  onRemove(id: string): void
}) {
  const t = useT()
  const totalId = useId()
  if (attachments.length === 0) return null
  const bytes = attachmentBytes(attachments)
  const encoded = encodedSize(bytes)
  const over = encoded > GMAIL_MAX_MESSAGE_BYTES
  const share = Math.min(1, encoded / GMAIL_MAX_MESSAGE_BYTES)
  // "35 MB" in the locale: a limit reads without a trailing ",0".
  const limit = t.bytes(GMAIL_MAX_MESSAGE_BYTES).replace(/[.,]0 /, ' ')
  return (
    <section
      className="attachments"
      aria-label={t.t('composer.attachments.label')}
      aria-describedby={totalId}
    >
      <ul className="attachment-list">
        {attachments.map((attachment) => (
          <li
            key={attachment.id}
            className="attachment"
            data-broken={broken.has(attachment.id) || undefined}
          >
            <Icon name="file" />
            <span className="attachment-name" title={attachment.name}>
              {attachment.name}
            </span>
            {broken.has(attachment.id) && (
              <span className="attachment-broken">{t.t('composer.attachments.broken')}</span>
            )}
            <span className="attachment-size">{t.bytes(attachment.size)}</span>
            <button
              type="button"
              className="attachment-remove"
              disabled={disabled}
              aria-label={t.t('composer.attachments.remove', { name: attachment.name })}
              title={t.t('composer.attachments.removeTitle')}
              onClick={() => onRemove(attachment.id)}
            >
              <Icon name="close" />
            </button>
            {problem?.attachmentId === attachment.id && (
              <InlineError error={problem.error} context="send" />
            )}
          </li>
        ))}
      </ul>
      <div className="attachment-total" data-over={over} id={totalId}>
        <span className="attachment-meter" aria-hidden="true">
          <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </span>
        <span>
          {t.t('composer.attachments.total', {
            count: attachments.length,
            size: t.bytes(bytes),
            encoded: t.bytes(encoded),
            limit,
          })}
        </span>
      </div>
      {over && (
        <p className="field-error">
          {t.t('composer.attachments.tooLarge', { encoded: t.bytes(encoded), limit })}
        </p>
      )}
    </section>
  )
}
