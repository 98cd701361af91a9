import { useCallback, useEffect, useMemo, useState } from 'react'
import type { PostlineApi, SendAsRequest } from '../../shared/api'
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
  /** Send-as addresses: each verb answers the accounts as main wrote them. */
  readonly sendAs: SendAsVerbs
}

/** What Settings ▸ Send-as addresses asks main for. */
export interface SendAsVerbs {
  add(email: string, sendAs: SendAsRequest): Promise<Result<readonly AccountView[]>>
  remove(email: string, address: string): Promise<Result<readonly AccountView[]>>
  setDefault(email: string, address: string | null): Promise<Result<readonly AccountView[]>>
  openGmail(email: string): Promise<Result<{ opened: true }>>
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

  const sendAs = useMemo(
    (): SendAsVerbs => ({
      add: (email, request) => callSafely(() => api.accounts.addSendAs(email, request)),
      remove: (email, address) => callSafely(() => api.accounts.removeSendAs(email, address)),
      setDefault: (email, address) => callSafely(() => api.accounts.setDefaultFrom(email, address)),
      openGmail: (email) => callSafely(() => api.accounts.openSendAsSettings(email)),
    }),
    [api],
  )
  return {
    sendAs,
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
