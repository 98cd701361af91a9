/**
 * A really full disk: the data folder is a 2 MB tmpfs (mounted for the test, so it needs root; CI
 * runs as root), filled to the last page. drafts.save (and attaching, and Send) must answer
 * `disk-full`, leave no temporary file, keep what was saved before (on disk and in memory: disk
 * first), and work again once space is freed. The real core, the real kernel's ENOSPC: no injected fault.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type PostlineCore } from '../../../src/main/core'
import type { Sandbox } from '../../../src/sandbox/index'
import type { Draft, DraftFields } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import { httpBrowser } from '../../helpers/consent'
import { ok, sandboxOptions, testService } from '../../helpers/core'
import { draftFields } from '../../helpers/sending'
import { sandboxForFile } from '../../helpers/sandbox'
import { cannotMount, fill, unmount } from '../../helpers/tmpfs'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

async function temporaryFiles(dataDir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of ['drafts', 'outbox']) {
    const names = await readdir(join(dataDir, folder)).catch(() => [])
    found.push(...names.filter((name) => name.endsWith('.tmp')).map((name) => `${folder}/${name}`))
  }
  return found
}

function describe(result: Result<unknown>): string {
  return result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`
}

test('a full disk (2 MB tmpfs): drafts.save answers disk-full, keeps what was saved, works again once space is freed', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'postline-full-'))
  const reason = await cannotMount(dataDir)
  if (reason !== null) {
    await rmdir(dataDir)
    t.skip(reason)
    return
  }
  const keychainService = testService()
  const browser = httpBrowser([{ identity: 'ada@sandbox.test' }])
  const start = () =>
    createCore(sandboxOptions(sandbox, dataDir, keychainService, browser.openExternal), {
      verifyAtStart: false,
      // Send waits out the undo delay: nothing leaves, only the outbox is written.
      sendTiming: { undoDelayMs: 600_000 },
    })
  let core: PostlineCore | undefined
  const saved = new Map<string, DraftFields>()
  let newAnswer!: Result<unknown>
  let updateAnswer!: Result<unknown>
  let leftAfterFailure!: string[]
  let memoryAfterFailure!: { listed: boolean; updatedSubject: string | undefined }
  let filled!: number
  let attachAnswer!: Result<Draft>
  let sendAnswer!: Result<unknown>
  let afterSend!: { outbox: number; draftInOutbox: string | null; attachments: number }
  const attachment = join(tmpdir(), `postline-full-attachment-${process.pid}.txt`)
  await writeFile(attachment, 'an attachment outside the full disk\n')
  t.after(() => rm(attachment, { force: true }))
  try {
    core = await start()
    ok(await core.handlers['accounts.add'](undefined))
    // Three drafts saved while there is room, one of them ~300 kB.
    for (const [n, html] of [
      '<p>one</p>',
      `<p>${'b'.repeat(300_000)}</p>`,
      '<p>three</p>',
    ].entries()) {
      const fields = draftFields({ subject: `Saved ${n}`, html })
      saved.set(ok(await core.handlers['drafts.save']({ fields })).id, fields)
    }
    filled = await fill(join(dataDir, 'filler'))

    // A new draft and a change to a saved one, on a disk with no page left.
    newAnswer = await core.handlers['drafts.save']({
      fields: draftFields({
        subject: 'Written on a full disk',
        html: `<p>${'n'.repeat(20_000)}</p>`,
      }),
    })
    const [firstId, firstFields] = [...saved][0]!
    updateAnswer = await core.handlers['drafts.save']({
      id: firstId,
      fields: {
        ...firstFields,
        subject: 'Changed on a full disk',
        html: `<p>${'c'.repeat(20_000)}</p>`,
      },
    })
    leftAfterFailure = await temporaryFiles(dataDir)
    const list = ok(await core.handlers['drafts.list'](undefined))
    memoryAfterFailure = {
      listed: list.some((entry) => entry.subject === 'Written on a full disk'),
      updatedSubject: ok(await core.handlers['drafts.get']({ id: firstId })).subject,
    }
    // Attaching writes the draft's record; Send writes the built message and the outbox item.
    const [thirdId] = [...saved.keys()].slice(2)
    attachAnswer = await core.handlers['attachments.addDropped']({
      draftId: thirdId!,
      paths: [attachment],
    })
    sendAnswer = await core.handlers['mail.send']({ draftId: thirdId! })
    const thirdNow = ok(await core.handlers['drafts.get']({ id: thirdId! }))
    afterSend = {
      outbox: ok(await core.handlers['outbox.list'](undefined)).length,
      draftInOutbox: thirdNow.outboxId,
      attachments: thirdNow.attachments.length,
    }
    leftAfterFailure.push(...(await temporaryFiles(dataDir)))
  } catch (error) {
    await core?.close().catch(() => {})
    await unmount(dataDir)
    await rmdir(dataDir).catch(() => {})
    throw error
  }

  t.diagnostic(
    `filled ${filled} bytes; new draft: ${describe(newAnswer)}; change: ${describe(updateAnswer)}`,
  )
  t.diagnostic(
    `attach: ${describe(attachAnswer)}; send: ${describe(sendAnswer)}; then ${JSON.stringify(afterSend)}`,
  )
  t.diagnostic(`temporary files after the failures: ${leftAfterFailure.join(', ') || 'none'}`)

  // What is on disk now is what was saved before the disk filled up.
  const onDisk = async () => {
    const contents = new Map<string, { subject: string; html: string }>()
    for (const name of await readdir(join(dataDir, 'drafts'))) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue
      const record = JSON.parse(await readFile(join(dataDir, 'drafts', name), 'utf8')) as {
        id: string
        fields: DraftFields
      }
      contents.set(record.id, { subject: record.fields.subject, html: record.fields.html })
    }
    return contents
  }
  const diskWhileFull = await onDisk()

  // Free the space: the next save works, and a restart finds every draft.
  await rm(join(dataDir, 'filler'))
  const [firstId, firstFields] = [...saved][0]!
  const retried = await core.handlers['drafts.save']({
    id: firstId,
    fields: { ...firstFields, subject: 'Changed after freeing space' },
  })
  const created = await core.handlers['drafts.save']({
    fields: draftFields({ subject: 'Written after freeing space' }),
  })
  await core.close()
  const restarted = await start()
  const afterRestart = new Map(
    await Promise.all(
      [...saved.keys()].map(
        async (id) => [id, await restarted.handlers['drafts.get']({ id })] as const,
      ),
    ),
  )
  const listedAfterRestart = ok(await restarted.handlers['drafts.list'](undefined))
  const leftAfterRestart = await temporaryFiles(dataDir)
  await restarted.close()
  await unmount(dataDir)
  await rmdir(dataDir)

  await t.test('drafts.save answers disk-full, for a new draft and for a change', () => {
    assert.equal(newAnswer.ok ? 'ok' : newAnswer.error.code, 'disk-full')
    assert.equal(updateAnswer.ok ? 'ok' : updateAnswer.error.code, 'disk-full')
  })
  await t.test('attaching and Send answer disk-full and change nothing', () => {
    assert.equal(attachAnswer.ok ? 'ok' : attachAnswer.error.code, 'disk-full')
    assert.equal(sendAnswer.ok ? 'ok' : sendAnswer.error.code, 'disk-full')
    assert.deepEqual(afterSend, { outbox: 0, draftInOutbox: null, attachments: 0 })
  })
  await t.test('no temporary file is left behind by the failed saves, nor after a restart', () => {
    assert.deepEqual(leftAfterFailure, [])
    assert.deepEqual(leftAfterRestart, [])
  })
  await t.test(
    'memory keeps what the disk has (disk first): the failed saves changed nothing',
    () => {
      assert.equal(memoryAfterFailure.listed, false, 'the draft that was never written is listed')
      assert.equal(memoryAfterFailure.updatedSubject, 'Saved 0')
    },
  )
  await t.test('the drafts saved before the disk filled up are intact on disk', () => {
    assert.equal(diskWhileFull.size, saved.size)
    for (const [id, fields] of saved) {
      assert.deepEqual(diskWhileFull.get(id), { subject: fields.subject, html: fields.html })
    }
  })
  await t.test('after freeing space the next saves succeed and survive a restart', () => {
    assert.equal(describe(retried), 'ok')
    assert.equal(describe(created), 'ok')
    for (const [id, fields] of saved) {
      const draft = ok(afterRestart.get(id)!)
      assert.equal(draft.subject, id === firstId ? 'Changed after freeing space' : fields.subject)
      assert.equal(draft.html, fields.html)
    }
    assert.ok(listedAfterRestart.some((entry) => entry.subject === 'Written after freeing space'))
  })
})
