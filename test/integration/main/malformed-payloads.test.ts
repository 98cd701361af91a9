/**
 * Malformed requests against the REAL core (createCore on the sandbox, real disk, real keyring):
 * for every invoke channel, at least 300 generated payloads (wrong types, missing and extra
 * fields, huge strings, prototype-pollution keys, NaN and Infinity, deep nesting, cycles, invalid
 * ids, odd unicode) plus a fixed list. The unit test of registerHandlers does the same against a
 * stub core that only parses; here each payload reaches the real handlers, and a payload that
 * happens to be valid runs for real (against drafts, attachments and outbox items that exist).
 *
 * Every answer must be a result: `invalid-input` when the contract's schema refuses the payload,
 * otherwise a value or a known error code other than `internal`. Nothing may throw, and the core
 * must still work afterwards. Seeded: `POSTLINE_TEST_SEED=<n>` replays a run.
 */
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { inspect } from 'node:util'
import type { Sandbox } from '../../../src/sandbox/index'
import type { PostlineCore } from '../../../src/main/core'
import { INVOKE_CHANNELS, invokeSchemas, type InvokeChannel } from '../../../src/shared/contract'
import { ERROR_CODES, type Result } from '../../../src/shared/errors'
import { ok } from '../../helpers/core'
import { baseSeed, seedFor, seeded, type Seeded } from '../../helpers/seeded'
import { coreWithAccounts, newDraft } from '../../helpers/sending'
import { ADA, sandboxForFile } from '../../helpers/sandbox'

const GENERATED_PER_CHANNEL = 320
const SEED = baseSeed(20_261_129)

let sandbox: Sandbox
sandboxForFile((started) => (sandbox = started))

/** Things that exist in the core under test, so valid payloads reach deep into the handlers. */
interface World {
  readonly core: PostlineCore
  readonly dataDir: string
  readonly file: string
  readonly draftIds: string[]
  readonly outboxIds: string[]
  readonly attachmentIds: string[]
}

// ---------------------------------------------------------------------------------------------
// Value pools

const HUGE = {
  k1: 'x'.repeat(1_001),
  k2: 's'.repeat(2_001),
  k5: 'p'.repeat(4_097),
  m1: 'm'.repeat(1_000_000),
  m5: 'h'.repeat(5_000_001),
}

const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b@example.com',
  '\uD800',
  '\uDFFF\uD800x',
  '\u202Eexe.txt',
  '👩‍👩‍👧‍👦',
  '\u200B\u200C\u200D\uFEFF',
  'ﬀ Ⅻ ℌ ǅ',
  'a\u0308\u0301\u0327',
  'Hello\r\nBcc: evil@example.com',
  '\r\n.\r\n',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '%s%n%x',
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'Zoë Ångström 🚀 <zoe@example.com>',
  '"Lovelace, Ada" <ada@example.com>',
]

const NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  3.5,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
]

const PROTO_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
]

/** Ids the schema accepts that name nothing, or name Object.prototype's members. */
const VALID_LOOKING_IDS: readonly string[] = [
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'AAAAAAAAAAAAAAAAAAAAAA',
  '--------',
  '________',
  'a'.repeat(64),
]

const INVALID_IDS: readonly string[] = [
  '',
  'short',
  'a'.repeat(65),
  '../../../../etc/passwd',
  'abc/def12345',
  'abc.def12345',
  'abcdefgh\n',
  ' abcdefgh',
  'abcdéfghi',
  'abcdefgh\u0000',
  '𝒶𝒷𝒸𝒹𝑒𝒻𝑔𝒽',
]

const EMAILS: readonly string[] = [
  ADA,
  ` ${ADA.toUpperCase()} `,
  'nobody@example.com',
  'zoë@example.com',
  'a@b.co',
  'a'.repeat(64) + '@example.com',
]

/** Addresses that name no account: signing ADA out (or removing it) would end the run's sending. */
const OTHER_EMAILS = EMAILS.filter((email) => !email.trim().toLowerCase().startsWith('ada@'))
/** The addresses generated payloads use: all but ADA's while accounts.signOut is tested. */
let emailPool: readonly string[] = EMAILS

function nestedArray(depth: number): unknown {
  let value: unknown = []
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

function nestedObject(depth: number, key = 'id'): unknown {
  let value: unknown = 'abcdefgh'
  for (let i = 0; i < depth; i++) value = { [key]: value }
  return value
}

function cyclic(): unknown {
  const value: Record<string, unknown> = { id: 'abcdefgh' }
  value.self = value
  value.fields = value
  return value
}

/** An object with an own key named like a prototype member, as JSON.parse would build it. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  })
  return target
}

/** Anything a window could send through structured clone, with a bias to what breaks parsers. */
function arbitrary(r: Seeded, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 9 : 15)) {
    case 0:
      return null
    case 1:
      return undefined
    case 2:
      return r.chance(0.5)
    case 3:
      return r.pick(NUMBERS)
    case 4:
      return r.pick(ODD_STRINGS)
    case 5:
      return r.pick(Object.values(HUGE))
    case 6:
      return r.pick([...VALID_LOOKING_IDS, ...INVALID_IDS])
    case 7:
      return r.pick(emailPool)
    case 8:
      return r.pick([
        10n,
        new Date(Number.NaN),
        /x/g,
        new Uint8Array([1, 2, 3]),
        new ArrayBuffer(8),
        new Map([['id', 'abcdefgh']]),
        new Set(['abcdefgh']),
        new Error('abcdefgh'),
      ])
    case 9:
      return r.pick([nestedArray(r.int(50, 10_000)), nestedObject(r.int(50, 10_000)), cyclic()])
    case 10:
      return Array.from({ length: r.int(0, 4) }, () => arbitrary(r, depth + 1))
    case 11: {
      const sparse: unknown[] = []
      sparse[r.int(1, 100_000)] = 'abcdefgh'
      return sparse
    }
    case 12:
      return Object.create(null) as unknown
    default: {
      const value: Record<string, unknown> = {}
      for (let i = r.int(0, 4); i > 0; i--) {
        withOwnKey(
          value,
          r.pick([...PROTO_KEYS, 'id', 'email', 'draftId', 'fields', 'paths', 'x']),
          arbitrary(r, depth + 1),
        )
      }
      return value
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Valid payloads per channel, then mutations of them

function someId(r: Seeded, ids: readonly string[]): string {
  return r.chance(0.6) && ids.length > 0 ? r.pick(ids) : r.pick(VALID_LOOKING_IDS)
}

function recipients(r: Seeded): string[] {
  return Array.from({ length: r.int(0, 3) }, () =>
    r.pick([...ODD_STRINGS, 'grace@example.com', 'Grace Hopper <grace@example.com>']),
  )
}

function validFields(r: Seeded) {
  return {
    from: r.pick([null, ADA, 'other@example.com', r.pick(ODD_STRINGS)]),
    to: r.chance(0.7) ? ['grace@example.com'] : recipients(r),
    cc: recipients(r),
    bcc: recipients(r),
    subject: r.pick([...ODD_STRINGS, 'Hello']),
    html: r.pick([...ODD_STRINGS, '<p>Hi</p>', '<img src=x onerror=alert(1)>']),
    text: r.pick(ODD_STRINGS),
  }
}

function validPayload(channel: InvokeChannel, r: Seeded, world: World): unknown {
  const drafts = world.draftIds
  switch (channel) {
    case 'accounts.list':
    case 'accounts.add':
    case 'accounts.cancelAdd':
    case 'accounts.addForSession':
    case 'accounts.openGoogleAccessPage':
    case 'drafts.list':
    case 'outbox.list':
    case 'settings.get':
    case 'settings.clearGoogleClient':
    case 'app.status':
    case 'language.get':
    case 'plainText.defaults':
      return undefined
    case 'drafts.search':
      return { query: r.pick([...ODD_STRINGS, 'hello', 'grace hi']) }
    case 'language.set':
      return { language: r.pick(['en', 'pt-BR', 'es', null]) }
    case 'plainText.setDefault':
      return { address: r.pick([...EMAILS, ...ODD_STRINGS]), plain: r.chance(0.5) }
    case 'accounts.setActive':
    case 'accounts.reconnect':
      return { email: r.pick(EMAILS) }
    case 'accounts.signOut':
    case 'accounts.removeFromComputer':
      return { email: r.pick(OTHER_EMAILS) }
    case 'accounts.setSenderName':
      return { email: r.pick(EMAILS), name: r.pick([...ODD_STRINGS, 'Ada Lovelace', '']) }
    case 'accounts.addSendAs':
      return {
        email: r.pick(EMAILS),
        address: r.pick([...ODD_STRINGS, 'ada.alias@example.com', ADA]),
        name: r.pick([...ODD_STRINGS, 'Ada at work', '']),
        replyTo: r.pick([...ODD_STRINGS, '', 'replies@example.com']),
        signature: r.pick([...ODD_STRINGS, '']),
        confirmed: r.chance(0.7),
      }
    case 'accounts.removeSendAs':
      return { email: r.pick(EMAILS), address: r.pick([...ODD_STRINGS, 'ada.alias@example.com']) }
    case 'accounts.setDefaultFrom':
      return { email: r.pick(EMAILS), address: r.pick([null, ADA, 'ada.alias@example.com']) }
    case 'accounts.openSendAsSettings':
      return { email: r.pick(EMAILS) }
    case 'drafts.save':
      return r.chance(0.3)
        ? { fields: validFields(r) }
        : { id: someId(r, drafts), fields: validFields(r) }
    case 'drafts.get':
    case 'drafts.delete':
    case 'drafts.restore':
      return { id: someId(r, drafts) }
    case 'attachments.pick':
    case 'mail.send':
      return { draftId: someId(r, drafts) }
    case 'attachments.addDropped':
      return {
        draftId: someId(r, drafts),
        paths: Array.from({ length: r.int(1, 3) }, () =>
          r.pick([
            world.file,
            join(world.dataDir, 'no-such-file.txt'),
            world.dataDir,
            '/dev/null',
            'relative.txt',
            r.pick(ODD_STRINGS) || 'x',
          ]),
        ),
      }
    case 'attachments.remove':
      return { draftId: someId(r, drafts), attachmentId: someId(r, world.attachmentIds) }
    case 'mail.sendLater':
      return {
        draftId: someId(r, drafts),
        at: new Date(Date.now() + r.pick([-60_000, 3_600_000])).toISOString(),
        zone: r.pick(['Europe/Lisbon', 'America/Sao_Paulo', 'UTC']),
      }
    case 'mail.undo':
      return { outboxId: someId(r, world.outboxIds) }
    case 'outbox.retry':
    case 'outbox.sendNow':
    case 'outbox.sendAgain':
    case 'outbox.discard':
    case 'outbox.openInGmail':
    case 'outbox.copyAsNew':
      return { id: someId(r, world.outboxIds) }
    case 'templates.list':
      return undefined
    case 'templates.get':
    case 'templates.delete':
      return { id: someId(r, []) }
    case 'templates.rename':
      return { id: someId(r, []), name: r.pick([...ODD_STRINGS, 'Weekly report']) }
    case 'templates.save':
      return {
        name: r.pick([...ODD_STRINGS, 'Weekly report']),
        fields: (({ to, cc, bcc, subject, html }) => ({ to, cc, bcc, subject, html }))(
          validFields(r),
        ),
        ...(r.chance(0.5) ? { draftId: someId(r, drafts) } : {}),
      }
    case 'templates.attach':
      return { id: someId(r, []), draftId: someId(r, drafts) }
    case 'settings.saveGoogleClient':
      return { clientId: '1234567890.apps.googleusercontent.com', clientSecret: 'secret' }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

/** Paths of the keys of an object payload, one level into `fields`. */
function keyPaths(payload: Record<string, unknown>): string[][] {
  const paths: string[][] = Object.keys(payload).map((key) => [key])
  const fields = payload.fields
  if (isPlainObject(fields)) {
    for (const key of Object.keys(fields)) paths.push(['fields', key])
  }
  return paths
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined'
  } catch {
    return '{"id":'
  }
}

function clone(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return [...(value as unknown[])]
  const copy: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) withOwnKey(copy, key, clone(inner))
  return copy
}

function containerOf(payload: Record<string, unknown>, path: string[]) {
  let target = payload
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
  return { target, key: path.at(-1)! }
}

/** A valid payload, broken in one to three ways (or, now and then, left valid). */
function generated(channel: InvokeChannel, r: Seeded, world: World): unknown {
  const roll = r.next()
  if (roll < 0.1) return validPayload(channel, r, world)
  if (roll < 0.25) return arbitrary(r)
  let payload = clone(validPayload(channel, r, world))
  for (let n = r.int(1, 3); n > 0; n--) {
    if (!isPlainObject(payload)) {
      payload = r.chance(0.5) ? { value: payload } : arbitrary(r)
      continue
    }
    const object = payload as Record<string, unknown>
    const paths = keyPaths(object)
    switch (r.int(0, 6)) {
      case 0:
      case 1: {
        if (paths.length === 0) break
        const { target, key } = containerOf(object, r.pick(paths))
        withOwnKey(target, key, arbitrary(r))
        break
      }
      case 2: {
        if (paths.length === 0) break
        const { target, key } = containerOf(object, r.pick(paths))
        delete target[key]
        break
      }
      case 3: {
        const path = paths.length > 0 && r.chance(0.5) ? r.pick(paths) : ['x']
        const { target } = containerOf(object, path)
        withOwnKey(target, r.pick([...PROTO_KEYS, 'extra', 'id', 'outboxId']), arbitrary(r))
        break
      }
      case 4:
        payload = r.pick([[object], { payload: object }, safeJson(object)])
        break
      case 5: {
        if (paths.length === 0) break
        const { target, key } = containerOf(object, r.pick(paths))
        withOwnKey(target, key, r.pick([...INVALID_IDS, ...NUMBERS, HUGE.m5, HUGE.k2]))
        break
      }
      default: {
        if (paths.length === 0) break
        const { target, key } = containerOf(object, r.pick(paths))
        const value = target[key]
        withOwnKey(
          target,
          key,
          Array.isArray(value)
            ? r.pick([
                () => safeJson(value),
                () => [...(value as unknown[]), ...Array<string>(501).fill('a@b.co')],
                () => [{}],
                () => [HUGE.k2],
              ])()
            : r.pick([() => [value], () => ({ value }), () => safeJson(value), () => 0])(),
        )
      }
    }
  }
  return payload
}

/** Payloads every channel gets, whatever its schema. */
function fixedPayloads(): unknown[] {
  return [
    JSON.parse('{"__proto__":{"polluted":1}}'),
    JSON.parse('{"id":"abcdefgh","__proto__":{"polluted":1}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
    JSON.parse('{"fields":{"__proto__":{"polluted":1}}}'),
    Object.create({ id: 'abcdefgh', draftId: 'abcdefgh', email: ADA }) as unknown,
    Object.create(null) as unknown,
    nestedArray(20_000),
    nestedObject(20_000),
    nestedObject(5_000, '__proto__'),
    cyclic(),
    HUGE.m5,
    { id: HUGE.m5 },
    { email: HUGE.m1 },
    { draftId: HUGE.m1, paths: [HUGE.k5] },
    [],
    {},
    0,
    NaN,
    Infinity,
    '',
    null,
    false,
    10n,
    new Date(0),
    { id: NaN },
    { id: Infinity },
    { id: ['abcdefgh'] },
    { id: { toString: () => 'abcdefgh' } },
    // zod 4's .readonly() freezes a typed array before the array check refuses it, and throws.
    {
      fields: {
        from: null,
        to: new Uint8Array([1, 2]),
        cc: [],
        bcc: [],
        subject: '',
        html: '',
        text: '',
      },
    },
    { name: 'Weekly', fields: { subject: '', to: new Uint8Array([1]), cc: [], bcc: [], html: '' } },
  ]
}

// ---------------------------------------------------------------------------------------------
// The check

function describePayload(payload: unknown): string {
  try {
    return inspect(payload, { depth: 3, maxStringLength: 60, maxArrayLength: 5, breakLength: 200 })
  } catch {
    return '(not printable)'
  }
}

function isResult(answer: unknown): answer is Result<unknown> {
  if (typeof answer !== 'object' || answer === null) return false
  const shaped = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (shaped.ok === true) return 'value' in shaped
  return (
    shaped.ok === false &&
    typeof shaped.error?.code === 'string' &&
    typeof shaped.error.message === 'string' &&
    shaped.error.message.length > 0
  )
}

/** Whether the schema accepts `payload`; one it trips over (throws) refuses it. */
function schemaAccepts(channel: InvokeChannel, payload: unknown): boolean {
  try {
    return invokeSchemas[channel].safeParse(payload).success
  } catch {
    return false
  }
}

/** What is wrong with one answer, or null when it is right. */
async function check(
  world: World,
  channel: InvokeChannel,
  payload: unknown,
): Promise<{ problem: string | null; valid: boolean; outcome: string }> {
  const valid = schemaAccepts(channel, payload)
  let answer: unknown
  try {
    answer = await world.core.handlers[channel](payload)
  } catch (error) {
    return {
      valid,
      outcome: 'threw',
      problem: `threw ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  if (!isResult(answer))
    return { valid, outcome: 'no result', problem: `answered ${describePayload(answer)}` }
  const outcome = `${valid ? 'valid' : 'invalid'} → ${answer.ok ? 'value' : answer.error.code}`
  return { outcome, ...verdict(valid, answer) }
}

function verdict(
  valid: boolean,
  answer: Result<unknown>,
): { problem: string | null; valid: boolean } {
  if (!valid) {
    if (answer.ok) return { valid, problem: 'accepted a payload the schema refuses' }
    if (answer.error.code !== 'invalid-input')
      return { valid, problem: `answered ${answer.error.code}, not invalid-input` }
    if (answer.error.message.length > 300)
      return { valid, problem: `answered a ${answer.error.message.length}-character message` }
    return { valid, problem: null }
  }
  if (answer.ok) return { valid, problem: null }
  if (!(ERROR_CODES as readonly string[]).includes(answer.error.code))
    return { valid, problem: `answered an unknown code ${answer.error.code}` }
  if (answer.error.code === 'internal')
    return { valid, problem: `answered internal: ${answer.error.message}` }
  return { valid, problem: null }
}

async function setUpWorld(t: TestContext): Promise<World> {
  const { core, dataDir } = await coreWithAccounts(t, sandbox, [ADA], {
    // Nothing leaves during the run: sent messages wait out a long undo delay.
    undoDelayMs: 600_000,
    baseBackoffMs: 20,
    maxBackoffMs: 200,
  })
  const file = join(dataDir, 'note.txt')
  await writeFile(file, 'a small attachment\n')
  const draftIds = [await newDraft(core), await newDraft(core), await newDraft(core)]
  const attached = ok(
    await core.handlers['attachments.addDropped']({ draftId: draftIds[0], paths: [file] }),
  )
  const queued = ok(await core.handlers['mail.send']({ draftId: draftIds[1] }))
  return {
    core,
    dataDir,
    file,
    draftIds,
    outboxIds: [queued.id],
    attachmentIds: attached.attachments.map((attachment) => attachment.id),
  }
}

/** A plain round trip through drafts, attachments and the outbox. */
async function stillWorks(world: World): Promise<void> {
  const { handlers } = world.core
  const draft = ok(
    await handlers['drafts.save']({
      fields: {
        from: null,
        to: ['grace@example.com'],
        cc: [],
        bcc: [],
        subject: 'Still here',
        html: '<p>Still here</p>',
        text: '',
      },
    }),
  )
  assert.equal(ok(await handlers['drafts.get']({ id: draft.id })).subject, 'Still here')
  const attached = ok(
    await handlers['attachments.addDropped']({ draftId: draft.id, paths: [world.file] }),
  )
  assert.equal(attached.attachments.length, 1)
  const item = ok(await handlers['mail.send']({ draftId: draft.id }))
  assert.equal(item.state, 'scheduled')
  assert.equal(ok(await handlers['mail.undo']({ outboxId: item.id })).id, draft.id)
  assert.ok(ok(await handlers['drafts.list'](undefined)).some((entry) => entry.id === draft.id))
  assert.ok(ok(await handlers['accounts.list'](undefined)).some((entry) => entry.email === ADA))
}

for (const channel of INVOKE_CHANNELS) {
  test(`${channel}: ${GENERATED_PER_CHANNEL} generated malformed payloads against the real core`, async (t) => {
    const world = await setUpWorld(t)
    emailPool =
      channel === 'accounts.signOut' || channel === 'accounts.removeFromComputer'
        ? OTHER_EMAILS
        : EMAILS
    const seed = seedFor(channel, SEED)
    const r = seeded(seed)
    const payloads = [
      ...fixedPayloads(),
      ...Array.from({ length: GENERATED_PER_CHANNEL }, () => generated(channel, r, world)),
    ]
    const problems: string[] = []
    let invalid = 0
    const outcomes = new Map<string, number>()
    const record = (
      index: number,
      payload: unknown,
      result: { problem: string | null; outcome: string },
    ) => {
      outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1)
      if (result.problem !== null)
        problems.push(`#${index} ${describePayload(payload)}: ${result.problem}`)
    }
    for (const [index, payload] of payloads.entries()) {
      const result = await check(world, channel, payload)
      if (!result.valid) invalid++
      record(index, payload, result)
    }
    // The same again, all at once: answers must not depend on requests being one at a time.
    const burst = Array.from({ length: 40 }, () => generated(channel, r, world))
    const answers = await Promise.all(burst.map((payload) => check(world, channel, payload)))
    answers.forEach((result, index) => record(payloads.length + index, burst[index], result))

    t.diagnostic(
      `seed ${seed}: ${[...outcomes].map(([outcome, count]) => `${outcome} ×${count}`).join(', ')}`,
    )
    assert.deepEqual(
      problems.slice(0, 15),
      [],
      `${problems.length} wrong answers on ${channel} (seed ${seed}, base POSTLINE_TEST_SEED=${SEED})`,
    )
    assert.ok(invalid >= GENERATED_PER_CHANNEL * 0.6, `only ${invalid} payloads were invalid`)
    assert.equal(Object.keys(Object.prototype).length, 0, 'Object.prototype was polluted')
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    await stillWorks(world)
    // Messages are built, and their records written, behind the Undo window: wait for that work,
    // then for any write still in flight. A temporary file still there after that was left.
    await world.core.sending.buildsDone()
    for (const folder of ['drafts', 'outbox']) {
      const temporary = async () =>
        (await readdir(join(world.dataDir, folder))).filter((name) => name.endsWith('.tmp'))
      for (let tries = 0; tries < 50 && (await temporary()).length > 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const names = await readdir(join(world.dataDir, folder))
      assert.deepEqual(
        names.filter((name) => name.endsWith('.tmp')),
        [],
        `temporary files left in ${folder}/`,
      )
    }
  })
}
