import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Sandbox } from '../../../src/sandbox/index'
import { DraftsStore } from '../../../src/main/store/drafts-store'
import { ok, sandboxOptions, startCore } from '../../helpers/core'
import { coreWithAccounts, FAST, newDraft, outboxState, requestCount } from '../../helpers/sending'
import { sandboxForFile } from '../../helpers/sandbox'

const CHILD = join(__dirname, '..', 'fixtures', 'core-child.ts')
const GMAIL = '/gmail/v1/users/me/messages/send'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

/** Starts the child and resolves once it printed a line that `until` accepts; then kills it -9. */
async function killWhen(
  config: object,
  until: (line: string) => boolean,
  alsoWhen: () => boolean = () => true,
): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--unhandled-rejections=strict', '--import', 'tsx', CHILD],
    {
      env: { ...process.env, POSTLINE_CHILD_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  let seen = ''
  for await (const line of createInterface({ input: child.stdout })) {
    seen = line
    if (until(line)) break
  }
  // The sandbox has no event for "request arrived"; look every few milliseconds, for 10 s at most.
  for (let i = 0; i < 1000 && !alsoWhen(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10))
  child.kill('SIGKILL')
  // It died of the kill, not of an unhandled rejection or an exception before it.
  assert.equal(await exited, 'SIGKILL')
  return seen
}

test('a kill -9 in the middle of a send leaves the message as “may have been sent”, never resent on its own', async (t) => {
  const { core, dataDir, keychainService } = await coreWithAccounts(t, sandbox, [
    'ada@sandbox.test',
  ])
  const draftId = await newDraft(core, { subject: 'Interrupted' })
  await core.close()

  sandbox.failNext(GMAIL, { kind: 'delay', ms: 20_000 })
  const before = requestCount(sandbox, GMAIL)
  const line = await killWhen(
    {
      mode: 'send',
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      dataDir,
      service: keychainService,
      draftId,
    },
    (text) => text === 'SENDING' || text.startsWith('FAILED'),
    // Kill only once the request reached Google (the sandbox holds it), so it is truly mid-send.
    () => requestCount(sandbox, GMAIL) > before,
  )
  assert.equal(line, 'SENDING')

  const restarted = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, async () => {}),
    { sendTiming: FAST },
  )
  const gmailCalls = requestCount(sandbox, GMAIL)
  const [item] = ok(await restarted.core.handlers['outbox.list'](undefined))
  assert.equal(item?.state, 'unknown')
  assert.match(item?.error?.message ?? '', /may have been sent/)
  // Nothing is lost: the draft is still there, waiting for the person's decision.
  assert.equal(
    ok(await restarted.core.handlers['drafts.get']({ id: draftId })).subject,
    'Interrupted',
  )

  ok(await restarted.core.handlers['outbox.sendAgain']({ id: item!.id }))
  const sent = await outboxState(restarted.core, item!.id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')
  assert.equal(requestCount(sandbox, GMAIL) - gmailCalls, 1)
})

test('a kill -9 while drafts are being saved loses no saved draft and leaves no damaged file', async (t) => {
  const { core, dataDir, keychainService } = await coreWithAccounts(t, sandbox, [])
  const draftId = await newDraft(core)
  await core.close()
  const line = await killWhen(
    {
      mode: 'save',
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      dataDir,
      service: keychainService,
      draftId,
    },
    (text) => text === 'SAVED 30',
  )
  const confirmed = Number(line.split(' ')[1])
  const store = await DraftsStore.open(dataDir)
  const subject = (await store.read(draftId)).fields.subject
  assert.ok(
    Number(subject.slice(1)) >= confirmed,
    `${subject} is older than the confirmed v${confirmed}`,
  )
  assert.deepEqual(
    store.list().map((d) => d.id),
    [draftId],
  )
})
