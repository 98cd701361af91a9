import { test } from 'node:test'
import assert from 'node:assert/strict'
import { simpleParser } from 'mailparser'
import { SendAsBook, replaceUnverifiedFrom } from '../../../src/sandbox/send-as'
import { sandboxFor } from '../../helpers/oauth-flow'

const ADA = 'ada@sandbox.test'

function message(from: string): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: grace@example.com\r\nSubject: Hi\r\n\r\nFrom: not a header\r\n`,
    'latin1',
  )
}

async function fromOf(raw: Buffer) {
  const parsed = await simpleParser(raw)
  return parsed.from?.value.map((entry) => `${entry.name}|${entry.address}`)
}

test('Gmail’s From rule: its own and verified addresses stay, any other is replaced keeping the name', async () => {
  const book = new SendAsBook()
  book.add(ADA, 'Ada@Work.Example')
  const own = message(`Ada Lovelace <${ADA.toUpperCase()}>`)
  assert.equal(replaceUnverifiedFrom(own, ADA, book), own)
  const verified = message('"Ada, at work" <ada@work.example>')
  assert.equal(replaceUnverifiedFrom(verified, ADA, book), verified)
  assert.deepEqual(
    await fromOf(
      replaceUnverifiedFrom(message('=?UTF-8?Q?Ad=C3=A1?= <x@other.example>'), ADA, book),
    ),
    [`Adá|${ADA}`],
  )
  assert.deepEqual(await fromOf(replaceUnverifiedFrom(message('x@other.example'), ADA, book)), [
    `|${ADA}`,
  ])
  // A folded From header is one header; the body's look-alike line is left alone.
  const folded = replaceUnverifiedFrom(message('Someone\r\n <x@other.example>'), ADA, book)
  assert.deepEqual(await fromOf(folded), [`Someone|${ADA}`])
  assert.match(folded.toString('latin1'), /\r\n\r\nFrom: not a header\r\n$/)
})

test('the send-as page lists verified addresses; its form needs its own token; the test control marks one', async (t) => {
  const plain = await sandboxFor(t)
  const page = await fetch(`${plain.url}/_sandbox/send-as.html?email=${encodeURIComponent(ADA)}`)
  assert.equal(page.status, 200)
  const html = await page.text()
  const token = /name="token" value="([0-9a-f]+)"/.exec(html)?.[1]
  assert.ok(token)
  const post = (body: Record<string, string>) =>
    fetch(`${plain.url}/_sandbox/send-as`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    })
  assert.equal((await post({ email: ADA, address: 'ada@work.example' })).status, 403)
  assert.equal((await post({ email: ADA, address: 'ada@work.example', token: 'f00' })).status, 403)
  assert.deepEqual(plain.sendAsAddresses(ADA), [])
  assert.equal((await post({ email: ADA, address: 'ada@work.example', token })).status, 200)
  assert.deepEqual(plain.sendAsAddresses(ADA), ['ada@work.example'])
  assert.equal((await post({ email: 'nobody@x.test', address: 'a@b.c', token })).status, 404)
  assert.equal((await post({ email: ADA, address: 'no at', token })).status, 400)
  const listed = await (await fetch(`${plain.url}/_sandbox/send-as.html?email=${ADA}`)).text()
  assert.match(listed, /ada@work\.example/)
  // The index page links to it; the state view lists it.
  assert.match(await (await fetch(`${plain.url}/`)).text(), /href="\/_sandbox\/send-as\.html"/)
  const state = (await (await fetch(`${plain.url}/_sandbox/state`)).json()) as {
    sendAs: Record<string, string[]>
  }
  assert.deepEqual(state.sendAs[ADA], ['ada@work.example'])

  const controlled = await sandboxFor(t, { testControls: true })
  const marked = await fetch(
    `${controlled.url}/_sandbox/send-as?email=${encodeURIComponent(ADA)}&address=ada%40club.example`,
    { method: 'POST' },
  )
  assert.equal(marked.status, 200)
  assert.deepEqual(controlled.sendAsAddresses(ADA), ['ada@club.example'])
  assert.throws(() => controlled.addSendAs('nobody@x.test', 'a@b.c'), /no identity/)
})
