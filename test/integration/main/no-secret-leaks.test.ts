import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '../../../src/sandbox/index'
import { httpBrowser } from '../../helpers/consent'
import { sandboxOptions, startCore, testService } from '../../helpers/core'
import { secretToolSearch } from '../../helpers/keyring'
import { tempDir } from '../../helpers/temp-dir'
import { sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

test('no token, verifier or client secret appears in any answer, event or file of the data folder', async (t) => {
  const dir = await tempDir(t)
  const service = testService()
  const browser = httpBrowser([
    { identity: 'ada@sandbox.test' },
    { identity: 'grace@sandbox.test' },
    { identity: 'ada@sandbox.test' },
  ])
  const openedUrls: string[] = []
  const { core, events } = await startCore(
    t,
    sandboxOptions(sandbox, dir, service, async (url) => {
      openedUrls.push(url)
      await browser.openExternal(url)
    }),
  )
  const answers: unknown[] = []
  answers.push(await core.handlers['accounts.add'](undefined))
  answers.push(await core.handlers['accounts.add'](undefined))
  answers.push(await core.handlers['accounts.setActive']({ email: 'grace@sandbox.test' }))
  sandbox.revokeGrant('ada@sandbox.test')
  await core.accounts.accessToken('ada@sandbox.test').catch(() => {})
  answers.push(await core.handlers['accounts.list'](undefined))
  answers.push(await core.handlers['accounts.reconnect']({ email: 'ada@sandbox.test' }))
  answers.push(await core.handlers['accounts.signOut']({ email: 'grace@sandbox.test' }))
  answers.push(await core.handlers['accounts.list'](undefined))

  const refreshTokens = (await secretToolSearch(service)).map((e) => e.secret)
  assert.equal(refreshTokens.length, 1)
  const accessToken = await core.accounts.accessToken('ada@sandbox.test')
  const secrets = [...refreshTokens, accessToken, sandbox.clientSecret]

  const said = JSON.stringify({ answers, events })
  assert.ok(events.length > 5, 'events were recorded')
  for (const secret of secrets) assert.ok(!said.includes(secret), 'a secret crossed the contract')
  assert.doesNotMatch(said, /sbx-|verifier|refresh_token|access_token|client_secret/)

  for (const name of await readdir(dir, { recursive: true })) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => '')
    for (const secret of secrets) assert.ok(!text.includes(secret), `${name} holds a secret`)
    assert.doesNotMatch(text, /sbx-/)
  }
  // The browser only ever sees the challenge, never the verifier or the secret.
  for (const url of openedUrls) {
    assert.doesNotMatch(url, /code_verifier|client_secret/)
    assert.ok(!url.includes(sandbox.clientSecret))
  }
})
