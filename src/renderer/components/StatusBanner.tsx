import { useEffect, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AppStatus } from '../../shared/domain'
import { setAsideReason } from '../error-text'
import { useT } from '../i18n/I18n'
import { richText } from '../rich-text'

/**
 * What main found at start that the person should know: a data folder it cannot write (the
 * window works read-only), and damaged files it set aside instead of loading (and where).
 */
export function StatusBanner({ api }: { api: PostlineApi }) {
  const t = useT()
  const [status, setStatus] = useState<AppStatus | null>(null)
  const [dismissed, setDismissed] = useState(false)
  useEffect(() => {
    let live = true
    void api.app
      .status()
      .then((result) => {
        if (live && result.ok) setStatus(result.value)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [api])
  if (status === null) return null
  const { readOnly, setAside } = status
  if (readOnly === null && (setAside.length === 0 || dismissed)) return null
  return (
    <section className="status-banner" aria-label={t.t('app.status.label')}>
      {readOnly !== null && (
        <p className="status-line" data-kind="read-only">
          <strong>{t.t('app.status.readOnlyTitle')}</strong>{' '}
          {richText(
            t,
            'app.status.readOnlyText',
            { folder: <code>{readOnly.folder}</code> },
            { code: readOnly.code },
          )}
        </p>
      )}
      {setAside.length > 0 && !dismissed && (
        <div className="status-line" data-kind="set-aside">
          <p>
            <strong>{t.t('app.status.setAsideCount', { count: setAside.length })}</strong>{' '}
            {t.t('app.status.setAsideRest')}
          </p>
          <ul>
            {setAside.map((file) => (
              <li key={file.path}>
                {richText(
                  t,
                  'app.status.setAsideFile',
                  { path: <code>{file.path}</code> },
                  { kind: file.kind, reason: setAsideReason(t, file) },
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="button small quiet" onClick={() => setDismissed(true)}>
            {t.t('common.dismiss')}
          </button>
        </div>
      )}
    </section>
  )
}
