// Child of bench/drafts-scale.ts and bench/sending-day.ts: the main-process core started on a
// data folder (argv[2], a JSON config). Prints "ready" once createCore has answered and
// accounts.list too (the parent times spawn → ready), then one JSON line: the drafts list's
// first page and the outbox list (time, bytes), RSS after gc at rest, and what one autosave
// pushes to the window.
import { performance } from 'node:perf_hooks'
import { createCore } from '../../src/main/core'
import type { GoogleEndpoints } from '../../src/main/google-endpoints'
import { EVENT_NAMES } from '../../src/shared/contract'
import { payloadBytes } from '../lib/outbox-clock'
import { rssAfterGc } from '../lib/rss'
import { draftHtml, seeded } from '../lib/drafts-folder'

interface Config {
  readonly dataDir: string
  readonly restMs: number
  /**
   * Then this much longer idle before a second RSS sample: V8 keeps the young generation it grew
   * while the start allocated until a collection sees the allocation rate fall (its 5 s window)
   * or its memory reducer runs, so RSS 1 s after start still holds that transient growth.
   */
  readonly settleMs?: number
  /** The sandbox (in the parent) and keychain of a home with accounts; none by default. */
  readonly keychainService?: string
  readonly sandbox?: { endpoints: GoogleEndpoints; clientId: string; clientSecret: string }
  readonly autosave?: boolean
  /** Killed (SIGKILL) right after "ready", as a crash would end it. */
  readonly crashAfterReady?: boolean
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config
const origin = 'http://127.0.0.1:9'

async function main(): Promise<void> {
  const loadedMs = performance.now()
  const core = await createCore({
    dataDir: config.dataDir,
    keychainService: config.keychainService ?? 'Postline Bench start',
    endpoints: config.sandbox?.endpoints ?? {
      authorizationUrl: `${origin}/o/oauth2/v2/auth`,
      tokenUrl: `${origin}/token`,
      revocationUrl: `${origin}/revoke`,
      userinfoUrl: `${origin}/v1/userinfo`,
      gmailRootUrl: `${origin}/`,
    },
    clientId: config.sandbox?.clientId ?? 'postline-sandbox.apps.googleusercontent.com',
    clientSecret: config.sandbox?.clientSecret ?? 'sandbox-secret',
    openExternal: async () => {},
    mode: 'sandbox',
  })
  const accounts = await core.handlers['accounts.list'](undefined)
  if (!accounts.ok) throw new Error('accounts.list failed')
  const readyMs = performance.now()
  process.stdout.write('ready\n')
  if (config.crashAfterReady) process.kill(process.pid, 'SIGKILL')

  // The drafts list's first page, as the window asks for it right after start; the answer is
  // serialized as IPC would copy it. In a function of its own, so that the answer is garbage
  // afterwards, as it is in the app once IPC copied it.
  const { listCallMs, serializeMs, pageBytes, listed } = await firstPage(core)

  const started = performance.now()
  const outbox = await core.handlers['outbox.list'](undefined)
  const outboxListMs = performance.now() - started
  if (!outbox.ok) throw new Error(`outbox.list failed: ${outbox.error.message}`)
  const outboxBytes = payloadBytes(outbox.value)
  const outboxItems = Array.isArray(outbox.value) ? outbox.value.length : -1

  await new Promise((resolve) => setTimeout(resolve, config.restMs))
  const rest = rssAfterGc()
  let settled = rest
  if ((config.settleMs ?? 0) > 0) {
    await new Promise((resolve) => setTimeout(resolve, config.settleMs))
    settled = rssAfterGc()
  }
  const saves: { ms: number; answerBytes: number; eventBytes: number }[] = []
  const events: Record<string, number> = {}
  if (config.autosave !== false) await autosave(core, saves, events)
  await core.close()
  process.stdout.write(
    `${JSON.stringify({
      loadedMs,
      createCoreMs: readyMs - loadedMs,
      listCallMs,
      serializeMs,
      pageBytes,
      listed,
      outboxListMs,
      outboxBytes,
      outboxItems,
      rss: rest.rss,
      heapUsed: rest.heapUsed,
      settledRss: settled.rss,
      settledHeapUsed: settled.heapUsed,
      saves,
      eventsOfLastSave: events,
    })}\n`,
  )
}

async function firstPage(core: Awaited<ReturnType<typeof createCore>>) {
  let started = performance.now()
  let page = await core.handlers['drafts.list'](undefined)
  if (!page.ok && page.error.code === 'invalid-input') page = await core.handlers['drafts.list']({})
  const listCallMs = performance.now() - started
  if (!page.ok) throw new Error(`drafts.list failed: ${page.error.message}`)
  started = performance.now()
  const pageBytes = payloadBytes(page.value)
  const serializeMs = performance.now() - started
  const listed = Array.isArray(page.value)
    ? page.value.length
    : ((page.value as { items?: unknown[] }).items?.length ?? -1)
  return { listCallMs, serializeMs, pageBytes, listed }
}

/**
 * Autosave: a new draft of ~10 KB, then the same draft saved again with one more sentence, five
 * times, as the composer's autosave does while someone types. Everything sent towards the window
 * during each save (events, JSON bytes) and its answer are counted.
 */
async function autosave(
  core: Awaited<ReturnType<typeof createCore>>,
  saves: { ms: number; answerBytes: number; eventBytes: number }[],
  events: Record<string, number>,
): Promise<void> {
  const random = seeded(7)
  const fields = {
    from: null,
    to: ['grace@example.com'],
    cc: [],
    bcc: [],
    subject: 'Autosaved',
    html: draftHtml(10 * 1024, random),
    text: '',
  }
  const created = await core.handlers['drafts.save']({ fields })
  if (!created.ok) throw new Error(`drafts.save failed: ${created.error.message}`)
  const offs = EVENT_NAMES.map((event) =>
    core.on(event, (payload) => {
      events[event] = (events[event] ?? 0) + payloadBytes(payload)
    }),
  )
  for (let n = 1; n <= 5; n++) {
    for (const key of Object.keys(events)) delete events[key]
    const started = performance.now()
    const saved = await core.handlers['drafts.save']({
      id: created.value.id,
      fields: { ...fields, html: `${fields.html}<p>One more sentence, number ${n}.</p>` },
    })
    const ms = performance.now() - started
    if (!saved.ok) throw new Error(`drafts.save failed: ${saved.error.message}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    saves.push({
      ms,
      answerBytes: payloadBytes(saved.value),
      eventBytes: Object.values(events).reduce((sum, bytes) => sum + bytes, 0),
    })
  }
  for (const off of offs) off()
  // The folder stays as it was for the next start.
  const removed = await core.handlers['drafts.delete']({ id: created.value.id })
  if (!removed.ok) throw new Error(`drafts.delete failed: ${removed.error.message}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
