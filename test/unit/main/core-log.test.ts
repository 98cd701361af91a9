import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { GOOGLE_ENDPOINTS } from '../../../src/main/google-endpoints'
import type { LogLevel } from '../../../src/main/log'
import { createLogger } from '../../../src/main/log'
import { failed, startCore, testService } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'

test('an internal failure in a handler goes to the core’s logger, redacted; the window hears nothing internal', async (t) => {
  const lines: { level: LogLevel; line: string }[] = []
  const secret = `GOCSPX-${randomBytes(21).toString('base64url')}`
  const { core } = await startCore(
    t,
    {
      dataDir: await tempDir(t, 'postline-core-log-'),
      keychainService: testService(),
      mode: 'sandbox',
      endpoints: GOOGLE_ENDPOINTS,
      clientId: 'client.apps.googleusercontent.com',
      clientSecret: secret,
      openExternal: async () => undefined,
      settings: {
        get: async () => {
          throw new TypeError(`cannot read the client (secret ${secret})`)
        },
        save: async () => {
          throw new Error('unused')
        },
        clear: async () => {
          throw new Error('unused')
        },
      },
      log: createLogger((level, line) => lines.push({ level, line })),
    },
    { verifyAtStart: false },
  )

  const error = failed(await core.handlers['settings.get'](undefined))
  assert.equal(error.code, 'internal')
  assert.ok(!error.message.includes('cannot read'), 'the window gets no internal detail')
  assert.equal(lines.length, 1)
  assert.equal(lines[0]?.level, 'error')
  assert.match(
    lines[0]?.line ?? '',
    /^A request from the window failed {"channel":"settings\.get","error":"TypeError: cannot read the client \(secret \[client-secret\]\)","at":"[^"]*core-log\.test\.ts:\d+:\d+/,
  )
  assert.ok(!lines[0]?.line.includes(secret))

  lines.length = 0
  assert.equal(failed(await core.handlers['drafts.get']({ id: 42 })).code, 'invalid-input')
  // A known failure is the window's to word in the person's language; the log keeps its English.
  assert.deepEqual(lines, [
    {
      level: 'info',
      line: 'A request from the window was refused {"channel":"drafts.get","code":"invalid-input","sentence":"The request was not understood (id)."}',
    },
  ])
})
