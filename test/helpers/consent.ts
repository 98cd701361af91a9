import { GMAIL_SEND_SCOPE } from '../../src/main/google-endpoints'
import { rawGet } from './http'
import { answerConsentAt } from './oauth-flow'

/** How the simulated person answers the sandbox's consent page. */
export interface ConsentChoice {
  readonly identity: string
  readonly decision?: 'allow' | 'deny'
  /** Untick "Send email on your behalf" (Google's granular consent). */
  readonly refuseGmailSend?: boolean
}

/** What the simulated browser saw at the end: the loopback listener's page. */
export interface BrowserVisit {
  readonly authorizationUrl: string
  readonly finalStatus: number
  readonly finalPage: string
}

/**
 * An `openExternal` that plays the person's browser with plain HTTP: it loads the sandbox's
 * consent page, submits the form as the person would, and follows the redirect to the loopback
 * listener. Each call takes the next choice.
 */
export function httpBrowser(choices: ConsentChoice[]) {
  const visits: Promise<BrowserVisit>[] = []
  const openExternal = async (url: string): Promise<void> => {
    const choice = choices.shift()
    if (choice === undefined) throw new Error(`unexpected browser open: ${url}`)
    // The real browser works on its own while Postline waits: do not block openExternal.
    const visit = answerConsent(url, choice)
    visit.catch(() => {})
    visits.push(visit)
  }
  return { openExternal, visits }
}

/** Loads the consent page, submits the choice, follows the redirect to the loopback listener. */
export async function answerConsent(url: string, choice: ConsentChoice): Promise<BrowserVisit> {
  const redirect = await answerConsentAt({ url: new URL(url).origin }, url, {
    decision: choice.decision ?? 'allow',
    identity: choice.identity,
    untick: choice.refuseGmailSend === true ? [GMAIL_SEND_SCOPE] : [],
  })
  const final = await rawGet(redirect.toString())
  return { authorizationUrl: url, finalStatus: final.status, finalPage: final.body }
}
