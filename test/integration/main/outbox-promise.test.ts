// The outbox's promise under disk faults and races: at most once, disk first, nothing lost.
// Faults are injected at the file-system port (src/main/store/file-system.ts) the stores use.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFile, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GmailTransport } from '../../../src/main/mail/gmail-transport'
import type { MailTransport } from '../../../src/main/mail/types'
import type { Sandbox } from '../../../src/sandbox/index'
import { faultyFileSystem, type FaultyFileSystem } from '../../../src/main/store/file-system'
import { failed, ok, sandboxOptions, startCore } from '../../helpers/core'
import {
  afterAttempt,
  coreWithAccounts,
  draftFields,
  FAST,
  newDraft,
  outboxState,
  outboxWhere,
} from '../../helpers/sending'
import { tempDir } from '../../helpers/temp-dir'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

const GMAIL = '/gmail/v1/users/me/messages/send'

/** Deliveries the sandbox received per Message-ID. */
function deliveries(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of sandbox.mailbox()) {
    const id = /^Message-ID:\s*(<[^>]+>)/im.exec(message.raw.toString('latin1'))?.[1] ?? '?'
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

const outboxRecordWrite = (path: string) => /[/\\]outbox[/\\]\..+\.json\.[0-9a-f]+\.tmp$/.test(path)
const draftRecordWrite = (path: string) => /[/\\]drafts[/\\]\..+\.json\.[0-9a-f]+\.tmp$/.test(path)

async function temporaryFiles(dataDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['drafts', 'outbox']) {
    const names = await readdir(join(dataDir, folder)).catch(() => [] as string[])
    found.push(...names.filter((name) => name.endsWith('.tmp')))
  }
  return found
}

/** A transport that runs `afterSend` once Gmail has accepted a message, before answering. */
function transportThen(afterSend: () => void): MailTransport {
  const real = new GmailTransport({ rootUrl: sandbox.endpoints.gmailRootUrl })
  return {
    async send(request) {
      const sent = await real.send(request)
      afterSend()
      return sent
    },
  }
}

test('Gmail accepts, then the disk refuses to record "sent": unknown, never failed, never resent', async (t) => {
  const fs = faultyFileSystem()
  const transport = transportThen(() =>
    fs.setFaults([{ op: 'write', code: 'ENOSPC', match: outboxRecordWrite }]),
  )
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA], FAST, undefined, undefined, {
    fs,
    transport,
  })
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  const item = await afterAttempt(core, queued.id, ['unknown', 'failed', 'sent', 'queued'])
  assert.equal(item.state, 'unknown')
  assert.equal(item.error?.code, 'disk-full')
  assert.match(item.error?.message ?? '', /Gmail accepted this message/)
  // Nothing sends it again on its own: Retry refuses, and waiting sends nothing.
  assert.equal(failed(await core.handlers['outbox.retry']({ id: queued.id })).code, 'busy')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(sandbox.mailbox().length - before, 1)
  // The draft is not editable: it still belongs to the message that may have been sent.
  assert.ok(!ok(await core.handlers['drafts.list'](undefined)).some((d) => d.id === draftId))
  assert.equal(
    failed(await core.handlers['drafts.save']({ id: draftId, fields: draftFields() })).code,
    'busy',
  )
  assert.deepEqual(await temporaryFiles(dataDir), [])

  // The disk says `sending`, which the next start reads as "may have been sent".
  const record = JSON.parse(await readFile(join(dataDir, 'outbox', `${queued.id}.json`), 'utf8'))
  assert.equal(record.state, 'sending')
  fs.setFaults([])
  await core.close()
  const { core: again } = await coreWithAccounts(t, sandbox, [], FAST, dataDir)
  const after = ok(await again.handlers['outbox.list'](undefined)).find((i) => i.id === queued.id)
  assert.equal(after?.state, 'unknown')
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(sandbox.mailbox().length - before, 1)
})

test('the outbox record cannot be written at Send: disk-full, nothing queued, nothing sent, the draft stays', async (t) => {
  const fs = faultyFileSystem()
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA], FAST, undefined, undefined, {
    fs,
  })
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  fs.setFaults([{ op: 'write', code: 'ENOSPC', match: outboxRecordWrite }])
  const refused = failed(await core.handlers['mail.send']({ draftId }))
  assert.equal(refused.code, 'disk-full')
  assert.match(refused.message, /outbox/)
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.ok(ok(await core.handlers['drafts.list'](undefined)).some((d) => d.id === draftId))
  assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).outboxId, null)
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(sandbox.mailbox().length, before)
  assert.deepEqual(await temporaryFiles(dataDir), [])
  assert.deepEqual(
    (await readdir(join(dataDir, 'outbox'))).filter((n) => n.endsWith('.eml')),
    [],
  )

  // Space is freed: Send works, once.
  fs.setFaults([])
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  assert.equal(sandbox.mailbox().length - before, 1)
})

test('the draft cannot be marked at Send: disk-full and nothing queued', async (t) => {
  const fs = faultyFileSystem()
  const { core } = await coreWithAccounts(t, sandbox, [ADA], FAST, undefined, undefined, { fs })
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  fs.setFaults([{ op: 'sync', code: 'EIO', match: draftRecordWrite }])
  assert.equal(failed(await core.handlers['mail.send']({ draftId })).code, 'disk-error')
  fs.setFaults([])
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(sandbox.mailbox().length, before)
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.ok(ok(await core.handlers['drafts.list'](undefined)).some((d) => d.id === draftId))
})

test('two Sends of one draft at once make one outbox item and one delivery', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA], { ...FAST, undoDelayMs: 200 })
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  const [a, b] = await Promise.all([
    core.handlers['mail.send']({ draftId }),
    core.handlers['mail.send']({ draftId }),
  ])
  assert.equal(ok(a).id, ok(b).id)
  assert.equal(ok(await core.handlers['outbox.list'](undefined)).length, 1)
  const sent = await outboxState(core, ok(a).id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(sandbox.mailbox().length - before, 1)
  assert.ok([...deliveries().values()].every((count) => count === 1))
})

test('files dropped while Send is pressed: the message carries exactly the attachments shown', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const folder = join(dataDir, 'files')
  await mkdir(folder)
  const paths = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const path = join(folder, `file-${i}.txt`)
      await writeFile(path, `file ${i}\n`)
      return path
    }),
  )
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  // The window sends the drop first, then Send, without waiting in between.
  const attached = core.handlers['attachments.addDropped']({ draftId, paths })
  const sending = core.handlers['mail.send']({ draftId })
  const shown = ok(await attached)
  const queued = ok(await sending)
  assert.equal(shown.attachments.length, 40)
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const raw = sandbox.mailbox().slice(before)[0]!.raw.toString('latin1')
  assert.equal((raw.match(/Content-Disposition: attachment/g) ?? []).length, 40)
  // The sent draft never comes back editable: not listed, not savable, and soon gone.
  assert.ok(!ok(await core.handlers['drafts.list'](undefined)).some((d) => d.id === draftId))
  const save = failed(await core.handlers['drafts.save']({ id: draftId, fields: draftFields() }))
  assert.ok(['busy', 'not-found'].includes(save.code), save.code)
  await core.sending.close()
  assert.equal(failed(await core.handlers['drafts.get']({ id: draftId })).code, 'not-found')
})

test('a save on a full disk answers disk-full, leaves no temporary file, and works once space is back', async (t) => {
  const fs = faultyFileSystem()
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [], FAST, undefined, undefined, {
    fs,
  })
  const draftId = await newDraft(core, { subject: 'kept' })
  fs.setFaults([{ op: 'write', code: 'ENOSPC', match: draftRecordWrite }])
  const refused = failed(
    await core.handlers['drafts.save']({ id: draftId, fields: draftFields({ subject: 'lost?' }) }),
  )
  assert.equal(refused.code, 'disk-full')
  assert.match(refused.message, /drafts/)
  assert.match(refused.message, /as last saved is kept/)
  // A new draft that could not be written does not appear.
  assert.equal(
    failed(await core.handlers['drafts.save']({ fields: draftFields() })).code,
    'disk-full',
  )
  const listed = ok(await core.handlers['drafts.list'](undefined))
  assert.deepEqual(
    listed.map((d) => d.subject),
    ['kept'],
  )
  assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).subject, 'kept')
  assert.deepEqual(await temporaryFiles(dataDir), [])
  fs.setFaults([])
  ok(await core.handlers['drafts.save']({ id: draftId, fields: draftFields({ subject: 'saved' }) }))
  const onDisk = JSON.parse(await readFile(join(dataDir, 'drafts', `${draftId}.json`), 'utf8'))
  assert.equal(onDisk.fields.subject, 'saved')
})

test('each disk fault has its own code, never internal', async (t) => {
  const fs = faultyFileSystem()
  const { core } = await coreWithAccounts(t, sandbox, [], FAST, undefined, undefined, { fs })
  const draftId = await newDraft(core)
  for (const [errno, code] of [
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'read-only'],
    ['EPERM', 'read-only'],
    ['EIO', 'disk-error'],
  ] as const) {
    for (const op of ['open', 'write', 'sync', 'rename'] as const) {
      fs.setFaults([{ op, code: errno, match: draftRecordWrite }])
      const answer = failed(
        await core.handlers['drafts.save']({ id: draftId, fields: draftFields() }),
      )
      assert.equal(answer.code, code, `${errno} on ${op}`)
    }
  }
  fs.setFaults([])
  ok(await core.handlers['drafts.save']({ id: draftId, fields: draftFields() }))
})

test('an attachment changed, replaced or turned into a link after attaching stops the send, by name', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA])
  const before = sandbox.mailbox().length
  const attachThen = async (name: string, change: (path: string) => Promise<void>) => {
    const path = join(dataDir, name)
    await writeFile(path, 'the bytes that were attached\n')
    const draftId = await newDraft(core)
    ok(await core.handlers['attachments.addDropped']({ draftId, paths: [path] }))
    await change(path)
    return { draftId, answer: failed(await core.handlers['mail.send']({ draftId })) }
  }
  const cases = [
    await attachThen('edited.txt', (path) => appendFile(path, 'more\n')),
    await attachThen('same-size.txt', async (path) => {
      // Same size and a restored modification time: only the hash can tell.
      const { stat, utimes } = await import('node:fs/promises')
      const info = await stat(path)
      await writeFile(path, 'THE BYTES THAT WERE ATTACHED\n')
      await utimes(path, info.atime, info.mtime)
    }),
    await attachThen('linked.txt', async (path) => {
      const secret = join(dataDir, 'secret.txt')
      await writeFile(secret, 'not for sending\n')
      await rm(path)
      await symlink(secret, path)
    }),
    await attachThen('gone.txt', (path) => rm(path)),
  ]
  for (const [index, { answer }] of cases.entries()) {
    assert.equal(answer.code, 'attachment-changed')
    assert.match(
      answer.message,
      [/edited\.txt/, /same-size\.txt/, /linked\.txt/, /gone\.txt/][index]!,
    )
  }
  // Nothing went out, nothing waits in the outbox, the drafts are still there to fix.
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(sandbox.mailbox().length, before)
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.equal(ok(await core.handlers['drafts.list'](undefined)).length, cases.length)
  assert.deepEqual(await readdir(join(dataDir, 'outbox')), [])
})

test('undo whose draft write fails still takes the message back: the draft reads as editable', async (t) => {
  const fs = faultyFileSystem()
  const { core, dataDir } = await coreWithAccounts(
    t,
    sandbox,
    [ADA],
    { ...FAST, undoDelayMs: 400 },
    undefined,
    undefined,
    { fs },
  )
  const draftId = await newDraft(core)
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  fs.setFaults([{ op: 'write', code: 'ENOSPC', match: draftRecordWrite }])
  const back = ok(await core.handlers['mail.undo']({ outboxId: queued.id }))
  assert.equal(back.outboxId, null)
  await new Promise((resolve) => setTimeout(resolve, 600))
  assert.equal(sandbox.mailbox().length, before)
  assert.ok(ok(await core.handlers['drafts.list'](undefined)).some((d) => d.id === draftId))
  fs.setFaults([])
  ok(
    await core.handlers['drafts.save']({ id: draftId, fields: draftFields({ subject: 'edited' }) }),
  )
  // After a restart the dangling link is cleared on disk too.
  await core.close()
  const { core: again } = await coreWithAccounts(t, sandbox, [], FAST, dataDir)
  assert.equal(ok(await again.handlers['drafts.get']({ id: draftId })).subject, 'edited')
})

test('a damaged outbox file is set aside on its own: its draft comes back, the window is told', async (t) => {
  const { core, dataDir, keychainService } = await coreWithAccounts(t, sandbox, [ADA], {
    ...FAST,
    undoDelayMs: 60_000,
  })
  const keep = await newDraft(core, { subject: 'in the outbox' })
  const damagedDraft = await newDraft(core, { subject: 'damaged item' })
  const kept = ok(await core.handlers['mail.send']({ draftId: keep }))
  const damaged = ok(await core.handlers['mail.send']({ draftId: damagedDraft }))
  await core.close()
  await writeFile(join(dataDir, 'outbox', `${damaged.id}.json`), '{"version":1,"id":')
  await writeFile(join(dataDir, 'drafts', 'not-a-draft.json'), '[]')
  await writeFile(join(dataDir, 'drafts', '.leftover.json.abcdef.tmp'), 'half a write')
  const { core: again } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, async () => {}),
    { verifyAtStart: false, sendTiming: { ...FAST, undoDelayMs: 60_000 } },
  )
  const outbox = ok(await again.handlers['outbox.list'](undefined))
  assert.deepEqual(
    outbox.map((i) => i.id),
    [kept.id],
  )
  const drafts = ok(await again.handlers['drafts.list'](undefined))
  assert.deepEqual(
    drafts.map((d) => d.subject),
    ['damaged item'],
  )
  ok(await again.handlers['drafts.save']({ id: damagedDraft, fields: draftFields() }))
  const status = ok(await again.handlers['app.status'](undefined))
  assert.equal(status.readOnly, null)
  assert.deepEqual(status.setAside.map((file) => file.kind).sort(), ['draft', 'outbox'])
  for (const file of status.setAside) assert.match(file.path, /\.damaged-\d+$/)
  assert.deepEqual(await temporaryFiles(dataDir), [])
})

test('a file where the drafts folder should be is set aside; start-up goes on', async (t) => {
  const dataDir = await tempDir(t)
  await writeFile(join(dataDir, 'drafts'), 'I am a file')
  const { core } = await coreWithAccounts(t, sandbox, [], FAST, dataDir)
  ok(await core.handlers['drafts.save']({ fields: draftFields() }))
  const status = ok(await core.handlers['app.status'](undefined))
  assert.equal(status.setAside.length, 1)
  assert.match(status.setAside[0]!.path, /drafts\.damaged-\d+$/)
  assert.equal(await readFile(status.setAside[0]!.path, 'utf8'), 'I am a file')
})

test('a read-only data folder opens read-only: what was saved is shown, changes answer read-only', async (t) => {
  const dataDir = await tempDir(t)
  {
    const { core } = await coreWithAccounts(t, sandbox, [], FAST, dataDir)
    await newDraft(core, { subject: 'from before' })
    await core.close()
  }
  const fs: FaultyFileSystem = faultyFileSystem()
  fs.setFaults(
    (['open', 'mkdir', 'rename', 'rm', 'access'] as const).map((op) => ({
      op,
      code: 'EROFS',
      match: (path: string) =>
        path.startsWith(dataDir) && !(op === 'open' && path === join(dataDir, 'drafts')),
    })),
  )
  const { core } = await coreWithAccounts(t, sandbox, [], FAST, dataDir, undefined, { fs })
  const status = ok(await core.handlers['app.status'](undefined))
  assert.deepEqual(status.readOnly, { folder: dataDir, code: 'EROFS' })
  assert.deepEqual(
    ok(await core.handlers['drafts.list'](undefined)).map((d) => d.subject),
    ['from before'],
  )
  const refused = failed(await core.handlers['drafts.save']({ fields: draftFields() }))
  assert.equal(refused.code, 'read-only')
  assert.match(refused.message, new RegExp(dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
})

test('signing out withdraws the account’s messages first: waiting ones and one on the wire come back as drafts with a note', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA], { ...FAST, undoDelayMs: 300 })
  // One message goes out after its undo delay, and Gmail is slow to answer it…
  sandbox.failNext(GMAIL, { kind: 'delay', ms: 1_500 }, 1)
  const flyingDraft = await newDraft(core, { subject: 'on the wire' })
  const flying = ok(await core.handlers['mail.send']({ draftId: flyingDraft }))
  await outboxState(core, flying.id, ['sending'])
  // …while another still waits out its undo delay.
  const waitingDraft = await newDraft(core, { subject: 'waiting' })
  ok(await core.handlers['mail.send']({ draftId: waitingDraft }))
  const before = sandbox.mailbox().length
  await core.sending.withdrawAccount(ADA)
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  const drafts = ok(await core.handlers['drafts.list'](undefined))
  const note = (id: string) => drafts.find((d) => d.id === id)?.note
  assert.equal(note(waitingDraft)?.code, 'cancelled')
  assert.equal(note(waitingDraft)?.params?.mayHaveBeenSent, 0)
  assert.match(note(flyingDraft)?.message ?? '', /may have been sent/)
  assert.equal(note(flyingDraft)?.params?.mayHaveBeenSent, 1)
  // Editable again, and the note goes with the next save.
  const saved = ok(await core.handlers['drafts.save']({ id: waitingDraft, fields: draftFields() }))
  assert.equal(saved.note, null)
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.ok(sandbox.mailbox().length - before <= 1, 'the message on the wire went at most once')
})

test('signing out cancels the account’s waiting message before the revocation; it comes back as a draft with a note', async (t) => {
  const { core } = await coreWithAccounts(t, sandbox, [ADA], { ...FAST, undoDelayMs: 60_000 })
  const draftId = await newDraft(core, { subject: 'not yet' })
  ok(await core.handlers['mail.send']({ draftId }))
  const before = sandbox.mailbox().length
  ok(await core.handlers['accounts.signOut']({ email: ADA }))
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  const draft = ok(await core.handlers['drafts.list'](undefined)).find((d) => d.id === draftId)
  assert.equal(draft?.note?.code, 'cancelled')
  assert.match(draft?.note?.message ?? '', /was signed out/)
  assert.equal(sandbox.mailbox().length, before)
})

/** `bytes` of random data in a file under `dir`. */
async function bigFile(dir: string, name: string, bytes: number): Promise<string> {
  const { randomBytes } = await import('node:crypto')
  const path = join(dir, name)
  await writeFile(path, randomBytes(bytes))
  return path
}

const builtFiles = async (dataDir: string) =>
  (await readdir(join(dataDir, 'outbox'))).filter((n) => n.endsWith('.eml') || n.endsWith('.tmp'))

test('with an Undo window Send answers before the message is built; Undo during the build stops it and leaves no file', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA], {
    ...FAST,
    undoDelayMs: 60_000,
  })
  const draftId = await newDraft(core, { subject: 'big one' })
  const path = await bigFile(dataDir, 'big.bin', 20 * 1024 * 1024)
  ok(await core.handlers['attachments.addDropped']({ draftId, paths: [path] }))
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal(queued.state, 'scheduled')
  // Answered with the item recorded and the message not built yet (20 MiB take a while).
  const record = JSON.parse(await readFile(join(dataDir, 'outbox', `${queued.id}.json`), 'utf8'))
  assert.equal(record.sha256, '')
  assert.ok(!(await readdir(join(dataDir, 'outbox'))).includes(`${queued.id}.eml`))
  const draft = ok(await core.handlers['mail.undo']({ outboxId: queued.id }))
  assert.equal(draft.outboxId, null)
  assert.equal(draft.attachments.length, 1)
  assert.deepEqual(await builtFiles(dataDir), [])
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.deepEqual(await builtFiles(dataDir), [], 'no build left running')
  assert.equal(sandbox.mailbox().length, before)
})

test('a build behind the Undo window that the disk refuses: failed with disk-full, Retry builds it again and sends it once', async (t) => {
  const fs = faultyFileSystem()
  const { core, dataDir } = await coreWithAccounts(
    t,
    sandbox,
    [ADA],
    { ...FAST, undoDelayMs: 60_000 },
    undefined,
    undefined,
    { fs },
  )
  const draftId = await newDraft(core, { subject: 'no room' })
  const before = deliveries()
  fs.setFaults([{ op: 'write', code: 'ENOSPC', match: (p) => /\.eml\.[0-9a-f]+\.tmp$/.test(p) }])
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  assert.equal(queued.state, 'scheduled')
  const refused = await outboxWhere(core, queued.id, (item) => item.state === 'failed')
  assert.equal(refused.error?.code, 'disk-full')
  assert.match(refused.error?.message ?? '', /outbox/)
  assert.deepEqual(await builtFiles(dataDir), [])
  fs.setFaults([])
  ok(await core.handlers['outbox.retry']({ id: queued.id }))
  assert.equal((await outboxState(core, queued.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  const after = deliveries()
  const fresh = [...after].filter(([id, n]) => n !== (before.get(id) ?? 0))
  assert.equal(fresh.length, 1)
  assert.equal(fresh[0]![1] - (before.get(fresh[0]![0]) ?? 0), 1)
})

test('Postline stops during a build behind the Undo window: the next start builds the message and sends it once', async (t) => {
  const { core, dataDir, keychainService } = await coreWithAccounts(t, sandbox, [ADA], {
    ...FAST,
    undoDelayMs: 300,
  })
  const draftId = await newDraft(core, { subject: 'interrupted build' })
  const path = await bigFile(dataDir, 'big.bin', 8 * 1024 * 1024)
  ok(await core.handlers['attachments.addDropped']({ draftId, paths: [path] }))
  const before = sandbox.mailbox().length
  const queued = ok(await core.handlers['mail.send']({ draftId }))
  await core.close()
  assert.equal(sandbox.mailbox().length, before)
  const { core: again } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, async () => {}),
    { verifyAtStart: false, sendTiming: { ...FAST, undoDelayMs: 300 } },
  )
  const sent = await outboxState(again, queued.id, ['sent', 'failed', 'unknown'])
  assert.equal(sent.state, 'sent')
  assert.equal(sandbox.mailbox().length - before, 1)
  const raw = sandbox.mailbox().at(-1)!.raw.toString('latin1')
  assert.match(raw, /interrupted build/)
  assert.match(raw, /big\.bin/)
  assert.deepEqual(await temporaryFiles(dataDir), [])
})

test('with an Undo window an attachment changed after attaching is refused at Send, at once and by name', async (t) => {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA], {
    ...FAST,
    undoDelayMs: 60_000,
  })
  const cases: [string, (path: string) => Promise<void>, RegExp][] = [
    ['edited.txt', (path) => appendFile(path, 'more\n'), /edited\.txt” was changed/],
    ['gone.txt', (path) => rm(path), /gone\.txt” was moved or deleted/],
    [
      'linked.txt',
      async (path) => {
        const secret = join(dataDir, 'secret.txt')
        await writeFile(secret, 'not for sending\n')
        await rm(path)
        await symlink(secret, path)
      },
      /linked\.txt” became a link/,
    ],
  ]
  for (const [name, change, sentence] of cases) {
    const path = join(dataDir, name)
    await writeFile(path, 'the bytes that were attached\n')
    const draftId = await newDraft(core)
    ok(await core.handlers['attachments.addDropped']({ draftId, paths: [path] }))
    await change(path)
    const refused = failed(await core.handlers['mail.send']({ draftId }))
    assert.equal(refused.code, 'attachment-changed')
    assert.match(refused.message, sentence)
    assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).outboxId, null)
  }
  assert.deepEqual(ok(await core.handlers['outbox.list'](undefined)), [])
  assert.deepEqual(await builtFiles(dataDir), [])
})
