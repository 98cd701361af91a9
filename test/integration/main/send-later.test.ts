/**
 * Send later against the sandbox, on a test clock: a scheduled message goes out at its time and
 * not before, survives a restart, is never sent late without the person's answer (overdue →
 * Send now sends once, Edit makes the draft again), Edit / Send now / Undo do not race, a crash
 * around the due time sends at most once, and clock jumps either way are handled.
 */
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync } from 'node:fs'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import type { Sandbox } from '../../../src/sandbox/index'
import type { PostlineCore } from '../../../src/main/core'
import type { OutboxItem } from '../../../src/shared/domain'
import { nodeFileSystem, type FileSystem } from '../../../src/main/store/file-system'
import { LATE_GRACE_MS } from '../../../src/shared/send-later'
import { httpBrowser } from '../../helpers/consent'
import { failed, ok, sandboxOptions, startCore, testService } from '../../helpers/core'
import { FAST, newDraft, outboxState, outboxWhere } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'
import { tempDir } from '../../helpers/temp-dir'
import { TestClock } from '../../helpers/test-clock'

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

/** 1 December 2026, 10:00 UTC: where every test clock starts. */
const T0 = Date.UTC(2026, 11, 1, 10, 0)
const HOUR = 3_600_000
const MINUTE = 60_000
const ZONE = 'America/Sao_Paulo'

/** A core on the test clock; with `dir`, a restart on that folder (ADA already signed in). */
async function laterCore(
  t: TestContext,
  clock: TestClock,
  dir?: { dataDir: string; keychainService: string },
) {
  const dataDir = dir?.dataDir ?? (await tempDir(t))
  const keychainService = dir?.keychainService ?? testService()
  const browser = httpBrowser([{ identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, browser.openExternal, {
      clock,
      ticker: clock,
    }),
    { sendTiming: FAST, verifyAtStart: false },
  )
  if (dir === undefined) ok(await core.handlers['accounts.add'](undefined))
  return { core, dataDir, keychainService }
}

/** Deliveries in the sandbox of one Message-ID. */
function deliveries(messageId: string): number {
  return sandbox.mailbox().filter((entry) => entry.raw.toString('latin1').includes(messageId))
    .length
}

/** The Message-ID main gave an item (read from its record). */
async function messageIdOf(dataDir: string, id: string): Promise<string> {
  const record = JSON.parse(await readFile(join(dataDir, 'outbox', `${id}.json`), 'utf8')) as {
    messageId: string
  }
  return record.messageId
}

/** Lets anything that would go out now go out (real time: the sandbox answers in ms). */
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms))

async function schedule(core: PostlineCore, at: number, subject = 'Later') {
  const draftId = await newDraft(core, { subject, to: ['grace@example.com'] })
  const item = ok(
    await core.handlers['mail.sendLater']({ draftId, at: new Date(at).toISOString(), zone: ZONE }),
  )
  return { draftId, item }
}

function itemOf(core: PostlineCore, id: string): OutboxItem | undefined {
  return core.sending.list().find((item) => item.id === id)
}

test('a scheduled message waits for its time, then goes out once, dated when it went', async (t) => {
  const clock = new TestClock(T0)
  const { core, dataDir } = await laterCore(t, clock)
  const at = T0 + HOUR
  const { item } = await schedule(core, at, 'At eleven')
  assert.equal(item.state, 'scheduled')
  assert.deepEqual(item.later, { at: new Date(at).toISOString(), zone: ZONE })
  const messageId = await messageIdOf(dataDir, item.id)

  clock.advance(59 * MINUTE)
  await settle()
  assert.equal(deliveries(messageId), 0, 'nothing before its time')
  assert.equal(itemOf(core, item.id)?.state, 'scheduled')

  clock.advance(MINUTE)
  assert.equal((await outboxState(core, item.id, ['sent', 'failed', 'unknown'])).state, 'sent')
  assert.equal(deliveries(messageId), 1)
  const raw = sandbox.mailbox().find((entry) => entry.raw.includes(messageId))!.raw
  const parsed = await simpleParser(raw)
  assert.equal(parsed.subject, 'At eleven')
  assert.equal(parsed.date?.getTime(), at, 'the Date header is when it went, not when scheduled')
  clock.advance(HOUR)
  await settle()
  assert.equal(deliveries(messageId), 1)
})

test('a time in the past, or within the minute, is refused and the draft stays editable', async (t) => {
  const clock = new TestClock(T0)
  const { core } = await laterCore(t, clock)
  const draftId = await newDraft(core, { to: ['grace@example.com'] })
  for (const at of [T0 - MINUTE, T0 + 30_000]) {
    const error = failed(
      await core.handlers['mail.sendLater']({
        draftId,
        at: new Date(at).toISOString(),
        zone: ZONE,
      }),
    ) as { code: string; params?: Record<string, unknown> }
    assert.equal(error.code, 'invalid-input')
    assert.equal(error.params?.['detail'], 'laterInPast')
  }
  const tooFar = failed(
    await core.handlers['mail.sendLater']({
      draftId,
      at: new Date(T0 + 400 * 24 * HOUR).toISOString(),
      zone: ZONE,
    }),
  ) as { params?: Record<string, unknown> }
  assert.equal(tooFar.params?.['detail'], 'laterTooFar')
  const badZone = failed(
    await core.handlers['mail.sendLater']({
      draftId,
      at: new Date(T0 + HOUR).toISOString(),
      zone: 'Mars/Olympus',
    }),
  )
  assert.equal(badZone.code, 'invalid-input')
  assert.equal(ok(await core.handlers['drafts.get']({ id: draftId })).outboxId, null)
  assert.equal(core.sending.list().length, 0)
})

test('a scheduled message survives a restart and goes out at its time from the new core', async (t) => {
  const clock = new TestClock(T0)
  const first = await laterCore(t, clock)
  const at = T0 + 2 * HOUR
  const { item } = await schedule(first.core, at)
  const messageId = await messageIdOf(first.dataDir, item.id)
  await first.core.close()
  assert.equal(clock.listeners, 0, 'a closed core stops looking')

  clock.advance(HOUR)
  const second = await laterCore(t, clock, first)
  const again = itemOf(second.core, item.id)
  assert.equal(again?.state, 'scheduled')
  assert.deepEqual(again?.later, { at: new Date(at).toISOString(), zone: ZONE })
  await settle()
  assert.equal(deliveries(messageId), 0)
  clock.set(at)
  assert.equal((await outboxState(second.core, item.id, ['sent', 'failed'])).state, 'sent')
  assert.equal(deliveries(messageId), 1)
})

test('past its time by more than the grace at start: it asks (Send now sends once, Edit gives the draft back with its attachment)', async (t) => {
  const clock = new TestClock(T0)
  const first = await laterCore(t, clock)
  const at = T0 + HOUR
  const onTime = await schedule(first.core, at, 'within the grace')
  const { item: late } = await schedule(first.core, at + 5 * MINUTE, 'sent late on request')
  // The one that will be edited has an attachment: it must come back with it.
  const draftId = await newDraft(first.core, { subject: 'edited', to: ['grace@example.com'] })
  const file = join(await tempDir(t), 'notes.txt')
  await writeFile(file, 'kept with the draft')
  ok(await first.core.handlers['attachments.addDropped']({ draftId, paths: [file] }))
  const edited = ok(
    await first.core.handlers['mail.sendLater']({
      draftId,
      at: new Date(at + 5 * MINUTE).toISOString(),
      zone: ZONE,
    }),
  )
  const ids = await Promise.all(
    [onTime.item, late, edited].map((item) => messageIdOf(first.dataDir, item.id)),
  )
  await first.core.close()

  // Postline was closed through all three times; it starts a minute past the grace after the
  // latest: every one of them asks.
  clock.set(at + 5 * MINUTE + LATE_GRACE_MS + MINUTE)
  const second = await laterCore(t, clock, first)
  assert.equal((await outboxState(second.core, late.id, ['overdue'])).state, 'overdue')
  assert.equal((await outboxState(second.core, edited.id, ['overdue'])).state, 'overdue')
  assert.equal((await outboxState(second.core, onTime.item.id, ['overdue'])).state, 'overdue')
  clock.advance(HOUR)
  await settle()
  assert.deepEqual(ids.map(deliveries), [0, 0, 0], 'nothing goes out late on its own')

  ok(await second.core.handlers['outbox.sendNow']({ id: late.id }))
  assert.equal((await outboxState(second.core, late.id, ['sent', 'failed'])).state, 'sent')
  const draft = ok(await second.core.handlers['mail.undo']({ outboxId: edited.id }))
  assert.equal(draft.id, draftId)
  assert.equal(draft.outboxId, null)
  assert.equal(draft.subject, 'edited')
  assert.deepEqual(
    draft.attachments.map((attachment) => attachment.name),
    ['notes.txt'],
  )
  await settle()
  assert.equal(deliveries(ids[1]!), 1)
  assert.equal(deliveries(ids[2]!), 0)
  assert.equal(itemOf(second.core, edited.id), undefined)
  // Sending now again, or editing what was sent, is refused.
  assert.equal(failed(await second.core.handlers['outbox.sendNow']({ id: late.id })).code, 'busy')
})

test('a start within the grace after the time sends it on its own', async (t) => {
  const clock = new TestClock(T0)
  const first = await laterCore(t, clock)
  const at = T0 + HOUR
  const { item } = await schedule(first.core, at)
  const messageId = await messageIdOf(first.dataDir, item.id)
  await first.core.close()
  clock.set(at + LATE_GRACE_MS - 30_000)
  const second = await laterCore(t, clock, first)
  assert.equal((await outboxState(second.core, item.id, ['sent', 'overdue'])).state, 'sent')
  assert.equal(deliveries(messageId), 1)
})

test('the clock jumps: forward past the grace asks, forward within it sends, backward sends nothing early or twice', async (t) => {
  const clock = new TestClock(T0)
  const { core, dataDir } = await laterCore(t, clock)
  const far = await schedule(core, T0 + HOUR, 'jumped past')
  const near = await schedule(core, T0 + 3 * HOUR, 'jumped to')
  const back = await schedule(core, T0 + 5 * HOUR, 'clock went back')
  const [farId, nearId, backId] = await Promise.all(
    [far, near, back].map(({ item }) => messageIdOf(dataDir, item.id)),
  )

  // Forward, 10 minutes past the first one's time (a sleep, a clock change): it asks.
  clock.set(T0 + HOUR + 10 * MINUTE)
  assert.equal((await outboxState(core, far.item.id, ['overdue', 'sent'])).state, 'overdue')
  // Forward to 30 s after the second's time: within the grace, it goes.
  clock.set(T0 + 3 * HOUR + 30_000)
  assert.equal((await outboxState(core, near.item.id, ['sent', 'overdue'])).state, 'sent')
  // Backward to before everything: nothing goes out early, nothing sent goes again.
  clock.set(T0 - HOUR)
  await settle()
  clock.advance(3 * HOUR)
  await settle()
  assert.equal(itemOf(core, back.item.id)?.state, 'scheduled')
  assert.deepEqual(
    [farId, nearId, backId].map((id) => deliveries(id!)),
    [0, 1, 0],
  )
  clock.set(T0 + 5 * HOUR)
  assert.equal((await outboxState(core, back.item.id, ['sent', 'overdue'])).state, 'sent')
  assert.deepEqual(
    [farId, nearId, backId].map((id) => deliveries(id!)),
    [0, 1, 1],
  )
})

test('Edit, Send now and the due time racing: sent once or back in the drafts, never both', async (t) => {
  const clock = new TestClock(T0)
  const { core, dataDir } = await laterCore(t, clock)
  for (let round = 0; round < 6; round += 1) {
    const at = clock.now() + HOUR
    const { item, draftId } = await schedule(core, at, `race ${round}`)
    const messageId = await messageIdOf(dataDir, item.id)
    const calls: Promise<unknown>[] = []
    if (round % 2 === 0) calls.push(core.handlers['outbox.sendNow']({ id: item.id }))
    else clock.set(at)
    calls.push(core.handlers['mail.undo']({ outboxId: item.id }))
    if (round % 3 === 0) calls.push(core.handlers['outbox.sendNow']({ id: item.id }))
    const answers = (await Promise.all(calls)) as { ok: boolean; error?: { code: string } }[]
    for (const answer of answers)
      if (!answer.ok) assert.notEqual(answer.error?.code, 'internal', `round ${round}`)
    // Until the race is over: sent, or gone back to the drafts (10 s at most).
    for (let waited = 0; waited < 10_000; waited += 100) {
      const now = itemOf(core, item.id)
      if (now === undefined || now.state === 'sent') break
      await settle(100)
    }
    await settle(200)
    const draft = ok(await core.handlers['drafts.get']({ id: draftId })).outboxId
    const left = itemOf(core, item.id)
    const sent = deliveries(messageId)
    assert.ok(sent <= 1, `round ${round}: sent at most once`)
    if (sent === 1) assert.equal(left?.state, 'sent', `round ${round}`)
    else {
      assert.equal(left, undefined, `round ${round}: Edit won, the item left`)
      assert.equal(draft, null, `round ${round}: and the draft is editable`)
    }
    clock.advance(2 * HOUR)
  }
})

/**
 * A file-system port that copies the data folder after every change it makes (a write closed, a
 * rename, a removal) while `armed`: each copy is the folder as a kill -9 right after that step
 * would leave it (temporary files included), with the deliveries the sandbox had by then.
 */
function snapshottingFs(dataDir: string, folder: string, deliveredNow: () => number) {
  const snapshots: { dir: string; delivered: number }[] = []
  let armed = false
  const take = () => {
    if (!armed) return
    const dir = join(folder, `kill-${snapshots.length}`)
    cpSync(dataDir, dir, { recursive: true })
    snapshots.push({ dir, delivered: deliveredNow() })
  }
  const fs: FileSystem = {
    ...nodeFileSystem,
    async open(path, flags, mode) {
      const handle = await nodeFileSystem.open(path, flags, mode)
      return {
        fd: handle.fd,
        write: (...args) => handle.write(...args),
        writeFile: (data) => handle.writeFile(data),
        sync: () => handle.sync(),
        stat: () => handle.stat(),
        async close() {
          await handle.close()
          take()
        },
      }
    },
    async rename(from, to) {
      await nodeFileSystem.rename(from, to)
      take()
    },
    async rm(path, options) {
      await nodeFileSystem.rm(path, options)
      take()
    },
  }
  return { fs, snapshots, arm: (on: boolean) => (armed = on) }
}

test('killed at any step around the due time: restarted within the grace it goes at most once; later it asks or says it may have been sent', async (t) => {
  const clock = new TestClock(T0)
  const dataDir = await tempDir(t)
  const folder = await tempDir(t)
  let messageId = ''
  const port = snapshottingFs(dataDir, folder, () => deliveries(messageId))
  const keychainService = testService()
  const browser = httpBrowser([{ identity: ADA }])
  const { core } = await startCore(
    t,
    sandboxOptions(sandbox, dataDir, keychainService, browser.openExternal, {
      clock,
      ticker: clock,
    }),
    { sendTiming: FAST, verifyAtStart: false, fs: port.fs },
  )
  ok(await core.handlers['accounts.add'](undefined))
  const at = T0 + HOUR
  const { item } = await schedule(core, at, 'killed around its time')
  messageId = await messageIdOf(dataDir, item.id)
  port.arm(true)
  clock.set(at)
  await outboxState(core, item.id, ['sent'])
  await settle()
  port.arm(false)
  await core.close()
  assert.equal(deliveries(messageId), 1)
  const { snapshots } = port
  assert.ok(snapshots.length >= 6, `${snapshots.length} kill positions`)

  const seen = new Set<string>()
  for (const [index, snapshot] of snapshots.entries()) {
    // A kill between this step and the next may come after the request left: the worst case.
    const deliveredAtKill = snapshots[index + 1]?.delivered ?? 1
    for (const restartAt of [at + 30_000, at + HOUR]) {
      const copy = join(folder, `run-${index}-${restartAt - at}`)
      await cp(snapshot.dir, copy, { recursive: true })
      const before = deliveries(messageId)
      // Postline starts again at `restartAt`.
      clock.set(restartAt)
      const restarted = await laterCore(t, clock, { dataDir: copy, keychainService })
      // Until it settles (sent, unknown, overdue, or gone), or 5 s; then a moment more.
      await Promise.race([
        outboxWhere(restarted.core, item.id, (view) =>
          ['sent', 'unknown', 'overdue'].includes(view.state),
        ),
        settle(5_000),
      ])
      await settle()
      const state = itemOf(restarted.core, item.id)?.state ?? 'gone'
      await restarted.core.close()
      const sentNow = deliveries(messageId) - before
      seen.add(`${restartAt - at}:${state}`)
      assert.ok(
        deliveredAtKill + sentNow <= 1,
        `kill ${index}, restart +${(restartAt - at) / 1000}s: at most once (${state})`,
      )
      if (restartAt - at > LATE_GRACE_MS) {
        assert.equal(sentNow, 0, `kill ${index}: nothing goes out late on its own`)
        assert.ok(['overdue', 'unknown', 'sent', 'gone'].includes(state), state)
      } else {
        assert.ok(['sent', 'unknown', 'gone'].includes(state), `kill ${index}: ${state}`)
      }
      // The item is gone only once it was sent and the history moved on (never lost unsent).
      if (state === 'gone') assert.equal(snapshot.delivered, 1, `kill ${index}`)
    }
  }
  // Every outcome was met: sent within the grace, overdue after it, unknown when cut mid-send.
  for (const outcome of ['30000:sent', '3600000:overdue', '30000:unknown', '3600000:unknown'])
    assert.ok(seen.has(outcome), `${outcome} in ${[...seen].join(', ')}`)
})
