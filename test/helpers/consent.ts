import { GMAIL_SEND_SCOPE } from '../../src/main/google-endpoints'
import { rawGet } from './http'

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

/** Loads the consent page, submits the choice, follows the redirect. */
export async function answerConsent(url: string, choice: ConsentChoice): Promise<BrowserVisit> {
  const consent = await fetch(url)
  const html = await consent.text()
  if (consent.status !== 200)
    throw new Error(`consent page answered ${consent.status}: ${html.slice(0, 200)}`)
  const action = attribute(html, /<form[^>]*action="([^"]*)"/)
  const form = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.append(match[1]!, unescape(match[2]!))
  }
  form.append('identity', choice.identity)
  for (const match of html.matchAll(
    /<input type="checkbox"[^>]*name="scope" value="([^"]*)"[^>]*>/g,
  )) {
    const scope = unescape(match[1]!)
    if (!(choice.refuseGmailSend === true && scope === GMAIL_SEND_SCOPE))
      form.append('scope', scope)
  }
  form.append('decision', choice.decision ?? 'allow')
  const decision = await fetch(new URL(action, url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  })
  const location = decision.headers.get('location')
  if (decision.status !== 302 || location === null) {
    throw new Error(`consent answered ${decision.status}: ${(await decision.text()).slice(0, 200)}`)
  }
  const final = await rawGet(location)
  return { authorizationUrl: url, finalStatus: final.status, finalPage: final.body }
}

function attribute(html: string, pattern: RegExp): string {
  const match = pattern.exec(html)
  if (!match) throw new Error(`not found in consent page: ${pattern}`)
  return unescape(match[1]!)
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
