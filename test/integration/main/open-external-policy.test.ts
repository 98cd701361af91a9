import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Sandbox } from '../../../src/sandbox/index'
import { openExternalChecked } from '../../../src/main/external-url'
import { createLogger, type LogLevel } from '../../../src/main/log'
import { httpBrowser } from '../../helpers/consent'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

/** main.ts's opener around a browser stand-in: the policy, the log, then `open`. */
function opener(open: (href: string) => Promise<void>, httpOrigins: string[]) {
  const logged: { level: LogLevel; line: string }[] = []
  const log = createLogger((level, line) => logged.push({ level, line }))
  return {
    logged,
    openExternal: (url: string) => openExternalChecked(url, open, log, { httpOrigins }),
  }
}

test('a sign-in URL the policy refuses fails with invalid-input, not browser-unavailable, and is logged', async (t) => {
  const opened: string[] = []
  // Without the sandbox's origin, its http authorization page is refused like any http page.
  const { logged, openExternal } = opener(async (href) => {
    opened.push(href)
  }, [])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), openExternal),
    { verifyAtStart: false },
  )
  const error = failed(await core.handlers['accounts.add'](undefined))
  assert.equal(error.code, 'invalid-input')
  assert.match(error.message, /only secure web pages \(https\) and plain mail addresses/)
  assert.deepEqual(opened, [])
  assert.deepEqual(logged, [
    {
      level: 'warn',
      line: 'Refused to open a link outside Postline {"scheme":"http:","reason":"http is allowed only for the sandbox"}',
    },
  ])
  assert.deepEqual(ok(await core.handlers['accounts.list'](undefined)), [])
})

test('a browser that will not start is still browser-unavailable', async (t) => {
  const { openExternal } = opener(async () => {
    throw new Error('xdg-open: no method available for opening')
  }, [new URL(sandbox.endpoints.authorizationUrl).origin])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), openExternal),
    { verifyAtStart: false },
  )
  assert.equal(failed(await core.handlers['accounts.add'](undefined)).code, 'browser-unavailable')
})

test('with the sandbox’s origin named, the sign-in opens the checked href and completes', async (t) => {
  const browser = httpBrowser([{ identity: ADA }])
  const handed: string[] = []
  const { logged, openExternal } = opener(
    async (href) => {
      handed.push(href)
      await browser.openExternal(href)
    },
    [new URL(sandbox.endpoints.authorizationUrl).origin],
  )
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, await tempDir(t), testService(), openExternal),
    { verifyAtStart: false },
  )
  assert.equal(ok(await core.handlers['accounts.add'](undefined)).email, ADA)
  assert.equal(handed.length, 1)
  assert.equal(handed[0], new URL(handed[0]!).href, 'the normalised href')
  assert.ok(handed[0]!.startsWith(sandbox.endpoints.authorizationUrl))
  assert.deepEqual(logged, [])
})
