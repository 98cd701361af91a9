import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '../../../src/sandbox/index'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { httpBrowser } from '../../helpers/consent'
import { draftFields, FAST, newDraft, outboxState } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'
import { tempDir } from '../../helpers/temp-dir'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

/** A core whose browser records what it was asked to open after the sign-in. */
async function coreWithBrowser(t: Parameters<typeof tempDir>[0], timing = FAST) {
  const dataDir = await tempDir(t)
  const browser = httpBrowser([{ identity: ADA }])
  const opened: string[] = []
  let signedIn = false
  const openExternal = async (url: string) => {
    if (signedIn) opened.push(url)
    else await browser.openExternal(url)
  }
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, testService(), openExternal),
    { sendTiming: timing },
  )
  ok(await core.handlers['accounts.add'](undefined))
  signedIn = true
  return { core, dataDir, opened }
}

test('Open in Gmail opens the message Gmail answered for, on the sandbox’s mailbox page', async (t) => {
  const { core, opened } = await coreWithBrowser(t)
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  await outboxState(core, queued.id, ['sent'])
  const gmailId = sandbox.mailbox().at(-1)!.id
  assert.deepEqual(ok(await core.handlers['outbox.openInGmail']({ id: queued.id })), {
    opened: true,
  })
  assert.deepEqual(opened, [
    `${new URL('/_sandbox/mailbox.html', sandbox.url).href}#message-${gmailId}`,
  ])
})

test('a message not sent yet can be neither opened in Gmail nor copied', async (t) => {
  const { core, opened } = await coreWithBrowser(t, { ...FAST, undoDelayMs: 60_000 })
  const queued = ok(await core.handlers['mail.send']({ draftId: await newDraft(core) }))
  assert.equal(queued.state, 'scheduled')
  assert.equal(
    failed(await core.handlers['outbox.openInGmail']({ id: queued.id })).code,
    'not-found',
  )
  assert.equal(failed(await core.handlers['outbox.copyAsNew']({ id: queued.id })).code, 'not-found')
  assert.deepEqual(opened, [])
  assert.equal(ok(await core.handlers['drafts.list'](undefined)).length, 0)
})

test('Copy as new message makes a draft with the same fields and files; a gone file is named', async (t) => {
  const { core, dataDir } = await coreWithBrowser(t)
  const kept = join(dataDir, 'kept.txt')
  const gone = join(dataDir, 'gone.txt')
  await writeFile(kept, 'kept')
  await writeFile(gone, 'gone')
  const fields = {
    from: ADA,
    to: ['Grace Hopper <grace@example.com>'],
    cc: ['lin@example.com'],
    bcc: ['boss@example.com'],
    subject: 'Quarterly numbers',
    html: '<p>See <strong>attached</strong>.</p>',
    text: '',
  }
  const draftId = await newDraft(core, fields)
  ok(await core.handlers['attachments.addDropped']({ draftId, paths: [kept, gone] }))
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  await outboxState(core, queued.id, ['sent'])
  await rm(gone)

  const copied = ok(await core.handlers['outbox.copyAsNew']({ id: queued.id }))
  assert.notEqual(copied.draft.id, draftId)
  assert.deepEqual(
    {
      ...draftFields(),
      ...copied.draft,
      id: undefined,
      attachments: undefined,
      updatedAt: undefined,
    },
    {
      ...fields,
      // The copy keeps the message's language (the window's, English here) and format.
      lang: 'en',
      format: 'rich',
      id: undefined,
      attachments: undefined,
      updatedAt: undefined,
      outboxId: null,
      note: null,
    },
  )
  assert.deepEqual(
    copied.draft.attachments.map((attachment) => attachment.name),
    ['kept.txt'],
  )
  assert.deepEqual(copied.missing, ['gone.txt'])
  // The copy is a draft like any other, and sending it is the person's next choice.
  assert.deepEqual(
    ok(await core.handlers['drafts.list'](undefined)).map((draft) => draft.id),
    [copied.draft.id],
  )
  const second = ok(await core.handlers['outbox.copyAsNew']({ id: queued.id }))
  assert.notEqual(second.draft.id, copied.draft.id)
})
