import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { GMAIL_SEND_SCOPE, GOOGLE_ENDPOINTS, SCOPES } from '../../../src/main/google-endpoints'
import { GMAIL_MAX_MESSAGE_BYTES } from '../../../src/shared/message-size'
import { googleFacts } from '../../../src/sandbox/index'

// The app and the sandbox each write Google's facts down on their own (the sandbox from Google's
// documentation, see src/sandbox/google-facts.ts). If either drifts, these fail.

test("the app's Google endpoints are the sandbox's", () => {
  assert.deepEqual({ ...GOOGLE_ENDPOINTS }, { ...googleFacts.GOOGLE_ENDPOINT_URLS })
})

test("the app asks for the sandbox's gmail.send scope, which users.messages.send accepts", () => {
  assert.equal(GMAIL_SEND_SCOPE, googleFacts.GMAIL_SEND_SCOPE)
  assert.ok(SCOPES.includes(googleFacts.GMAIL_SEND_SCOPE))
  assert.ok(googleFacts.GMAIL_SEND_SCOPES.includes(GMAIL_SEND_SCOPE))
})

test("the app's message size limit is the sandbox's (35 MB)", () => {
  assert.equal(GMAIL_MAX_MESSAGE_BYTES, googleFacts.GMAIL_MAX_MESSAGE_BYTES)
  assert.equal(googleFacts.GMAIL_MAX_MESSAGE_BYTES, 35 * 1024 * 1024)
})

test("the Gmail client the app sends with uses the sandbox's send and upload paths", async () => {
  // The app does not write these paths itself: @googleapis/gmail builds them. Read its source.
  const source = await readFile(require.resolve('@googleapis/gmail/build/v1.js'), 'utf8')
  const asTemplate = (path: string): string => `'${path.replace(':userId', '{userId}')}'`
  assert.ok(source.includes(`rootUrl + ${asTemplate(googleFacts.GMAIL_SEND_PATH)}`))
  assert.ok(source.includes(`rootUrl + ${asTemplate(googleFacts.GMAIL_UPLOAD_PATH)}`))
})
