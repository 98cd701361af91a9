// Send overhead: N small messages through the core to the sandbox on loopback, one at a time and
// 20 at once (core with undoDelayMs 0, concurrency 20), against a raw fetch POST of the same
// prebuilt messages (writeMessage, base64url) to the same endpoint with a valid access token.
// The breakdown times the core's parts on their own, so a ratio over target says what costs.
import { randomBytes } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { GmailTransport } from '../src/main/mail/gmail-transport'
import { writeFileAtomic } from '../src/main/store/atomic-file'
import { pool, prebuild, rawSend } from './lib/messages'
import { log, QUICK, run } from './lib/report'
import { median, ratio, round, summary } from './lib/stats'
import { allSent, ok, saveDrafts, startWorld, tempFolder } from './lib/world'

const MESSAGES = QUICK ? 10 : 200
const ROUNDS = QUICK ? 1 : 5
const CONCURRENCY = 20
const TARGET = 1.5

run(async () => {
  const world = await startWorld(1, { sendTiming: { undoDelayMs: 0, concurrency: CONCURRENCY } })
  const { core, sandbox } = world
  const email = world.emails[0]!
  const folder = await tempFolder()
  const url = `${sandbox.url}/gmail/v1/users/me/messages/send`
  const times = { coreOne: [] as number[], coreMany: [] as number[] }
  const floors = { one: [] as number[], many: [] as number[] }
  try {
    const account = ok(await core.handlers['accounts.list'](undefined))[0]!
    const prebuilt = await prebuild(folder, MESSAGES, { name: account.name, address: email })
    const token = await core.accounts.accessToken(email)

    const coreRound = async (concurrent: boolean) => {
      const drafts = await saveDrafts(core, MESSAGES)
      const started = performance.now()
      if (concurrent) {
        const queued = await Promise.all(
          drafts.map(async (draftId) => ok(await core.handlers['mail.send']({ draftId })).id),
        )
        await allSent(core, queued)
      } else {
        for (const draftId of drafts) {
          await allSent(core, [ok(await core.handlers['mail.send']({ draftId })).id])
        }
      }
      return performance.now() - started
    }
    const floorRound = async (concurrent: boolean) => {
      const started = performance.now()
      await pool(prebuilt, concurrent ? CONCURRENCY : 1, (message) =>
        rawSend(url, token, message.raw),
      )
      return performance.now() - started
    }

    // One unmeasured round of each warms the sockets, the JIT and the page cache.
    await floorRound(true)
    await coreRound(true)
    for (let i = 0; i < ROUNDS; i++) {
      floors.one.push(await floorRound(false))
      times.coreOne.push(await coreRound(false))
      floors.many.push(await floorRound(true))
      times.coreMany.push(await coreRound(true))
      sandbox.clearMailbox()
      log(
        `round ${i + 1}: one at a time ${round(times.coreOne[i]!)} / ${round(floors.one[i]!)} ms, 20 at once ${round(times.coreMany[i]!)} / ${round(floors.many[i]!)} ms`,
      )
    }

    // The breakdown, per message, one at a time: the core's parts measured on their own.
    const parts = {
      atomicWrite: [] as number[],
      transport: [] as number[],
      rawFetch: [] as number[],
    }
    const record = `${JSON.stringify({ id: randomBytes(16).toString('base64url'), pad: 'x'.repeat(600) })}\n`
    for (let i = 0; i < 50; i++) {
      const started = performance.now()
      await writeFileAtomic(path.join(folder, 'record.json'), record)
      parts.atomicWrite.push(performance.now() - started)
    }
    const transport = new GmailTransport({ rootUrl: `${sandbox.url}/` })
    const client = await core.accounts.authorizedClient(email)
    for (const message of prebuilt.slice(0, 50)) {
      let started = performance.now()
      await transport.send({ client, emlPath: message.path, size: message.size })
      parts.transport.push(performance.now() - started)
      started = performance.now()
      await rawSend(url, token, message.raw)
      parts.rawFetch.push(performance.now() - started)
    }

    // Diagnosis: how many fsyncs and events one message costs, and the core with fsync made a
    // no-op (patched on FileHandle for these rounds only), which says what the syncs cost.
    const probe = await open(path.join(folder, 'record.json'), 'r')
    const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> }
    await probe.close()
    const realSync = fileHandle.sync
    let syncs = 0
    let events = 0
    const offOutbox = core.on('outbox.changed', () => events++)
    const offDrafts = core.on('drafts.changed', () => events++)
    fileHandle.sync = function (this: unknown) {
      syncs++
      return realSync.call(this)
    }
    const counted = await coreRound(false)
    const syncsPerMessage = round(syncs / MESSAGES, 1)
    const eventsPerMessage = round(events / MESSAGES, 1)
    offOutbox()
    offDrafts()
    fileHandle.sync = async () => {}
    const withoutFsync = { one: await coreRound(false), many: await coreRound(true) }
    const atomicWithoutFsync: number[] = []
    for (let i = 0; i < 50; i++) {
      const started = performance.now()
      await writeFileAtomic(path.join(folder, 'record.json'), record)
      atomicWithoutFsync.push(performance.now() - started)
    }
    fileHandle.sync = realSync
    sandbox.clearMailbox()

    const perMessage = (values: number[]) => round(median(values) / MESSAGES, 2)
    const mode = (core: number[], floor: number[]) => ({
      ratio: ratio(median(core), median(floor)),
      coreMs: summary(core, 1),
      floorMs: summary(floor, 1),
      corePerMessageMs: perMessage(core),
      floorPerMessageMs: perMessage(floor),
    })
    const one = mode(times.coreOne, floors.one)
    const many = mode(times.coreMany, floors.many)
    const worse =
      one.ratio! >= many.ratio!
        ? { name: 'one at a time', ...one }
        : { name: '20 at once', ...many }
    return {
      figure: 'send overhead',
      value: worse.ratio,
      unit: `ratio (median wall time for ${MESSAGES} messages, core / raw fetch), the worse of the two modes`,
      floor: worse.floorMs.median,
      ratio: worse.ratio,
      target: `median ratio <= ${TARGET} in both modes`,
      holds: one.ratio! <= TARGET && many.ratio! <= TARGET,
      ...worse.coreMs,
      details: {
        worseMode: worse.name,
        oneAtATime: one,
        twentyAtOnce: many,
        messageBytes: prebuilt[0]!.size,
        breakdownMedianMsPerMessage: {
          writeMessage: round(median(prebuilt.map((message) => message.buildMs)), 2),
          atomicJsonWrite: round(median(parts.atomicWrite), 2),
          gmailTransportSend: round(median(parts.transport), 2),
          rawFetchSend: round(median(parts.rawFetch), 2),
          note: 'writeMessage and each atomic write fsync a file and its folder',
        },
        diagnosis: {
          fsyncsPerMessage: syncsPerMessage,
          atomicJsonWriteWithFsyncAsNoOpMs: round(median(atomicWithoutFsync), 2),
          eventsPerMessage,
          countedRoundMs: round(counted, 1),
          coreWithFsyncAsNoOpMs: {
            oneAtATime: round(withoutFsync.one, 1),
            twentyAtOnce: round(withoutFsync.many, 1),
            ratioOneAtATime: ratio(withoutFsync.one, median(floors.one)),
            ratioTwentyAtOnce: ratio(withoutFsync.many, median(floors.many)),
          },
        },
        how: `${ROUNDS} rounds after one warm-up, interleaved; the core is timed from the first mail.send to the last message seen as sent; sandbox and core in one process`,
      },
    }
  } finally {
    await world.close()
    await rm(folder, { recursive: true, force: true })
  }
})
