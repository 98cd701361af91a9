import { useId } from 'react'
import { useT } from '../i18n/I18n'

/** A signature the person may put in place of the one they edited. */
export interface SignatureOffer {
  readonly account: string
  readonly nextHtml: string
  onReplaced(): void
}

/** Says the edited signature was kept after From changed, and offers the new account's. */
export function SignatureOfferNote({
  offer,
  onReplace,
  onKeep,
}: {
  offer: SignatureOffer
  onReplace(): void
  onKeep(): void
}) {
  const t = useT()
  const titleId = useId()
  return (
    <div className="editor-note" role="group" aria-labelledby={titleId}>
      <p>
        <strong id={titleId}>{t.t('composer.signature.keptTitle')}</strong>{' '}
        {t.t('composer.signature.keptText', { account: offer.account })}
      </p>
      <div className="editor-note-actions">
        <button type="button" className="button small" onClick={onReplace}>
          {offer.nextHtml === ''
            ? t.t('composer.signature.removeMine')
            : t.t('composer.signature.replace', { account: offer.account })}
        </button>
        <button type="button" className="button small quiet" onClick={onKeep}>
          {t.t('composer.signature.keepMine')}
        </button>
      </div>
    </div>
  )
}
