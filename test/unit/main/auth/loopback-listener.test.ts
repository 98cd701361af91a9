import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CALLBACK_PATH, LoopbackListener } from '../../../../src/main/auth/loopback-listener'
import { PostlineFailure } from '../../../../src/main/errors'
import { rawGet } from '../../../helpers/http'

const STATE = 'expected-state-value'

async function open(timeoutMs = 60_000, signal?: AbortSignal) {
  return LoopbackListener.open({ expectedState: STATE, timeoutMs, ...(signal ? { signal } : {}) })
}

function callback(listener: LoopbackListener, query: string): string {
  return `http://127.0.0.1:${listener.port}${CALLBACK_PATH}?${query}`
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(
    promise,
    (error: unknown) => error instanceof PostlineFailure && error.code === code,
  )
}

async function refused(url: string): Promise<boolean> {
  return rawGet(url).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  )
}

test('the listener binds 127.0.0.1 on an ephemeral port and names the redirect URI', async () => {
  const listener = await open()
  assert.ok(listener.port > 0)
  assert.equal(listener.redirectUri, `http://127.0.0.1:${listener.port}/oauth2/callback`)
  await listener.close()
})

test('the matching redirect is accepted once and the browser gets the page it is answered with', async () => {
  const listener = await open()
  const reply = rawGet(callback(listener, `code=abc&state=${STATE}&scope=openid`))
  const redirect = await listener.waitForRedirect()
  assert.equal(redirect.code, 'abc')
  assert.equal(redirect.grantedScope, 'openid')
  redirect.respond({ name: 'signedIn', params: { email: 'a@b.c' } })
  const page = await reply
  assert.equal(page.status, 200)
  assert.match(page.body, /Signed in as a@b\.c/)
  assert.equal(page.headers['referrer-policy'], 'no-referrer')
  assert.equal(page.headers['cache-control'], 'no-store')
  await listener.close()
  assert.equal(listener.listening, false)
  assert.ok(await refused(callback(listener, `code=abc&state=${STATE}`)))
})

test('a repeated code after the accepted one is refused and changes nothing', async () => {
  const listener = await open()
  const first = rawGet(callback(listener, `code=abc&state=${STATE}`))
  const redirect = await listener.waitForRedirect()
  const second = await rawGet(callback(listener, `code=abc&state=${STATE}`))
  assert.equal(second.status, 400)
  assert.match(second.body, /already completed/)
  redirect.respond({ name: 'returnToPostline' })
  await first
  await listener.close()
})

test('a wrong path is answered 404 and the listener keeps waiting', async () => {
  const listener = await open()
  const reply = await rawGet(
    `http://127.0.0.1:${listener.port}/favicon.ico?code=abc&state=${STATE}`,
  )
  assert.equal(reply.status, 404)
  const real = rawGet(callback(listener, `code=real&state=${STATE}`))
  const redirect = await listener.waitForRedirect()
  assert.equal(redirect.code, 'real')
  redirect.respond({ name: 'returnToPostline' })
  await real
  await listener.close()
})

test('a wrong or missing state never yields a code, and the real redirect still works', async () => {
  const listener = await open()
  const wrong = await rawGet(callback(listener, 'code=evil&state=forged'))
  const missing = await rawGet(callback(listener, 'code=evil'))
  const empty = await rawGet(callback(listener, 'code=evil&state='))
  for (const reply of [wrong, missing, empty]) {
    assert.equal(reply.status, 400)
    assert.match(reply.body, /not current/)
  }
  const real = rawGet(callback(listener, `code=real&state=${STATE}`))
  const redirect = await listener.waitForRedirect()
  assert.equal(redirect.code, 'real')
  redirect.respond({ name: 'returnToPostline' })
  await real
  await listener.close()
})

test('a request with a foreign Host header (DNS rebinding) is refused', async () => {
  const listener = await open()
  const reply = await rawGet(callback(listener, `code=abc&state=${STATE}`), {
    host: 'evil.example:80',
  })
  assert.equal(reply.status, 400)
  const post = await rawGet(callback(listener, `code=abc&state=${STATE}`), { method: 'POST' })
  assert.equal(post.status, 405)
  await listener.close()
  await rejectsWith(listener.waitForRedirect(), 'cancelled')
})

test('access_denied with the right state ends the sign-in with access-denied', async () => {
  const listener = await open()
  const waiting = listener.waitForRedirect()
  const reply = await rawGet(callback(listener, `error=access_denied&state=${STATE}`))
  assert.equal(reply.status, 200)
  assert.match(reply.body, /chose not to give Postline access/)
  await rejectsWith(waiting, 'access-denied')
  await listener.close()
})

test('access_denied with a forged state is ignored', async () => {
  const listener = await open()
  const reply = await rawGet(callback(listener, 'error=access_denied&state=forged'))
  assert.equal(reply.status, 400)
  const real = rawGet(callback(listener, `code=real&state=${STATE}`))
  const redirect = await listener.waitForRedirect()
  redirect.respond({ name: 'returnToPostline' })
  await real
  await listener.close()
})

test('text echoed from the query is escaped in the page', async () => {
  const listener = await open()
  const waiting = listener.waitForRedirect()
  const reply = await rawGet(callback(listener, `error=<script>x</script>&state=${STATE}`))
  assert.ok(!reply.body.includes('<script>'))
  await rejectsWith(waiting, 'auth-failed')
  await listener.close()
})

test('the sign-in times out and the listener is closed', async () => {
  const listener = await open(50)
  await rejectsWith(listener.waitForRedirect(), 'timeout')
  await listener.close()
  assert.equal(listener.listening, false)
})

test('aborting the signal cancels the sign-in', async () => {
  const controller = new AbortController()
  const listener = await open(60_000, controller.signal)
  const waiting = listener.waitForRedirect()
  controller.abort()
  await rejectsWith(waiting, 'cancelled')
  await listener.close()
  assert.equal(listener.listening, false)
})

/** A GET with an Accept-Language header (fetch sets the Host the listener expects). */
async function getIn(url: string, acceptLanguage?: string) {
  const response = await fetch(url, {
    headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
  })
  return {
    status: response.status,
    body: await response.text(),
    vary: response.headers.get('vary'),
  }
}

test('the pages speak the browser’s language (Accept-Language) with <html lang> set', async () => {
  const listener = await LoopbackListener.open({
    expectedState: STATE,
    timeoutMs: 60_000,
    language: () => 'en',
  })
  const pt = await getIn(callback(listener, 'code=x&state=forged'), 'pt-BR,pt;q=0.9,en;q=0.8')
  assert.equal(pt.status, 400)
  assert.match(pt.body, /<html lang="pt-BR">/)
  assert.match(pt.body, /Este link de login não é o atual/)
  assert.equal(pt.vary, 'Accept-Language')
  const es = await getIn(callback(listener, 'code=x&state=forged'), 'fr-FR, es-MX;q=0.9, pt;q=0.8')
  assert.match(es.body, /<html lang="es">/)
  assert.match(es.body, /Este enlace de inicio de sesión ya no es el actual/)
  const pathEs = await getIn(`http://127.0.0.1:${listener.port}/favicon.ico`, 'es')
  assert.equal(pathEs.status, 404)
  assert.match(pathEs.body, /No hay nada aquí/)

  const answered = getIn(callback(listener, `code=real&state=${STATE}`), 'pt-PT')
  const redirect = await listener.waitForRedirect()
  redirect.respond({ name: 'signedIn', params: { email: 'ana@b.c' } })
  const page = await answered
  assert.match(page.body, /<html lang="pt-BR">/)
  assert.match(page.body, /Conectado como ana@b\.c/)
  assert.match(page.body, /Você pode fechar esta aba e voltar ao Postline\./)
  await listener.close()
})

test('a browser asking for no language Postline speaks gets the app’s language', async () => {
  let app: 'en' | 'es' | 'pt-BR' = 'es'
  const listener = await LoopbackListener.open({
    expectedState: STATE,
    timeoutMs: 60_000,
    language: () => app,
  })
  const fr = await getIn(callback(listener, 'code=x&state=forged'), 'fr-FR,de;q=0.5')
  assert.match(fr.body, /<html lang="es">/)
  assert.match(fr.body, /Vuelve a Postline/)
  app = 'pt-BR'
  const none = await getIn(callback(listener, 'code=x&state=forged'))
  assert.match(none.body, /<html lang="pt-BR">/)
  const refusedPt = await getIn(callback(listener, 'code=x&state=forged'), 'pt;q=0, en')
  assert.match(refusedPt.body, /<html lang="en">/)
  assert.match(refusedPt.body, /This sign-in link is not current/)
  const waiting = listener.waitForRedirect()
  const denied = await getIn(callback(listener, `error=access_denied&state=${STATE}`), 'es-419')
  assert.match(denied.body, /Elegiste no darle acceso a Postline/)
  await rejectsWith(waiting, 'access-denied')
  await listener.close()
})

test('without an app language the pages are English', async () => {
  const listener = await open()
  const page = await getIn(callback(listener, 'code=x&state=forged'), 'ja')
  assert.match(page.body, /<html lang="en">/)
  assert.match(page.body, /This sign-in link is not current/)
  await listener.close()
})
