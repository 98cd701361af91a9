import { useEffect, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AppStatus, SetAsideFile } from '../../shared/domain'
import { setAsideReason } from '../error-text'
import { useT } from '../i18n/I18n'

const WHAT: Record<SetAsideFile['kind'], string> = {
  draft: 'A draft',
  outbox: 'A message in the outbox',
  accounts: 'Part of the account list',
  settings: 'The settings',
}

/**
 * What main found at start that the person should know: a data folder it cannot write (the
 * window works read-only), and damaged files it set aside instead of loading (and where).
 */
export function StatusBanner({ api }: { api: PostlineApi }) {
  const [status, setStatus] = useState<AppStatus | null>(null)
  const [dismissed, setDismissed] = useState(false)
  const t = useT()
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
    <section className="status-banner" aria-label="Postline’s data folder">
      {readOnly !== null && (
        <p className="status-line" data-kind="read-only">
          <strong>Postline can’t save anything right now.</strong> Its data folder{' '}
          <code>{readOnly.folder}</code> is read-only ({readOnly.code}). Your drafts and outbox are
          shown as they were; make the folder writable and restart Postline to make changes.
        </p>
      )}
      {setAside.length > 0 && !dismissed && (
        <div className="status-line" data-kind="set-aside">
          <p>
            <strong>
              {setAside.length === 1
                ? 'One damaged file was set aside.'
                : `${setAside.length} damaged files were set aside.`}
            </strong>{' '}
            Everything else loaded. Nothing was deleted:
          </p>
          <ul>
            {setAside.map((file) => (
              <li key={file.path}>
                {WHAT[file.kind]} ({setAsideReason(t, file)}) is now <code>{file.path}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="button small quiet" onClick={() => setDismissed(true)}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  )
}
