// The sandbox's consent and mailbox pages speak English, Portuguese (Brazil) and Spanish, chosen
// as Google chooses: the `hl` parameter, else the browser's Accept-Language, else English.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GMAIL_SEND_SCOPE } from '../../../src/main/google-endpoints'
import { WORDS, SANDBOX_LANGUAGES, sandboxLanguage } from '../../../src/sandbox/words'
import { rawMessage } from '../../helpers/raw-message'
import {
  authorizationUrl,
  inputsOf,
  pkce,
  sandboxFor,
  signIn,
  submitConsent,
} from '../../helpers/oauth-flow'

async function get(url: string, acceptLanguage?: string) {
  const response = await fetch(url, {
    headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
  })
  return { status: response.status, html: await response.text(), headers: response.headers }
}

test('the consent page speaks the browser’s language', async (t) => {
  const sandbox = await sandboxFor(t)
  const url = authorizationUrl(sandbox, pkce().challenge)
  const pt = await get(url, 'pt-BR,pt;q=0.9,en-US;q=0.8')
  assert.equal(pt.status, 200)
  assert.match(pt.html, /<html lang="pt-BR">/)
  assert.match(pt.html, /Faça login para continuar no Postline/)
  assert.match(pt.html, /<legend>Escolha uma conta<\/legend>/)
  assert.match(pt.html, /Enviar e-mail em seu nome/)
  assert.match(pt.html, /Ver seu endereço de e-mail/)
  assert.match(pt.html, /Sandbox — não é o Google/)
  assert.match(
    pt.html,
    /Sua resposta é enviada de volta para <code>http:\/\/127\.0\.0\.1:\d+<\/code>\./,
  )
  assert.match(pt.html, /<button[^>]*value="allow"[^>]*>Permitir<\/button>/)
  assert.match(pt.html, /<button[^>]*value="deny"[^>]*>Negar<\/button>/)
  assert.doesNotMatch(pt.html, /Choose an account|Send email|Allow<|Deny<|not Google/)

  const es = await get(url, 'es-MX,es;q=0.9')
  assert.match(es.html, /<html lang="es">/)
  assert.match(es.html, /Accede para continuar a Postline/)
  assert.match(es.html, /Enviar correos electrónicos en tu nombre/)
  assert.match(es.html, /Siempre se comparte cuando accedes/)
  assert.match(es.html, /<button[^>]*value="allow"[^>]*>Permitir<\/button>/)
  assert.match(es.html, /<button[^>]*value="deny"[^>]*>Denegar<\/button>/)

  const fr = await get(url, 'fr-FR,de;q=0.8')
  assert.match(fr.html, /<html lang="en">/)
  assert.match(fr.html, /Choose an account/)
})

test('hl wins over Accept-Language, and the form carries it to the answer’s error page', async (t) => {
  const sandbox = await sandboxFor(t)
  const url = authorizationUrl(sandbox, pkce().challenge, { hl: 'es-419' })
  const page = await get(url, 'pt-BR')
  assert.match(page.html, /<html lang="es">/)
  assert.match(page.html, /Elige una cuenta/)
  const hl = inputsOf(page.html).find((input) => input.name === 'hl')
  assert.equal(hl?.type, 'hidden')
  assert.equal(hl?.value, 'es')

  // Answering with neither Allow nor Deny: Google's error page, in the consent page's language.
  const form = new URLSearchParams({ request: 'expired', hl: 'es' })
  const answer = await fetch(
    new URL(`${new URL(sandbox.endpoints.authorizationUrl).pathname}/decision`, sandbox.url),
    {
      method: 'POST',
      body: form,
      redirect: 'manual',
    },
  )
  assert.equal(answer.status, 400)
  const html = await answer.text()
  assert.match(html, /<html lang="es">/)
  assert.match(html, /Esta solicitud de inicio de sesión venció o ya se respondió/)
  assert.match(html, /Error 400: invalid_request/)

  // The person still gets through in their language: the form's answer works as before.
  const allowed = await submitConsent(sandbox, page.html, {
    decision: 'allow',
    identity: 'grace@sandbox.test',
    untick: [GMAIL_SEND_SCOPE],
  })
  assert.equal(allowed.status, 302)
})

test('Google’s error page for a bad request speaks Portuguese and Spanish', async (t) => {
  const sandbox = await sandboxFor(t)
  const badClient = authorizationUrl(sandbox, pkce().challenge, { client_id: 'nobody' })
  const pt = await get(badClient, 'pt-BR')
  assert.equal(pt.status, 401)
  assert.match(pt.html, /<html lang="pt-BR">/)
  assert.match(pt.html, /Acesso bloqueado: erro de autorização/)
  assert.match(pt.html, /O cliente OAuth não foi encontrado\./)
  assert.match(pt.html, /id="error-code">Erro 401: invalid_client</)
  const es = await get(authorizationUrl(sandbox, pkce().challenge, { scope: undefined }), 'es')
  assert.equal(es.status, 400)
  assert.match(es.html, /Acceso bloqueado: la solicitud de esta app no es válida/)
  assert.match(es.html, /Falta un parámetro obligatorio: scope/)
  const en = await get(authorizationUrl(sandbox, pkce().challenge, { scope: undefined }))
  assert.match(en.html, /Missing required parameter: scope/)
})

test('the mailbox page speaks Portuguese and Spanish, with the locale’s numbers', async (t) => {
  const sandbox = await sandboxFor(t)
  const tokens = await signIn(sandbox, 'grace@sandbox.test')
  const raw = rawMessage({ subject: 'Report', text: 'Segue o texto. '.repeat(80) })
  const sent = await fetch(`${sandbox.url}/gmail/v1/users/me/messages/send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ raw: raw.toString('base64url') }),
  })
  assert.equal(sent.status, 200)
  const size = sandbox.mailbox()[0]!.raw.length
  assert.ok(size >= 1000, 'big enough to show a thousands separator')

  const pt = await get(`${sandbox.url}/_sandbox/mailbox.html`, 'pt-BR')
  assert.equal(pt.headers.get('content-language'), 'pt-BR')
  assert.match(pt.html, /<html lang="pt-BR">/)
  assert.match(pt.html, /<h1>Caixa de correio<\/h1>/)
  assert.match(pt.html, /mais recentes primeiro: 1 mensagem\./)
  assert.match(pt.html, /<th>Assunto<\/th><td>Report<\/td>/)
  assert.match(pt.html, new RegExp(`${new Intl.NumberFormat('pt-BR').format(size)} bytes`))
  assert.match(pt.html, /<h3>Anexos<\/h3>/)

  const es = await get(`${sandbox.url}/_sandbox/mailbox.html?hl=es`, 'pt-BR')
  assert.match(es.html, /<html lang="es">/)
  assert.match(es.html, /<h1>Buzón<\/h1>/)
  assert.match(es.html, /<th>Asunto<\/th>/)
  assert.match(es.html, /<h3>Archivos adjuntos<\/h3>/)
  assert.doesNotMatch(es.html, /Mailbox<|Subject<|Attachments</)
})

test('the index page speaks Spanish, test controls included', async (t) => {
  const sandbox = await sandboxFor(t, { testControls: true })
  const es = await get(`${sandbox.url}/`, 'es-AR,es;q=0.9')
  assert.match(es.html, /<html lang="es">/)
  assert.match(es.html, /Un sustituto local del inicio de sesión y de Gmail de Google\./)
  assert.match(es.html, /<th>Autorizaciones activas<\/th>/)
  assert.match(es.html, />Revocar acceso<\/button>/)
  assert.match(es.html, /\(0 mensajes\)/)
  assert.doesNotMatch(es.html, /Live grants|Revoke access|State as JSON/)
  const pt = await get(`${sandbox.url}/?hl=pt-BR`)
  assert.match(pt.html, />Estado em JSON</)
})

test('the sandbox picks its language as Google does, and every language has every word', () => {
  assert.equal(sandboxLanguage(null, 'pt-PT,en;q=0.5'), 'pt-BR')
  assert.equal(sandboxLanguage('es', 'pt-BR'), 'es')
  assert.equal(sandboxLanguage('fr', 'es-AR'), 'es')
  assert.equal(sandboxLanguage(null, 'fr, es;q=0'), 'en')
  assert.equal(sandboxLanguage(null, undefined), 'en')
  const keys = Object.keys(WORDS.en).sort()
  for (const language of SANDBOX_LANGUAGES) {
    assert.deepEqual(Object.keys(WORDS[language]).sort(), keys, language)
    for (const [key, value] of Object.entries(WORDS[language])) {
      const text = typeof value === 'function' ? String(value('X', 'Y')) : value
      assert.ok(text.trim() !== '', `${language}.${key}`)
    }
  }
  // Words that differ between languages really were translated (names and codes excepted).
  const same = Object.keys(WORDS.en).filter(
    (key) =>
      typeof WORDS.en[key as keyof typeof WORDS.en] === 'string' &&
      WORDS.en[key as keyof typeof WORDS.en] === WORDS['pt-BR'][key as keyof typeof WORDS.en],
  )
  assert.deepEqual(same.sort(), ['endpoint', 'htmlHeading', 'sandboxLink'])
})
