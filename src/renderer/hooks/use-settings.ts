import { useCallback, useEffect, useState } from 'react'
import type { PostlineApi } from '../../shared/api'
import type { AccountView, GoogleClientSettings } from '../../shared/domain'
import type { PostlineError, Result } from '../../shared/errors'
import { callSafely } from '../call-safely'

/** The Google client settings, and the two verbs that change them (for the next start). */
export interface SettingsState {
  /** Null until main answers, or when it could not. */
  readonly settings: GoogleClientSettings | null
  readonly loadError: PostlineError | null
  save(clientId: string, clientSecret: string): Promise<Result<GoogleClientSettings>>
  clear(): Promise<Result<GoogleClientSettings>>
  /** The name for an account's From (empty: Google's, or none); main writes it before answering. */
  saveSenderName(email: string, name: string): Promise<Result<readonly AccountView[]>>
}

/** `settings.get()` once; the answers of save and clear replace it. */
export function useSettings(api: PostlineApi): SettingsState {
  const [settings, setSettings] = useState<GoogleClientSettings | null>(null)
  const [loadError, setLoadError] = useState<PostlineError | null>(null)

  useEffect(() => {
    let live = true
    void callSafely(() => api.settings.get()).then((result) => {
      if (!live) return
      if (result.ok) setSettings(result.value)
      else setLoadError(result.error)
    })
    return () => {
      live = false
    }
  }, [api])

  const apply = useCallback(async (call: () => Promise<Result<GoogleClientSettings>>) => {
    const result = await callSafely(call)
    if (result.ok) setSettings(result.value)
    return result
  }, [])

  return {
    settings,
    loadError,
    save: useCallback(
      (clientId: string, clientSecret: string) =>
        apply(() => api.settings.saveGoogleClient(clientId, clientSecret)),
      [api, apply],
    ),
    clear: useCallback(() => apply(() => api.settings.clearGoogleClient()), [api, apply]),
    saveSenderName: useCallback(
      (email: string, name: string) => callSafely(() => api.accounts.setSenderName(email, name)),
      [api],
    ),
  }
}
