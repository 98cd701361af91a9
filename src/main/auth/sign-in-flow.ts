import { buildAuthorizationUrl } from './authorization-url'
import { LoopbackListener } from './loopback-listener'
import { createPkcePair, createState } from './pkce'
import { notFinishedPage, type ResultPage } from './result-page'
import type { DisplayLanguage } from '../../shared/i18n/languages'
import type { ExchangedTokens, GoogleOAuth } from './google-oauth'
import { PostlineFailure } from '../errors'

/** What one run of the browser sign-in needs. */
export interface SignInRequest {
  readonly oauth: GoogleOAuth
  readonly authorizationUrl: string
  readonly clientId: string
  readonly openExternal: (url: string) => Promise<void>
  readonly timeoutMs: number
  readonly signal: AbortSignal
  readonly loginHint?: string
  /** The app's language, for the page the browser shows when it does not ask for one Postline speaks. */
  readonly language?: () => DisplayLanguage
  /** Called once the browser has been sent to Google. */
  readonly onWaiting?: () => void
  /** Called once the redirect arrived and the code is being exchanged. */
  readonly onFinishing?: () => void
}

/**
 * Runs the loopback flow up to the token exchange, then hands the tokens to `complete`
 * (which stores the account) and answers the waiting browser with the outcome.
 * The listener is closed in every outcome.
 */
export async function runSignIn<T>(
  request: SignInRequest,
  complete: (tokens: ExchangedTokens) => Promise<{ value: T; page: ResultPage }>,
): Promise<T> {
  const pkce = createPkcePair()
  const state = createState()
  const listener = await LoopbackListener.open({
    expectedState: state,
    timeoutMs: request.timeoutMs,
    signal: request.signal,
    ...(request.language ? { language: request.language } : {}),
  })
  try {
    const url = buildAuthorizationUrl({
      authorizationUrl: request.authorizationUrl,
      clientId: request.clientId,
      redirectUri: listener.redirectUri,
      state,
      codeChallenge: pkce.challenge,
      ...(request.loginHint !== undefined ? { loginHint: request.loginHint } : {}),
    })
    try {
      await request.openExternal(url)
    } catch (error) {
      // A URL the opener refused (invalid-input) says so; any other failure means no browser.
      if (error instanceof PostlineFailure) throw error
      throw new PostlineFailure(
        'browser-unavailable',
        'Postline could not open your browser for the Google sign-in.',
        { detail: 'browserForSignIn' },
      )
    }
    request.onWaiting?.()
    const redirect = await listener.waitForRedirect()
    request.onFinishing?.()
    try {
      const tokens = await request.oauth.exchangeCode(
        redirect.code,
        pkce.verifier,
        listener.redirectUri,
      )
      const { value, page } = await complete(tokens)
      redirect.respond(page)
      return value
    } catch (error) {
      redirect.respond(notFinishedPage(error instanceof PostlineFailure ? error.code : null))
      throw error
    }
  } finally {
    await listener.close()
  }
}
