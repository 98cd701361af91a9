import type { ServerResponse } from 'node:http'
import { escapeHtml, page } from './html'
import type { Mailbox, MessageSummary } from './mailbox'
import { redirect, sendJson } from './routing'
import type { Route, RouteRequest } from './routing'
import { WORDS, requestLanguage, type SandboxLanguage, type SandboxWords } from './words'

/** The mailbox as JSON: each message with its bytes (base64) and what mailparser read from them. */
export const MAILBOX_JSON_PATH = '/_sandbox/mailbox'
/** The mailbox as a page for people. */
export const MAILBOX_PAGE_PATH = '/_sandbox/mailbox.html'
const MAILBOX_CLEAR_PATH = '/_sandbox/mailbox/clear'
const clearButton = (words: SandboxWords): string =>
  `<form class="inline" method="post" action="${MAILBOX_CLEAR_PATH}"><button type="submit" class="secondary">${escapeHtml(words.emptyMailbox)}</button></form>`

/**
 * The page shows the message's HTML only inside an iframe with an empty `sandbox` (no scripts, a
 * unique origin) and loads nothing from outside: images and styles in the message stay blank.
 */
const MAILBOX_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self' about:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const MAILBOX_STYLE = `<style>
  main { max-width: 960px; }
  article { border-top: 1px solid #dadce0; padding-top: 16px; margin-top: 24px; }
  h2 { font-size: 18px; font-weight: 500; margin: 0 0 8px; }
  h3 { font-size: 14px; font-weight: 500; margin: 16px 0 4px; }
  th { width: 120px; color: #5f6368; font-weight: 500; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f8f9fa; padding: 8px;
    border-radius: 4px; font-size: 13px; max-height: 360px; overflow: auto; }
  iframe { width: 100%; height: 320px; border: 1px solid #dadce0; border-radius: 4px; background: #fff; }
  td.hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
</style>`

function row(name: string, value: string | null): string {
  return `<tr><th>${escapeHtml(name)}</th><td>${value === null ? '<span class="muted">—</span>' : escapeHtml(value)}</td></tr>`
}

function messageSection(message: MessageSummary, words: SandboxWords): string {
  const { headers } = message
  // Cc, Bcc and Message-ID are the headers' own names, the same in every language.
  const table = [
    row(words.account, message.account),
    row(words.from, headers.from),
    row(words.to, headers.to),
    row('Cc', headers.cc),
    row('Bcc', headers.bcc),
    row(words.subject, headers.subject),
    row(words.date, headers.date),
    row('Message-ID', headers.messageId),
    row(words.gmailId, words.gmailIdValue(message.id, message.threadId)),
    row(words.received, words.receivedValue(message.receivedAt, message.via)),
    row(words.size, words.bytes(message.size)),
  ].join('\n')
  const text =
    message.text === null
      ? `<p class="muted">${escapeHtml(words.noText)}</p>`
      : `<pre class="text">${escapeHtml(message.text)}</pre>`
  const html =
    message.html === null
      ? `<p class="muted">${escapeHtml(words.noHtml)}</p>`
      : `<iframe sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(words.htmlBodyOf(message.id))}" srcdoc="${escapeHtml(message.html)}"></iframe>
<details><summary>${escapeHtml(words.htmlSource)}</summary><pre class="html-source">${escapeHtml(message.html)}</pre></details>`
  const attachments =
    message.attachments.length === 0
      ? `<p class="muted">${escapeHtml(words.noAttachments)}</p>`
      : `<table class="attachments"><tr><th>${escapeHtml(words.name)}</th><th>${escapeHtml(words.type)}</th><th>${escapeHtml(words.size)}</th><th>SHA-256</th></tr>
${message.attachments
  .map(
    (attachment) =>
      `<tr><td>${escapeHtml(attachment.filename ?? words.noName)}</td><td>${escapeHtml(attachment.contentType)}</td><td>${escapeHtml(words.bytes(attachment.size))}</td><td class="hash">${attachment.sha256}</td></tr>`,
  )
  .join('\n')}
</table>`
  return `<article id="message-${escapeHtml(message.id)}">
<h2>${escapeHtml(headers.subject ?? words.noSubject)}</h2>
<table class="headers">
${table}
</table>
<h3>${escapeHtml(words.textHeading)}</h3>
${text}
<h3>${escapeHtml(words.htmlHeading)}</h3>
${html}
<h3>${escapeHtml(words.attachmentsHeading)}</h3>
${attachments}
</article>`
}

function mailboxPage(
  messages: readonly MessageSummary[],
  testControls: boolean,
  language: SandboxLanguage,
): string {
  const words = WORDS[language]
  const count = words.messages(messages.length)
  const sections = [...messages]
    .reverse()
    .map((message) => messageSection(message, words))
    .join('\n')
  return page(
    words.mailboxTitle,
    `${MAILBOX_STYLE}
<h1>${escapeHtml(words.mailboxHeading)}</h1>
<p class="muted">${escapeHtml(words.mailboxIntro(count))} <a href="/">${escapeHtml(words.sandboxLink)}</a> · <a href="${MAILBOX_JSON_PATH}">${escapeHtml(words.asJson)}</a></p>
${testControls ? clearButton(words) : ''}
${sections === '' ? `<p>${escapeHtml(words.noMessages)}</p>` : sections}`,
    language,
  )
}

function sendMailboxPage(response: ServerResponse, html: string, language: SandboxLanguage): void {
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': MAILBOX_PAGE_CSP,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Language': language,
    Vary: 'Accept-Language',
  })
  response.end(html)
}

function summaries(mailbox: Mailbox): Promise<MessageSummary[]> {
  return Promise.all(mailbox.list().map((message) => mailbox.summary(message)))
}

async function mailboxJson(mailbox: Mailbox, response: ServerResponse): Promise<void> {
  const messages = await Promise.all(
    mailbox.list().map(async (message) => ({
      ...(await mailbox.summary(message)),
      raw: message.raw.toString('base64'),
    })),
  )
  sendJson(response, 200, { messages })
}

function clear(mailbox: Mailbox, request: RouteRequest, response: ServerResponse): void {
  mailbox.clear()
  if ((request.headers.accept ?? '').includes('text/html'))
    redirect(response, MAILBOX_PAGE_PATH, 303)
  else sendJson(response, 200, { ok: true })
}

/**
 * The mailbox's JSON and its page; with `testControls`, also a way to empty it. Control routes,
 * so never logged.
 */
export function mailboxRoutes(mailbox: Mailbox, testControls: boolean): Route[] {
  const views: Route[] = [
    {
      method: 'GET',
      path: MAILBOX_JSON_PATH,
      control: true,
      handle: (_request, response) => mailboxJson(mailbox, response),
    },
    {
      method: 'GET',
      path: MAILBOX_PAGE_PATH,
      control: true,
      handle: async (request, response) => {
        const language = requestLanguage(request.headers, request.url.searchParams.get('hl'))
        sendMailboxPage(
          response,
          mailboxPage(await summaries(mailbox), testControls, language),
          language,
        )
      },
    },
  ]
  if (!testControls) return views
  return [
    ...views,
    {
      method: 'POST',
      path: MAILBOX_CLEAR_PATH,
      control: true,
      handle: (request, response) => clear(mailbox, request, response),
    },
  ]
}
