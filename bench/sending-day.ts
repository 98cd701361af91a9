// Scale, a long day of sending: 3,000 messages sent one after another in one session against
// the sandbox (core with undoDelayMs 0 and the sandbox in this process), in batches of 100 after
// 20 unmeasured ones (the JIT and caches warm up). Per
// batch: the time per message (drafts.save → mail.send → seen sent, and queue → sent), the size
// of the outbox events the window gets, and how many outbox items the core still lists. Then the
// next start: a fresh process on a copy of that data folder (spawn → core ready), against a start
// on a copy of the same folder taken before the day began (same account, no history).
// Targets (issue 14): last batch's per-message time <= 1.2x the first's, an outbox event of
// bounded size, sent history capped while running, the next start not held up by history.
import { cp, rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { bundleChild, startChildOnce } from './lib/child'
import { OutboxClock, payloadBytes } from './lib/outbox-clock'
import { writeGrowth } from './lib/plot'
import { log, QUICK, run, type Figure } from './lib/report'
import { median, ratio, round, summary } from './lib/stats'
import { draftFields, ok, startWorld, tempFolder } from './lib/world'

const MESSAGES = QUICK ? 60 : 3_000
const BATCH = QUICK ? 20 : 100
const WARM_UP = QUICK ? 5 : 20
const STARTS = QUICK ? 1 : 5
const TARGET_TIME = 1.2
const TARGET_EVENT = 1.5
const TARGET_START = 1.5
/** SENT_HISTORY in src/main/mail/outbox-store.ts: sent messages the outbox keeps listed. */
const HISTORY = 50

interface StartReport {
  readonly createCoreMs: number
  readonly outboxListMs: number
  readonly outboxBytes: number
  readonly outboxItems: number
  readonly rss: number
}

async function startOnce(file: string, config: object) {
  const { readyMs, report } = await startChildOnce<StartReport>(file, config)
  return { readyMs, report: report! }
}

/** Least squares y = intercept + slope x. */
function linearFit(points: readonly (readonly [number, number])[]) {
  const n = points.length
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0)
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0)
  const slope = sxx === 0 ? 0 : sxy / sxx
  return { slope, intercept: my - slope * mx }
}

run(async () => {
  const world = await startWorld(1, { sendTiming: { undoDelayMs: 0 } })
  const { core, sandbox, home } = world
  const child = await bundleChild('bench/children/start-core.ts')
  const copies = await tempFolder('postline-bench-day-')
  const before = `${copies}/before`
  await core.handlers['outbox.list'](undefined)
  await cp(home.dataDir, before, { recursive: true })
  const clock = new OutboxClock(core)
  const draftEvents: number[] = []
  const offDrafts = core.on('drafts.changed', (payload) => draftEvents.push(payloadBytes(payload)))
  const batches: {
    sent: number
    perMessageMs: number[]
    queueToSentMs: number[]
    outboxEvents: number[]
    draftEvents: number[]
    listed: number
  }[] = []
  const config = (dataDir: string) => ({
    dataDir,
    restMs: 0,
    autosave: false,
    keychainService: home.keychainService,
    sandbox: {
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    },
  })
  const starts = { before: [] as number[], after: [] as number[] }
  const afterReports: StartReport[] = []
  const beforeReports: StartReport[] = []
  const started = performance.now()
  /** One message: a draft saved, sent, and seen sent; answers both times. */
  const sendOne = async (n: number) => {
    const t = performance.now()
    const fields = draftFields({ subject: `Long day ${n}` })
    const draftId = ok(await core.handlers['drafts.save']({ fields })).id
    const id = ok(await core.handlers['mail.send']({ draftId })).id
    await clock.whenSent(id)
    return { wholeMs: performance.now() - t, queueToSentMs: clock.criticalPath(id) }
  }
  try {
    // The day's first messages warm up the JIT, the sockets and the caches: not a batch, but
    // counted in the messages sent.
    for (let n = 1; n <= WARM_UP; n++) await sendOne(n)
    for (let sent = WARM_UP; sent < MESSAGES + WARM_UP;) {
      const outboxFrom = clock.eventBytes.length
      const draftsFrom = draftEvents.length
      const batch = { perMessageMs: [] as number[], queueToSentMs: [] as number[] }
      for (let i = 0; i < BATCH && sent < MESSAGES + WARM_UP; i++, sent++) {
        const one = await sendOne(sent + 1)
        batch.perMessageMs.push(one.wholeMs)
        batch.queueToSentMs.push(one.queueToSentMs)
      }
      const listed = ok(await core.handlers['outbox.list'](undefined)).length
      batches.push({
        sent,
        ...batch,
        outboxEvents: clock.eventBytes.slice(outboxFrom),
        draftEvents: draftEvents.slice(draftsFrom),
        listed,
      })
      sandbox.clearMailbox()
      const last = batches[batches.length - 1]!
      log(
        `${sent} sent: ${round(median(last.perMessageMs), 1)} ms per message, outbox event ${round(median(last.outboxEvents) / 1024, 1)} KiB, ${listed} listed`,
      )
    }
    const dayMs = performance.now() - started
    offDrafts()
    clock.close()
    await core.close()

    // The next start, on copies of the folder as the day left it (the first start after the day
    // is the one that pays for the history, so each copy is started once).
    const after = `${copies}/after`
    await cp(home.dataDir, after, { recursive: true })
    await startOnce(child.file, config(before))
    for (let i = 0; i < STARTS; i++) {
      const copy = `${copies}/after-${i}`
      await cp(after, copy, { recursive: true })
      const floor = await startOnce(child.file, config(before))
      starts.before.push(floor.readyMs)
      beforeReports.push(floor.report)
      const next = await startOnce(child.file, config(copy))
      starts.after.push(next.readyMs)
      afterReports.push(next.report)
      await rm(copy, { recursive: true, force: true })
      log(`next start ${round(next.readyMs, 1)} ms, without history ${round(floor.readyMs, 1)} ms`)
    }

    const first = batches[0]!
    const last = batches[batches.length - 1]!
    const m = (values: number[], digits = 1) => round(median(values), digits)
    const timeRatio = ratio(median(last.perMessageMs), median(first.perMessageMs))!
    // A least-squares line through the batches' medians: less at the mercy of one noisy batch.
    const fit = linearFit(batches.map((batch) => [batch.sent, median(batch.perMessageMs)]))
    const fitted = (x: number) => fit.intercept + fit.slope * x
    const eventRatio = ratio(median(last.outboxEvents), median(first.outboxEvents))!
    const startRatio = ratio(median(starts.after), median(starts.before))!
    const kib = (bytes: number) => round(bytes / 1024, 1)
    const table = {
      columns: [
        'messages sent',
        'per message ms',
        'queue → sent ms',
        'outbox event KiB (median)',
        'outbox event KiB (max)',
        'outbox events per message',
        'drafts event KiB (median)',
        'outbox items listed',
      ],
      rows: batches.map((batch) => [
        batch.sent,
        m(batch.perMessageMs),
        m(batch.queueToSentMs),
        kib(median(batch.outboxEvents)),
        kib(Math.max(...batch.outboxEvents)),
        round(batch.outboxEvents.length / batch.perMessageMs.length, 1),
        kib(median(batch.draftEvents)),
        batch.listed,
      ]),
    }
    const points = (value: (batch: (typeof batches)[number]) => number) =>
      batches.map((batch) => [batch.sent, value(batch)] as const)
    const files = await writeGrowth(
      QUICK ? 'sending-day-quick' : 'sending-day',
      `A long day of sending: cost against messages sent${QUICK ? ' (quick: tiny counts)' : ''}`,
      table,
      [
        {
          title: 'Time per message (median of the batch)',
          x: 'messages sent',
          y: 'ms',
          series: [
            { name: 'save → send → sent', points: points((batch) => m(batch.perMessageMs)) },
            { name: 'queue → sent', points: points((batch) => m(batch.queueToSentMs)) },
          ],
          target: {
            y: TARGET_TIME * m(first.perMessageMs),
            label: `${TARGET_TIME}x the first batch`,
          },
        },
        {
          title: 'Outbox event size',
          x: 'messages sent',
          y: 'KiB',
          series: [
            { name: 'median', points: points((batch) => median(batch.outboxEvents) / 1024) },
            { name: 'max', points: points((batch) => Math.max(...batch.outboxEvents) / 1024) },
          ],
        },
        {
          title: 'Outbox items the core lists',
          x: 'messages sent',
          y: 'items',
          series: [{ name: 'listed', points: points((batch) => batch.listed) }],
          target: { y: HISTORY, label: `${HISTORY} (sent history)` },
        },
        {
          title: 'Next start (spawn → core ready)',
          x: 'messages sent the day before',
          y: 'ms (median)',
          series: [
            {
              name: 'start',
              points: [
                [0, m(starts.before)],
                [MESSAGES + WARM_UP, m(starts.after)],
              ],
            },
          ],
          target: {
            y: TARGET_START * m(starts.before),
            label: `${TARGET_START}x start without history`,
          },
        },
      ],
      `After ${WARM_UP} unmeasured messages, batches of ${BATCH}, one message at a time (drafts.save, mail.send, wait until seen sent), undoDelayMs 0. Event sizes are the JSON bytes of each outbox.changed / drafts.changed payload. The next start is a fresh process on a copy of the folder the day left (each copy started once), against a copy taken before the day.`,
    )
    const common = {
      messages: MESSAGES + WARM_UP,
      batch: BATCH,
      dayMinutes: round(dayMs / 60_000, 1),
      files,
    }
    const figures: Figure[] = [
      {
        figure: 'long day: per-message time',
        value: timeRatio,
        unit: `ratio (median per-message save → send → sent, batch of ${BATCH} ending at ${last.sent} / the first batch)`,
        floor: m(first.perMessageMs),
        ratio: timeRatio,
        target: `last batch <= ${TARGET_TIME}x the first`,
        holds: timeRatio <= TARGET_TIME,
        ...summary(last.perMessageMs, 1),
        details: {
          ...common,
          fittedLine: {
            msPerMessageAtFirstBatch: round(fitted(first.sent), 1),
            msPerMessageAtLastBatch: round(fitted(last.sent), 1),
            ratio: ratio(fitted(last.sent), fitted(first.sent)),
            slopeMsPer1000Sent: round(fit.slope * 1000, 2),
            note: 'least squares through the batch medians; a cross-check of the raw ratio on a noisy machine',
          },
          warmUpMessages: WARM_UP,
          firstBatchMs: summary(first.perMessageMs, 1),
          lastBatchMs: summary(last.perMessageMs, 1),
          queueToSent: {
            firstBatchMs: summary(first.queueToSentMs, 1),
            lastBatchMs: summary(last.queueToSentMs, 1),
            ratio: ratio(median(last.queueToSentMs), median(first.queueToSentMs)),
          },
        },
      },
      {
        figure: 'long day: outbox event size',
        value: round(median(last.outboxEvents), 0),
        unit: `bytes (median outbox.changed payload as JSON in the batch ending at ${last.sent})`,
        floor: round(median(first.outboxEvents), 0),
        ratio: eventRatio,
        target: `bounded: last batch <= ${TARGET_EVENT}x the first`,
        holds: eventRatio <= TARGET_EVENT,
        ...summary(last.outboxEvents, 0),
        details: {
          firstBatchBytes: summary(first.outboxEvents, 0),
          lastBatchBytes: summary(last.outboxEvents, 0),
          outboxEventsPerMessage: round(last.outboxEvents.length / last.perMessageMs.length, 2),
          draftsEventBytes: {
            firstBatch: summary(first.draftEvents, 0),
            lastBatch: summary(last.draftEvents, 0),
          },
        },
      },
      {
        figure: 'long day: sent history in memory',
        value: last.listed,
        unit: `outbox items the core lists after ${last.sent} sends`,
        floor: HISTORY,
        ratio: ratio(last.listed, HISTORY),
        target: `capped while running: <= ${HISTORY} (the sent history)`,
        holds: last.listed <= HISTORY,
        runs: batches.length,
        median: null,
        min: Math.min(...batches.map((batch) => batch.listed)),
        max: Math.max(...batches.map((batch) => batch.listed)),
        details: { listedPerBatch: batches.map((batch) => batch.listed) },
      },
      {
        figure: 'long day: next start',
        value: startRatio,
        unit: `ratio (median spawn → core ready after ${last.sent} sends / on the same folder before them)`,
        floor: m(starts.before),
        ratio: startRatio,
        target: `<= ${TARGET_START}x the start without history`,
        holds: startRatio <= TARGET_START,
        ...summary(starts.after, 1),
        details: {
          afterMs: summary(starts.after, 1),
          beforeMs: summary(starts.before, 1),
          afterCreateCoreMs: summary(
            afterReports.map((report) => report.createCoreMs),
            1,
          ),
          beforeCreateCoreMs: summary(
            beforeReports.map((report) => report.createCoreMs),
            1,
          ),
          afterOutboxList: {
            ms: summary(
              afterReports.map((report) => report.outboxListMs),
              2,
            ),
            items: afterReports[0]?.outboxItems,
            bytes: afterReports[0]?.outboxBytes,
          },
          how: 'each start a fresh process on its own copy of the folder as the day left it (the first start after the day is the one that prunes), the floor on a copy taken after sign-in, before the first send; ready = createCore and accounts.list answered',
        },
      },
    ]
    return figures
  } finally {
    await child.remove()
    await world.close().catch(() => {})
    await rm(copies, { recursive: true, force: true })
  }
})
