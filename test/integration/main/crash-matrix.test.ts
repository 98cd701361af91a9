/**
 * The outbox promise under kill -9: the real core runs in a child process against the sandbox
 * of THIS process (so the mailbox counts deliveries across the child's deaths) and is killed with
 * SIGKILL at seeded positions during draft save, attach, Send, Undo, Discard, Send again and while
 * a request is at the sandbox. After every kill the core restarts on the same data folder and the
 * invariants are checked:
 *
 *   (a) no message is delivered twice (by Message-ID) unless Send again was pressed for it;
 *   (b) every draft whose save was confirmed is there with that content (or the one being saved);
 *   (c) every draft is either an editable draft or owned by exactly one outbox item;
 *   (d) no temporary file is left in drafts/ or outbox/ after the start;
 *   (e) every action on every draft and outbox item answers something other than `internal`, and
 *       after Undo or Discard of every item every draft can be edited again (not stuck).
 *
 * The child counts its file-system steps (fixtures/crash-child.ts) and kills itself at a step
 * drawn, stratified, from the operation's whole range, so each kill position reproduces from the
 * seed (`POSTLINE_TEST_SEED=<n>`). Every run is bounded (a child gets 20 s, then is killed).
 *
 * A table per point shows runs, kills, kills that cut a write short (a temporary file was left
 * for the restart to clean up) and the violations of each invariant. An invariant known to be
 * broken can be listed in KNOWN_BROKEN: it then runs as a `todo` subtest and still shows.
 */
import { after, before, test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'
import { createCore, type PostlineCore } from '../../../src/main/core'
import { startSandbox, type Sandbox } from '../../../src/sandbox/index'
import type { Draft, DraftFields, OutboxItem } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import type { ChildEvent, CrashChildConfig, CrashPoint } from '../fixtures/crash-child'
import { httpBrowser } from '../../helpers/consent'
import { ok, sandboxOptions, testService } from '../../helpers/core'
import { baseSeed, seedFor, seeded } from '../../helpers/seeded'

const ROOT = resolve(__dirname, '..', '..', '..')
const CHILD = join(ROOT, 'test', 'integration', 'fixtures', 'crash-child.ts')
const GMAIL = '/gmail/v1/users/me/messages/send'
const ADA = 'ada@sandbox.test'
const RUNS_PER_POINT = Number(process.env.POSTLINE_CRASH_RUNS) || 24
const MIN_KILLS = Math.min(20, RUNS_PER_POINT - 2)
const CHILD_TIMEOUT_MS = 20_000
const SETTLE_TIMEOUT_MS = 15_000
const SEED = baseSeed(42_001)

const POINTS: readonly { point: CrashPoint; label: string }[] = [
  { point: 'save', label: 'draft save (drafts.save)' },
  { point: 'attach', label: 'attach (attachments.addDropped / remove)' },
  { point: 'send', label: 'Send (mail.send)' },
  { point: 'undo', label: 'Undo (mail.undo)' },
  { point: 'discard', label: 'Discard (outbox.discard)' },
  { point: 'sendAgain', label: 'Send again (outbox.sendAgain on an unknown item)' },
  { point: 'sending', label: 'while sending (the request reached the sandbox)' },
]

/** The invariants, in the table's order. */
const INVARIANTS = {
  duplicate: '(a) no message delivered twice unless Send again was pressed',
  lost: '(b) no confirmed draft or queued message lost or changed',
  hidden: '(c) every draft editable or owned by exactly one outbox item',
  temp: '(d) no temporary file left in drafts/ or outbox/ after the start',
  unhandled: 'the child never dies of an unhandled rejection or crash',
  internal: "(e) no action answers 'internal'",
  stuck: '(e) no draft stuck (busy / not-found) after Undo or Discard of everything',
} as const
type Invariant = keyof typeof INVARIANTS

/**
 * Invariants that the code under test breaks, as todo subtests with the reason (they still run
 * and print their violations). Empty since the store rewrite (main 3abd8e2): before it, every
 * point left temporary files (nothing removed them at start), and Undo and
 * Discard left drafts pointing to a removed outbox item (hidden, busy forever) in 15 of 24 kills.
 */
const KNOWN_BROKEN: Partial<Record<CrashPoint, Partial<Record<Invariant, string>>>> = {}

let sandbox: Sandbox
let root: string
let childBundle: string
let template: string
const service = testService()

before(async () => {
  sandbox = await startSandbox()
  root = await mkdtemp(join(tmpdir(), 'postline-crash-'))
  // The child is the real core, bundled once by esbuild: starting it through tsx for every one
  // of ~150 kills would take minutes. keytar stays a run-time module (NODE_PATH below).
  childBundle = join(root, 'crash-child.js')
  await build({
    entryPoints: [CHILD],
    outfile: childBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['keytar', 'electron', 'bufferutil', 'utf-8-validate', 'fsevents', '*.node'],
    logLevel: 'warning',
  })
  // One data folder with ADA signed in; every run starts from a copy of it.
  template = join(root, 'template')
  const browser = httpBrowser([{ identity: ADA }])
  const core = await createCore(sandboxOptions(sandbox, template, service, browser.openExternal), {
    verifyAtStart: false,
  })
  ok(await core.handlers['accounts.add'](undefined))
  await core.close()
})

after(async () => {
  await sandbox?.close()
  if (root !== undefined) await rm(root, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------

interface RunResult {
  readonly point: CrashPoint
  readonly run: number
  readonly target: number | null
  readonly killed: boolean
  /** Whether the kill left a temporary file (a write cut short), before the restart. */
  readonly midWrite: boolean
  readonly steps: number | null
  /** Operations the child asked for that were refused: the scenario did not run as meant. */
  readonly refused: string[]
  readonly violations: Record<Invariant, string[]>
}

interface PointSummary {
  readonly point: CrashPoint
  readonly runs: number
  readonly kills: number
  readonly midWrite: number
  readonly measuredSteps: number | null
  readonly refused: string[]
  readonly violations: Record<Invariant, string[]>
}

function noViolations(): Record<Invariant, string[]> {
  return {
    duplicate: [],
    lost: [],
    hidden: [],
    temp: [],
    unhandled: [],
    internal: [],
    stuck: [],
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms))

function gmailRequests(): number {
  return sandbox.requests().filter((request) => request.path.startsWith(GMAIL)).length
}

function fieldsFor(subject: string, html = '<p>prepared</p>'): DraftFields {
  return {
    from: null,
    to: ['Grace Hopper <grace@example.com>'],
    cc: [],
    bcc: [],
    subject,
    html,
    text: '',
  }
}

async function startRestarted(dataDir: string): Promise<PostlineCore> {
  return createCore(
    sandboxOptions(sandbox, dataDir, service, async () => {}),
    {
      verifyAtStart: false,
      sendTiming: { undoDelayMs: 0, baseBackoffMs: 50, maxBackoffMs: 200 },
    },
  )
}

/** Waits until no item is queued or on the wire; answers the items still doing so. */
async function settle(core: PostlineCore): Promise<OutboxItem[]> {
  const busy = () =>
    core.sending.list().filter((item) => item.state === 'queued' || item.state === 'sending')
  const until = Date.now() + SETTLE_TIMEOUT_MS
  while (busy().length > 0 && Date.now() < until) await delay(20)
  return busy()
}

interface Prepared {
  readonly outboxId: string
  readonly draftId: string
  readonly subject: string
  readonly htmlSha256: string
}

/** An item in state `unknown`: sent while the sandbox drops the connection after reading it. */
async function prepareUnknown(dataDir: string, tag: string): Promise<Prepared> {
  const core = await startRestarted(dataDir)
  try {
    const fields = fieldsFor(`${tag} u`)
    const draft = ok(await core.handlers['drafts.save']({ fields }))
    sandbox.failNext(GMAIL, { kind: 'drop' })
    const item = ok(await core.handlers['mail.send']({ draftId: draft.id }))
    const until = Date.now() + SETTLE_TIMEOUT_MS
    let state = item.state
    while (state !== 'unknown' && Date.now() < until) {
      await delay(10)
      state = core.sending.list().find((entry) => entry.id === item.id)?.state ?? state
    }
    assert.equal(state, 'unknown', 'preparing an item in state unknown')
    return {
      outboxId: item.id,
      draftId: draft.id,
      subject: fields.subject,
      htmlSha256: sha256(fields.html),
    }
  } finally {
    await core.close()
  }
}

interface ChildRun {
  readonly events: ChildEvent[]
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
  readonly timedOut: boolean
}

async function runChild(
  config: CrashChildConfig,
  killWhenSending: { faultMs: number; waitMs: number } | null,
): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--unhandled-rejections=strict', childBundle], {
    env: {
      ...process.env,
      NODE_PATH: join(ROOT, 'node_modules'),
      POSTLINE_CRASH_CONFIG: JSON.stringify(config),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk
  })
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) =>
    child.once('exit', (code, signal) => done([code, signal])),
  )
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, CHILD_TIMEOUT_MS)
  const events: ChildEvent[] = []
  let ready!: () => void
  const isReady = new Promise<void>((done) => (ready = done))
  const reading = (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      try {
        const event = JSON.parse(line) as ChildEvent
        events.push(event)
        if (event.ev === 'ready') ready()
      } catch {
        stderr += `(stdout) ${line}\n`
      }
    }
  })()
  if (killWhenSending !== null) {
    const before = gmailRequests()
    sandbox.failNext(GMAIL, { kind: 'delay', ms: killWhenSending.faultMs })
    let gone = false
    void exited.then(() => (gone = true))
    await Promise.race([isReady, exited])
    while (!gone && gmailRequests() === before) await delay(2)
    if (!gone) {
      await delay(killWhenSending.waitMs)
      child.kill('SIGKILL')
    }
  }
  const [code, signal] = await exited
  clearTimeout(timer)
  await reading
  return { events, code, signal, stderr, timedOut }
}

/** Subject and Message-ID of every message the sandbox accepted since the mailbox was cleared. */
function deliveries(): { subject: string; messageId: string }[] {
  return sandbox.mailbox().map((message) => {
    const head = message.raw.toString('utf8').split('\r\n\r\n')[0] ?? ''
    return {
      subject: /^Subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '',
      messageId: /^Message-ID: (.*)$/im.exec(head)?.[1]?.trim() ?? '',
    }
  })
}

async function names(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => [])
}

/** Records every answer of the restarted core; `internal` is a violation wherever it appears. */
function answerOf<T>(
  result: Result<T>,
  what: string,
  violations: Record<Invariant, string[]>,
): Result<T> {
  if (!result.ok && result.error.code === 'internal')
    violations.internal.push(`${what} answered internal: ${result.error.message}`)
  return result
}

async function runOnce(point: CrashPoint, run: number, target: number | null): Promise<RunResult> {
  const violations = noViolations()
  const tag = `${point}-${run}`
  const dataDir = join(root, tag)
  await cp(template, dataDir, { recursive: true })
  const r = seeded(seedFor(tag, SEED))
  sandbox.clearMailbox()

  const prepared =
    point === 'discard' || point === 'sendAgain' ? await prepareUnknown(dataDir, tag) : null
  const file = join(dataDir, 'attachment.bin')
  await cp(CHILD, file)
  const child = await runChild(
    {
      point,
      endpoints: sandbox.endpoints,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      dataDir,
      service,
      tag,
      seed: r.int(1, 2 ** 30),
      killAtOp: point === 'sending' ? null : target,
      file,
      unknownOutboxId: prepared?.outboxId ?? null,
    },
    // The sandbox holds the request 10-60 ms; the kill comes 0-25 ms after it arrived: mostly
    // while it is held, sometimes just after the message was accepted.
    point === 'sending' ? { faultMs: r.int(10, 60), waitMs: r.int(0, 25) } : null,
  )
  const killed = child.signal === 'SIGKILL' && !child.timedOut
  if (child.timedOut) violations.stuck.push(`the child did not finish in ${CHILD_TIMEOUT_MS} ms`)
  else if (!killed && child.code !== 0) {
    violations.unhandled.push(
      `the child exited with ${child.code ?? child.signal}: ${child.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
    )
  }
  for (const event of child.events) {
    if (event.ev === 'answer' && event.code === 'internal')
      violations.internal.push(`child: ${event.channel} answered internal: ${event.message}`)
  }
  const steps = child.events.find((event) => event.ev === 'steps')
  // Evidence that kills land inside writes: the temporary files they leave, before the restart.
  const leftByKill: string[] = []
  for (const folder of ['drafts', 'outbox']) {
    for (const name of await names(join(dataDir, folder)))
      if (name.endsWith('.tmp')) leftByKill.push(`${folder}/${name}`)
  }
  await check(dataDir, child.events, prepared, leftByKill, violations)
  await rm(dataDir, { recursive: true, force: true })
  return {
    point,
    run,
    target,
    killed,
    midWrite: leftByKill.length > 0,
    steps: steps?.ev === 'steps' ? steps.count : null,
    refused: child.events.flatMap((event) =>
      event.ev === 'answer'
        ? [`run ${run}: ${event.channel} answered ${event.code}: ${event.message}`]
        : [],
    ),
    violations,
  }
}

/** Restarts the core on the folder and checks every invariant. */
async function check(
  dataDir: string,
  events: readonly ChildEvent[],
  prepared: Prepared | null,
  leftByKill: readonly string[],
  violations: Record<Invariant, string[]>,
): Promise<void> {
  let core: PostlineCore
  try {
    core = await startRestarted(dataDir)
  } catch (error) {
    violations.internal.push(`the core did not start: ${String(error)}`)
    return
  }
  try {
    const { handlers } = core
    // (d) right after the start: what the kill left is gone. (The restarted core may be writing
    // already, resuming a send: its own temporary files of the moment are not leftovers.)
    for (const folder of ['drafts', 'outbox']) {
      const present = await names(join(dataDir, folder))
      for (const name of present) {
        if (leftByKill.includes(`${folder}/${name}`))
          violations.temp.push(
            `${folder}/${name} (left by the kill) is still there after the start`,
          )
        if (name.includes('.damaged-'))
          violations.lost.push(`${folder}/${name} set aside as damaged`)
      }
    }

    // What the child confirmed: the last saved content of each draft, and a save under way.
    const confirmed = new Map<string, { subject: string; htmlSha256: string }>()
    const pending = new Map<string, { subject: string; htmlSha256: string }>()
    const attachments = new Map<string, Set<number>>()
    const pressedDrafts = new Set<string>()
    if (prepared !== null) confirmed.set(prepared.draftId, prepared)
    for (const event of events) {
      if (event.ev === 'saving' && event.id !== null) pending.set(event.id, event)
      if (event.ev === 'saved') {
        confirmed.set(event.id, event)
        pending.delete(event.id)
      }
      // A draft starts without attachments; one being added or removed may or may not land.
      if (event.ev === 'attaching')
        attachments.set(
          event.draftId,
          new Set([...(attachments.get(event.draftId) ?? [0]), event.count]),
        )
      if (event.ev === 'attachments') attachments.set(event.draftId, new Set([event.count]))
      if (event.ev === 'pressed') pressedDrafts.add(event.draftId)
    }

    const draftIds = (await names(join(dataDir, 'drafts')))
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.json'.length))
    const drafts = new Map<string, Draft>()
    for (const id of draftIds) {
      const answer = answerOf(await handlers['drafts.get']({ id }), `drafts.get ${id}`, violations)
      if (answer.ok) drafts.set(id, answer.value)
      else
        violations.hidden.push(`draft ${id} is on disk but drafts.get answers ${answer.error.code}`)
    }
    const items = ok(answerOf(await handlers['outbox.list'](undefined), 'outbox.list', violations))
    const listed = new Set(
      ok(answerOf(await handlers['drafts.list'](undefined), 'drafts.list', violations)).map(
        (summary) => summary.id,
      ),
    )

    // (c) ownership, as found at the start.
    for (const draft of drafts.values()) {
      if (draft.outboxId === null) {
        if (!listed.has(draft.id))
          violations.hidden.push(`draft ${draft.id} is editable but not listed`)
        continue
      }
      const owner = items.find((item) => item.id === draft.outboxId)
      if (owner === undefined)
        violations.hidden.push(
          `draft ${draft.id} points to outbox item ${draft.outboxId}, which does not exist`,
        )
      else if (owner.draftId !== draft.id)
        violations.hidden.push(
          `draft ${draft.id} points to ${owner.id}, which belongs to ${owner.draftId}`,
        )
    }
    const claims = new Map<string, string[]>()
    for (const item of items) {
      if (item.state === 'sent') continue
      claims.set(item.draftId, [...(claims.get(item.draftId) ?? []), item.id])
      const draft = drafts.get(item.draftId)
      if (draft === undefined)
        violations.lost.push(
          `outbox item ${item.id} (${item.state}) has lost its draft ${item.draftId}`,
        )
      else if (draft.outboxId !== item.id)
        violations.hidden.push(
          `outbox item ${item.id} claims draft ${draft.id}, which points to ${draft.outboxId}`,
        )
    }
    for (const [draftId, owners] of claims) {
      if (owners.length > 1)
        violations.hidden.push(`draft ${draftId} is claimed by ${owners.length} items`)
    }

    // Let the restarted core finish what it resumed, then count deliveries: (a).
    for (const item of await settle(core))
      violations.stuck.push(
        `outbox item ${item.id} still ${item.state} ${SETTLE_TIMEOUT_MS} ms after the start`,
      )
    const delivered = deliveries()
    const subjects = new Set(delivered.map((message) => message.subject))
    const byId = new Map<string, number>()
    for (const message of delivered)
      byId.set(message.messageId, (byId.get(message.messageId) ?? 0) + 1)
    // Send again was pressed once for these: one delivery more is the person's choice.
    const pressedSubjects = new Set<string>()
    for (const draftId of pressedDrafts) {
      const subject = confirmed.get(draftId)?.subject
      if (subject !== undefined) pressedSubjects.add(subject)
    }
    for (const [messageId, count] of byId) {
      const subject = delivered.find((message) => message.messageId === messageId)?.subject ?? ''
      const allowed = pressedSubjects.has(subject) ? 2 : 1
      if (count > allowed)
        violations.duplicate.push(`${messageId} (“${subject}”) delivered ${count} times`)
    }

    // (b) every confirmed draft is there with its content, unless its message went out.
    for (const [id, content] of confirmed) {
      const draft = drafts.get(id)
      if (draft === undefined) {
        const sentNow = subjects.has(content.subject)
        if (!sentNow)
          violations.lost.push(`draft ${id} (“${content.subject}”) is gone and was not sent`)
        continue
      }
      const candidates = [content, pending.get(id)].filter((entry) => entry !== undefined)
      if (
        !candidates.some(
          (entry) => entry.subject === draft.subject && entry.htmlSha256 === sha256(draft.html),
        )
      )
        violations.lost.push(
          `draft ${id} reads “${draft.subject}”, not the confirmed “${content.subject}”`,
        )
      const counts = attachments.get(id)
      if (counts !== undefined && !counts.has(draft.attachments.length))
        violations.lost.push(
          `draft ${id} has ${draft.attachments.length} attachments, not ${[...counts].join(' or ')}`,
        )
    }

    // (e) every action on every item, then every draft must be editable again.
    for (const item of ok(
      answerOf(await handlers['outbox.list'](undefined), 'outbox.list', violations),
    )) {
      const answer =
        item.state === 'scheduled' || item.state === 'queued' || item.state === 'held'
          ? answerOf(
              await handlers['mail.undo']({ outboxId: item.id }),
              `mail.undo (${item.state})`,
              violations,
            )
          : item.state === 'sending'
            ? null
            : answerOf(
                await handlers['outbox.discard']({ id: item.id }),
                `outbox.discard (${item.state})`,
                violations,
              )
      if (answer !== null && !answer.ok && answer.error.code !== 'internal')
        violations.stuck.push(`outbox item ${item.id} (${item.state}): ${answer.error.code}`)
    }
    for (const [id, before] of drafts) {
      const got = answerOf(await handlers['drafts.get']({ id }), `drafts.get ${id}`, violations)
      // The restarted core may have just sent it (its draft goes once the message is sent).
      if (!got.ok && got.error.code === 'not-found' && subjects.has(before.subject)) continue
      if (!got.ok) {
        if (got.error.code !== 'internal')
          violations.stuck.push(`draft ${id}: drafts.get answers ${got.error.code}`)
        continue
      }
      const { subject, html, from, to, cc, bcc, text } = got.value
      const saved = answerOf(
        await handlers['drafts.save']({ id, fields: { from, to, cc, bcc, subject, html, text } }),
        `drafts.save ${id}`,
        violations,
      )
      if (!saved.ok && saved.error.code !== 'internal')
        violations.stuck.push(
          `draft ${id} cannot be edited after Undo/Discard of everything: ${saved.error.code}`,
        )
    }
  } finally {
    await core.close()
  }
  // And a clean close leaves none at all.
  for (const folder of ['drafts', 'outbox']) {
    for (const name of await names(join(dataDir, folder)))
      if (name.endsWith('.tmp'))
        violations.temp.push(`${folder}/${name} is there after a clean close`)
  }
}

// ---------------------------------------------------------------------------------------------

const summaries: PointSummary[] = []

function table(rows: readonly PointSummary[]): string {
  const headers = [
    'point',
    'runs',
    'kills',
    'kills inside a write',
    'duplicate deliveries',
    'lost drafts/messages',
    'hidden or locked drafts',
    'leftover temp files',
    'unhandled rejections',
    "'internal' answers",
    'stuck drafts',
  ]
  const lines = rows.map((row) => [
    row.point,
    String(row.runs),
    String(row.kills),
    String(row.midWrite),
    ...(['duplicate', 'lost', 'hidden', 'temp', 'unhandled', 'internal', 'stuck'] as const).map(
      (key) => String(row.violations[key].length),
    ),
  ])
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...lines.map((line) => line[i]!.length)),
  )
  const format = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  return [
    format(headers),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...lines.map(format),
  ].join('\n')
}

async function runPoint(t: TestContext, point: CrashPoint): Promise<PointSummary> {
  const r = seeded(seedFor(point, SEED))
  const results: RunResult[] = []
  // A first run without a kill measures the operation: how many disk steps there are to kill at.
  const dry = await runOnce(point, 0, null)
  results.push(dry)
  const range = Math.max(1, dry.steps ?? 1)
  for (let run = 1; run <= RUNS_PER_POINT; run++) {
    // Stratified: each run kills in its own slice of the range, at a seeded place in it.
    const target =
      point === 'sending' ? null : 1 + Math.floor(((run - 1 + r.next()) * range) / RUNS_PER_POINT)
    results.push(await runOnce(point, run, target))
  }
  const violations = noViolations()
  for (const result of results) {
    for (const key of Object.keys(violations) as Invariant[]) {
      violations[key].push(
        ...result.violations[key].map(
          (text) => `run ${result.run} (kill at ${result.target ?? 'request'}): ${text}`,
        ),
      )
    }
  }
  t.diagnostic(
    point === 'sending'
      ? `${point}: killed from outside once the request reached the sandbox, seed ${seedFor(point, SEED)}`
      : `${point}: ${range} disk steps in the operation, seed ${seedFor(point, SEED)}`,
  )
  return {
    point,
    runs: results.length,
    kills: results.filter((result) => result.killed).length,
    midWrite: results.filter((result) => result.midWrite).length,
    measuredSteps: dry.steps,
    refused: results.flatMap((result) => result.refused),
    violations,
  }
}

for (const { point, label } of POINTS) {
  test(`kill -9 during ${label}`, async (t) => {
    const summary = await runPoint(t, point)
    summaries.push(summary)
    console.log(`\n${table([summary])}`)
    for (const [key, list] of Object.entries(summary.violations)) {
      for (const text of list.slice(0, 5)) t.diagnostic(`${key}: ${text}`)
    }
    // The harness itself: the measuring run went through, every operation was accepted (else the
    // kills would land somewhere else than meant), and there were enough kills.
    if (point !== 'sending')
      assert.ok((summary.measuredSteps ?? 0) > 0, `the measuring run at ${point} reported no steps`)
    assert.deepEqual(summary.refused.slice(0, 5), [], 'operations of the scenario were refused')
    assert.ok(summary.kills >= MIN_KILLS, `only ${summary.kills} kills at ${point}`)
    for (const key of Object.keys(INVARIANTS) as Invariant[]) {
      const todo = KNOWN_BROKEN[point]?.[key]
      await t.test(INVARIANTS[key], todo === undefined ? {} : { todo }, () => {
        assert.deepEqual(
          summary.violations[key].slice(0, 10),
          [],
          `${summary.violations[key].length} violations`,
        )
      })
    }
  })
}

after(() => {
  if (summaries.length > 0) console.log(`\nkill -9 matrix (seed ${SEED})\n${table(summaries)}`)
})
