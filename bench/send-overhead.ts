// Send after the Undo window: small messages through the core to the sandbox on loopback, one at a
// time and twenty at once, against the floor of a crash-safe outbox: the same prebuilt message
// sent with a raw POST, between the two durable writes no outbox can avoid (an atomic, fsync'd
// record write before the request leaves and one after it is answered, with writeFileAtomic).
//
// One at a time: the core runs with undoDelayMs 0, and each message is clocked from the moment
// the window first sees it past its undo window (its first `outbox.changed` in any state but
// `scheduled`, which is `queued`, written once the build is done: with no Undo window the message
// is built before the item is recorded) to the moment it sees
// it `sent`. The build and the queue's own writes belong to the Undo window and are reported
// apart.
//
// Twenty at once: waves of 20 whose Undo windows end together, as when 20 messages were sent
// within the same moment. A second core runs with the real 5 s Undo window and a clock of its
// own (`internals.now`): the 20 messages are queued (written, then built behind their window;
// the benchmark waits for the builds, which the real window has room for), then the clock jumps past
// their window and the send service looks at its queue; each message is clocked from that
// moment (the first `now()` the core reads after the jump) to sent. The floor is a pool of 20.
//
// After each message (one at a time) and each wave, the bench waits until the core has removed
// the sent drafts and built files (off the clock), so that work never falls on the next
// measurement, the floor's or the core's.
//
// It also counts the fsyncs the critical path makes per message, through the core's file-system
// port (`internals.fs`): `sync()` on handles of files and of folders, between queue and sent.
import { randomBytes } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { GmailTransport } from '../src/main/mail/gmail-transport'
import { writeFileAtomic } from '../src/main/store/atomic-file'
import { countingFileSystem, type SyncSeen } from './lib/counting-fs'
import { pool, prebuild, rawSend } from './lib/messages'
import { OutboxClock } from './lib/outbox-clock'
import { log, QUICK, run, type Figure } from './lib/report'
import { median, ratio, round as round2, summary } from './lib/stats'
import { coreOnSandbox, ok, removeHome, saveDrafts, startWorld, tempFolder } from './lib/world'

const MESSAGES = QUICK ? 20 : 200
const ROUNDS = QUICK ? 1 : 5
const WAVE = 20
const COUNTED = QUICK ? 5 : 20
const TARGET = 1.3
const UNDO_MS = 5_000

run(async () => {
  const counter = countingFileSystem()
  const oneInternals = { sendTiming: { undoDelayMs: 0, concurrency: WAVE }, fs: counter.fs }
  const world = await startWorld(1, oneInternals)
  const { sandbox } = world
  let core = world.core
  const clock = new OutboxClock(core)
  // The second core, for waves: a real Undo window, and a clock that can jump past it.
  const shifted = shiftableClock()
  const waveInternals = {
    sendTiming: { undoDelayMs: UNDO_MS, concurrency: WAVE },
    now: shifted.now,
  }
  const waveWorld = await startWorld(1, waveInternals)
  let waveCore = waveWorld.core
  const waveClock = new OutboxClock(waveCore)
  /**
   * Both cores closed and started again on their folders, as after a restart: sent history is
   * pruned at start today, so each round begins with at most the kept history instead of every
   * message the rounds before sent (the long-day benchmark measures that growth).
   */
  const restart = async () => {
    await core.close()
    core = await coreOnSandbox(sandbox, world.home, 0, oneInternals)
    await core.verified
    clock.follow(core)
    await waveCore.close()
    waveCore = await coreOnSandbox(waveWorld.sandbox, waveWorld.home, 0, waveInternals)
    await waveCore.verified
    waveClock.follow(waveCore)
  }
  let releasedEarly = 0
  const email = world.emails[0]!
  const folder = await tempFolder()
  const recordsDir = path.join(folder, 'records')
  const url = `${sandbox.url}/gmail/v1/users/me/messages/send`
  // Per message, ms: the core's critical path and the floor's, in both modes.
  const perMessage = { coreOne: [] as number[], coreMany: [] as number[] }
  const floorPerMessage = { one: [] as number[], many: [] as number[] }
  // Per wave of 20, ms: first message past its window (or first floor write) to last sent.
  const waves = { core: [] as number[], floor: [] as number[] }
  const queueMs: number[] = []
  try {
    const account = ok(await core.handlers['accounts.list'](undefined))[0]!
    const prebuilt = await prebuild(folder, MESSAGES, { name: account.name, address: email })
    const token = await core.accounts.accessToken(email)
    await waveCore.accounts.accessToken(email)

    /** What the outbox would write: a record of about the size of the core's. */
    const record = (id: string, state: string) =>
      `${JSON.stringify({
        version: 1,
        id,
        draftId: randomBytes(16).toString('base64url'),
        from: email,
        to: ['grace@example.com'],
        subject: 'Benchmark',
        size: prebuilt[0]!.size,
        state,
        createdAt: new Date().toISOString(),
        sendAfter: null,
        attempts: 1,
        sentAt: state === 'sent' ? new Date().toISOString() : null,
        error: null,
        messageId: `<${randomBytes(12).toString('hex')}@sandbox.test>`,
        sha256: randomBytes(32).toString('hex'),
        gmailId: state === 'sent' ? randomBytes(8).toString('hex') : null,
      })}\n`
    /** The floor's parts, one at a time: first write, POST, second write. */
    const floorParts = { write1: [] as number[], post: [] as number[], write2: [] as number[] }
    /** The floor of one message: durable write, raw POST, durable write. */
    const floorSend = async (raw: string, parts = false): Promise<number> => {
      const id = randomBytes(16).toString('base64url')
      const file = path.join(recordsDir, `${id}.json`)
      const started = performance.now()
      await writeFileAtomic(file, record(id, 'sending'))
      const written = performance.now()
      await rawSend(url, token, raw)
      const answered = performance.now()
      await writeFileAtomic(file, record(id, 'sent'))
      const ended = performance.now()
      if (parts) {
        floorParts.write1.push(written - started)
        floorParts.post.push(answered - written)
        floorParts.write2.push(ended - answered)
      }
      return ended - started
    }
    /** One wave of 20 through the floor: a pool of 20 (write, POST, write). */
    const floorWave = async (wave: readonly { raw: string }[]) => {
      const times: number[] = []
      const started = performance.now()
      await pool(wave, WAVE, async (message) => {
        times.push(await floorSend(message.raw))
      })
      return { times, wall: performance.now() - started }
    }
    /** One message: mail.send (build and queue, the Undo window's work), then queue → sent. */
    const sendOne = async (draftId: string) => {
      const asked = performance.now()
      const id = ok(await core.handlers['mail.send']({ draftId })).id
      await clock.whenSent(id)
      // Its draft and file go after it, off the clock: not while the next message (the floor's
      // or the core's) is measured.
      await core.sending.tidied()
      const ready = clock.ready.get(id)!
      queueMs.push(ready.at - asked)
      return id
    }
    /** One wave of 20 through the core: queued within their Undo window, released together. */
    const coreWave = async (drafts: readonly string[]) => {
      const ids = await Promise.all(
        drafts.map(async (draftId) => ok(await waveCore.handlers['mail.send']({ draftId })).id),
      )
      releasedEarly += ids.filter((id) => waveClock.ready.has(id)).length
      // The messages are built behind their Undo window; the real one (5 s) has room for that.
      await waveCore.sending.buildsDone()
      const jumpedAt = performance.now()
      const released = shifted.jump(UNDO_MS + 1_000)
      // The send service looks at its queue on its timer; ask it now rather than wait for it.
      const service = waveCore.sending as unknown as { schedule?: () => void }
      if (typeof service.schedule === 'function') service.schedule()
      await Promise.all(ids.map((id) => waveClock.whenSent(id)))
      // A core that never read its clock again is clocked from the jump itself.
      const start = (await Promise.race([released, Promise.resolve(null)])) ?? jumpedAt
      await waveCore.sending.tidied()
      const sentAt = ids.map((id) => waveClock.sent.get(id)!)
      return { times: sentAt.map((at) => at - start), wall: Math.max(...sentAt) - start }
    }
    /**
     * One round: every message one at a time, floor and core in turn, then every wave, floor and
     * core in turn, so that the load of a shared machine falls on both sides alike.
     */
    const round = async (measured: boolean) => {
      await restart()
      const drafts = await saveDrafts(core, MESSAGES)
      const waveDrafts = await saveDrafts(waveCore, MESSAGES)
      const one = { core: [] as number[], floor: [] as number[] }
      const many = { core: [] as number[], floor: [] as number[] }
      await rm(recordsDir, { recursive: true, force: true })
      for (let i = 0; i < MESSAGES; i++) {
        one.floor.push(await floorSend(prebuilt[i]!.raw, measured))
        one.core.push(clock.criticalPath(await sendOne(drafts[i]!)))
      }
      await rm(recordsDir, { recursive: true, force: true })
      for (let first = 0; first < MESSAGES; first += WAVE) {
        const floor = await floorWave(prebuilt.slice(first, first + WAVE))
        const core = await coreWave(waveDrafts.slice(first, first + WAVE))
        many.floor.push(...floor.times)
        many.core.push(...core.times)
        if (measured) {
          waves.floor.push(floor.wall)
          waves.core.push(core.wall)
        }
      }
      sandbox.clearMailbox()
      waveWorld.sandbox.clearMailbox()
      return { one, many }
    }

    // One unmeasured round warms the sockets, the JIT and the page cache.
    await round(false)
    queueMs.length = 0
    for (let i = 0; i < ROUNDS; i++) {
      const { one, many } = await round(true)
      floorPerMessage.one.push(...one.floor)
      perMessage.coreOne.push(...one.core)
      floorPerMessage.many.push(...many.floor)
      perMessage.coreMany.push(...many.core)
      log(
        `round ${i + 1}: per message, one at a time core ${round2(median(one.core))} / floor ${round2(median(one.floor))} ms, 20 at once ${round2(median(many.core))} / ${round2(median(many.floor))} ms`,
      )
    }

    // The critical path's fsyncs, one message at a time: each sync is put on the message whose
    // clock was running (queue → sent), or on the Undo window's side (before its queue).
    await restart()
    const counted = await saveDrafts(core, COUNTED)
    const protoCount = await countPrototypeSyncs(folder)
    counter.seen.length = 0
    counter.state.counting = true
    const spans: { ready: number; sent: number; asked: number; sending: number | null }[] = []
    for (const draftId of counted) {
      const asked = performance.now()
      const id = await sendOne(draftId)
      spans.push({
        asked,
        ready: clock.ready.get(id)!.at,
        sent: clock.sent.get(id)!,
        sending: clock.states.get(id)?.get('sending') ?? null,
      })
    }
    counter.state.counting = false
    const allSyncs = protoCount.stop()
    const critical = (kind: SyncSeen['kind']) =>
      counter.seen.filter(
        (sync) =>
          sync.kind === kind && spans.some((span) => sync.at >= span.ready && sync.at <= span.sent),
      ).length / COUNTED
    const beforeQueue = (kind: SyncSeen['kind']) =>
      counter.seen.filter(
        (sync) =>
          sync.kind === kind && spans.some((span) => sync.at >= span.asked && sync.at < span.ready),
      ).length / COUNTED
    const fsyncs = {
      criticalPathPerMessage: { files: critical('file'), folders: critical('folder') },
      undoWindowPerMessage: { files: beforeQueue('file'), folders: beforeQueue('folder') },
      throughThePortPerMessage: round2(counter.seen.length / COUNTED, 2),
      allFileHandleSyncsPerMessage: round2(allSyncs / COUNTED, 2),
    }
    const clockStates = [...clock.ready.values()].reduce<Record<string, number>>((counts, seen) => {
      counts[seen.state] = (counts[seen.state] ?? 0) + 1
      return counts
    }, {})

    // Where the core's critical path goes, beside the floor's parts: queue → `sending` seen (the
    // first durable write and the scheduling), `sending` → `sent` seen (token, transport, the
    // second durable write, events); and the transport alone against the raw POST.
    const withSending = spans.filter((span) => span.sending !== null)
    const transport = new GmailTransport({ rootUrl: `${sandbox.url}/` })
    const client = await core.accounts.authorizedClient(email)
    const transportMs: number[] = []
    const rawMs: number[] = []
    for (const message of prebuilt.slice(0, COUNTED)) {
      let started = performance.now()
      // As the core sends it: with the bytes the outbox kept from the build.
      await transport.send({
        client,
        emlPath: message.path,
        bytes: message.bytes,
        size: message.size,
      })
      transportMs.push(performance.now() - started)
      started = performance.now()
      await rawSend(url, token, message.raw)
      rawMs.push(performance.now() - started)
    }
    const breakdown = {
      core: {
        queuedToSendingSeenMs: summary(
          withSending.map((span) => span.sending! - span.ready),
          2,
        ),
        sendingSeenToSentSeenMs: summary(
          withSending.map((span) => span.sent - span.sending!),
          2,
        ),
      },
      floor: {
        firstWriteMs: summary(floorParts.write1, 2),
        rawPostMs: summary(floorParts.post, 2),
        secondWriteMs: summary(floorParts.write2, 2),
      },
      gmailTransportSendMs: summary(transportMs, 2),
      rawPostAloneMs: summary(rawMs, 2),
      note: `${COUNTED} messages one at a time (the counting round); the transport is the core's GmailTransport (@googleapis/gmail, given the message's bytes as the outbox keeps them from the build) called directly, against the floor's fetch POST, alternately`,
    }
    sandbox.clearMailbox()

    // Diagnosis: the core with the port's sync as a no-op, one at a time (what the syncs cost).
    counter.state.syncAsNoOp = true
    const noSync: number[] = []
    for (const draftId of await saveDrafts(core, COUNTED))
      noSync.push(clock.criticalPath(await sendOne(draftId)))
    counter.state.syncAsNoOp = false
    sandbox.clearMailbox()

    const mode = (
      core: number[],
      floor: number[],
      wave: { core: number[]; floor: number[] } | null,
    ) => ({
      ratio: ratio(median(core), median(floor)),
      corePerMessageMs: summary(core, 2),
      floorPerMessageMs: summary(floor, 2),
      ...(wave
        ? {
            waveOf20Ms: {
              core: summary(wave.core, 1),
              floor: summary(wave.floor, 1),
              ratio: ratio(median(wave.core), median(wave.floor)),
            },
          }
        : {}),
    })
    const one = mode(perMessage.coreOne, floorPerMessage.one, null)
    const many = mode(perMessage.coreMany, floorPerMessage.many, waves)
    const fsyncTotal = fsyncs.criticalPathPerMessage.files + fsyncs.criticalPathPerMessage.folders
    const common = {
      messageBytes: prebuilt[0]!.size,
      messages: MESSAGES,
      rounds: ROUNDS,
      clockStartedAt: clockStates,
      undoWindowSideMs: {
        mailSendToQueued: summary(queueMs, 2),
        writeMessageAlone: summary(
          prebuilt.map((message) => message.buildMs),
          2,
        ),
        note: 'build and queue writes happen at Send, inside the Undo window: not on the clock',
      },
      floorIs:
        'writeFileAtomic(record, state sending) → fetch POST {raw} of the prebuilt message → writeFileAtomic(record, state sent); the same token, the same sandbox',
      coreIs:
        'one at a time: first outbox.changed showing the message past its undo window → first outbox.changed showing it sent (undoDelayMs 0); twenty at once: see waves. Cores and sandbox in this process; floor and core interleaved message by message and wave by wave; both cores started again before each round (history pruned at start, as after a restart); every outbox event is serialized once (JSON), as IPC to the window would',
    }
    const figures: Figure[] = [
      {
        figure: 'send after undo: one at a time',
        value: one.ratio,
        unit: 'ratio (median per-message queue→sent, core / raw POST between two durable writes)',
        floor: one.floorPerMessageMs.median,
        ratio: one.ratio,
        target: `median <= ${TARGET}x the floor`,
        holds: one.ratio! <= TARGET,
        ...one.corePerMessageMs,
        details: {
          ...one,
          ...common,
          breakdown,
          diagnosis: {
            corePerMessageWithSyncAsNoOpMs: summary(noSync, 2),
            ratioWithSyncAsNoOp: ratio(median(noSync), median(floorPerMessage.one)),
            eventsPerMessageBytes: summary(clock.eventBytes, 0),
          },
        },
      },
      {
        figure: 'send after undo: twenty at once',
        value: many.ratio,
        unit: 'ratio (median per-message queue→sent with 20 in flight, core / floor pool of 20)',
        floor: many.floorPerMessageMs.median,
        ratio: many.ratio,
        target: `median <= ${TARGET}x the floor`,
        holds: many.ratio! <= TARGET,
        ...many.corePerMessageMs,
        details: {
          ...many,
          ...common,
          waves: `${WAVE} messages queued with a ${UNDO_MS} ms Undo window on a core of their own, then its clock (internals.now) jumps past the window and the send service is asked to look at its queue; each message is clocked from the first now() the core reads after the jump to its sent event`,
          messagesThatLeftBeforeTheirWaveWasReleased: releasedEarly,
        },
      },
      {
        figure: 'send after undo: fsyncs on the critical path',
        value: round2(fsyncTotal, 2),
        unit: 'sync() calls per message between queue and sent (files + folders), through the core file-system port',
        floor: 4,
        ratio: ratio(fsyncTotal, 4),
        target: '<= 2 file syncs plus their folder syncs (4), or fewer with a journal',
        holds: fsyncs.criticalPathPerMessage.files <= 2 && fsyncTotal <= 4,
        runs: COUNTED,
        median: null,
        min: null,
        max: null,
        details: {
          ...fsyncs,
          how: `${COUNTED} messages one at a time with the port counting; a sync is put on the critical path when it falls between a message's queue and its sent; allFileHandleSyncsPerMessage counts FileHandle.prototype.sync over the same span, so a sync that bypasses the port shows as a difference`,
        },
      },
    ]
    return figures
  } finally {
    clock.close()
    waveClock.close()
    await waveCore.close()
    await core.close()
    await waveWorld.sandbox.close()
    await sandbox.close()
    await removeHome(waveWorld.home)
    await removeHome(world.home)
    await rm(folder, { recursive: true, force: true })
  }
})

/**
 * A clock for `internals.now` that runs with real time until `jump(ms)` moves it ahead; the
 * promise `jump` answers settles with the performance.now() of the first read after the jump
 * (the moment the core noticed the Undo window was over).
 */
function shiftableClock() {
  let shift = 0
  let onRead: ((at: number) => void) | null = null
  return {
    now: () => {
      if (onRead !== null) {
        const notify = onRead
        onRead = null
        notify(performance.now())
      }
      return new Date(Date.now() + shift)
    },
    jump(ms: number): Promise<number> {
      const read = new Promise<number>((resolve) => (onRead = resolve))
      shift += ms
      return read
    },
  }
}

/** Counts every FileHandle.sync in this process until `stop()` (a cross-check of the port). */
async function countPrototypeSyncs(folder: string) {
  const probe = await open(path.join(folder, 'probe'), 'w')
  const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> }
  await probe.close()
  const realSync = fileHandle.sync
  let count = 0
  fileHandle.sync = function (this: unknown) {
    count++
    return realSync.call(this)
  }
  return {
    stop() {
      fileHandle.sync = realSync
      return count
    },
  }
}
