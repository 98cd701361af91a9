import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  EVENT_NAMES,
  INVOKE_CHANNELS,
  invokeSchemas,
  ipcName,
} from '../../../../src/shared/contract'
import type { EventName, EventPayloads, InvokeChannel } from '../../../../src/shared/contract'
import { INTERNAL_ERROR } from '../../../../src/shared/errors'
import type { Result } from '../../../../src/shared/errors'
import type { Core, CoreHandlers } from '../../../../src/main/core-types'
import {
  UNTRUSTED_SENDER_ERROR,
  registerHandlers,
} from '../../../../src/main/ipc/register-handlers'
import type { EventTargetLike, IpcMainLike } from '../../../../src/main/ipc/register-handlers'
import { isTrustedSender, senderFactsOf } from '../../../../src/main/ipc/trusted-sender'
import type { SenderEventLike } from '../../../../src/main/ipc/trusted-sender'

const WINDOW_ID = 7
const ORIGIN = 'app://postline'

type Listener = (event: SenderEventLike, ...args: unknown[]) => Promise<unknown>

/** Records handlers the way Electron's `ipcMain` does: one per channel, a second one throws. */
class FakeIpcMain implements IpcMainLike<SenderEventLike> {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(channel: InvokeChannel, event: SenderEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(ipcName(channel))
    assert.ok(listener, `no handler for ${channel}`)
    return listener(event, ...args)
  }
}

/** Collects what would be sent to the window. */
class FakeWebContents implements EventTargetLike {
  readonly sent: [string, unknown][] = []
  destroyed = false
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]])
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

type HandlerImpl = (channel: InvokeChannel, input: unknown) => Promise<Result<unknown>>

/** A core whose handlers are one function; records calls and lets tests emit events. */
class FakeCore implements Core {
  readonly calls: [InvokeChannel, unknown][] = []
  readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  readonly handlers: CoreHandlers

  constructor(impl: HandlerImpl = async () => ({ ok: true, value: [] })) {
    const handlers: Partial<Record<InvokeChannel, (input: unknown) => Promise<Result<unknown>>>> =
      {}
    for (const channel of INVOKE_CHANNELS) {
      handlers[channel] = (input) => {
        this.calls.push([channel, input])
        return impl(channel, input)
      }
    }
    this.handlers = handlers as CoreHandlers
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    const entry = listener as (payload: unknown) => void
    set.add(entry)
    return () => set.delete(entry)
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }

  async close(): Promise<void> {}
}

/** A core that parses like the real one: the contract's zod schema, `invalid-input` on failure. */
function parsingCore(): FakeCore {
  return new FakeCore(async (channel, input) => {
    const parsed = invokeSchemas[channel].safeParse(input)
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-input', message: 'That request is not valid.' } }
    }
    return { ok: true, value: parsed.data ?? null }
  })
}

function event(frame: { url: string; parent: unknown } | null, senderId = WINDOW_ID) {
  return { sender: { id: senderId }, senderFrame: frame } satisfies SenderEventLike
}

const trustedEvent = () => event({ url: `${ORIGIN}/index.html`, parent: null })

function setUp(core: FakeCore = new FakeCore()) {
  const ipcMain = new FakeIpcMain()
  const webContents = new FakeWebContents()
  const unregister = registerHandlers({
    ipcMain,
    core,
    isTrustedSender: (e) =>
      isTrustedSender(senderFactsOf(e), { rendererOrigin: ORIGIN, windowWebContentsId: WINDOW_ID }),
    eventTarget: () => webContents,
  })
  return { ipcMain, webContents, core, unregister }
}

describe('registerHandlers', () => {
  test('registers one handler per invoke channel under its IPC name', () => {
    const { ipcMain } = setUp()
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), INVOKE_CHANNELS.map(ipcName).sort())
  })

  test('passes the raw argument of a trusted request to the core and returns its answer', async () => {
    const { ipcMain, core } = setUp()
    const input = { email: 'a@example.com' }
    const answer = await ipcMain.invoke('accounts.setActive', trustedEvent(), input)
    assert.deepEqual(answer, { ok: true, value: [] })
    assert.deepEqual(core.calls, [['accounts.setActive', input]])
    assert.equal(core.calls[0]?.[1], input)
  })

  const untrusted: [string, SenderEventLike][] = [
    ['another origin', event({ url: 'https://evil.example/index.html', parent: null })],
    ['a file: page', event({ url: 'file:///tmp/index.html', parent: null })],
    ['a look-alike host', event({ url: 'app://postline.evil/index.html', parent: null })],
    ['a subframe', event({ url: `${ORIGIN}/index.html`, parent: {} })],
    ['another window', event({ url: `${ORIGIN}/index.html`, parent: null }, WINDOW_ID + 1)],
    ['a destroyed frame', event(null)],
  ]
  for (const [name, senderEvent] of untrusted) {
    test(`refuses a request from ${name} without calling the core`, async () => {
      const { ipcMain, core } = setUp()
      for (const channel of INVOKE_CHANNELS) {
        const answer = await ipcMain.invoke(channel, senderEvent, { email: 'a@example.com' })
        assert.deepEqual(answer, { ok: false, error: UNTRUSTED_SENDER_ERROR })
      }
      assert.deepEqual(core.calls, [])
    })
  }

  test('refuses the request when the sender check itself throws', async () => {
    const ipcMain = new FakeIpcMain()
    const core = new FakeCore()
    registerHandlers({
      ipcMain,
      core,
      isTrustedSender: () => {
        throw new Error('frame destroyed')
      },
      eventTarget: () => null,
    })
    const answer = await ipcMain.invoke('accounts.list', trustedEvent())
    assert.deepEqual(answer, { ok: false, error: UNTRUSTED_SENDER_ERROR })
    assert.deepEqual(core.calls, [])
  })

  test('turns a throwing core handler into an internal error without its message', async () => {
    const secret = 'refresh_token=1//secret-token at /home/someone/.config'
    const { ipcMain } = setUp(
      new FakeCore(async () => {
        throw new Error(secret)
      }),
    )
    for (const channel of INVOKE_CHANNELS) {
      const answer = await ipcMain.invoke(channel, trustedEvent(), undefined)
      assert.deepEqual(answer, { ok: false, error: INTERNAL_ERROR })
      assert.ok(!JSON.stringify(answer).includes('secret'))
    }
  })

  test('turns a synchronous throw in a core handler into an internal error', async () => {
    const core = new FakeCore()
    const handlers = { ...core.handlers } as Record<InvokeChannel, (input: unknown) => never>
    handlers['accounts.list'] = () => {
      throw new TypeError('boom')
    }
    Object.defineProperty(core, 'handlers', { value: handlers })
    const { ipcMain } = setUp(core)
    const answer = await ipcMain.invoke('accounts.list', trustedEvent())
    assert.deepEqual(answer, { ok: false, error: INTERNAL_ERROR })
  })

  test('forwards every core event to the window under its IPC name', () => {
    const { core, webContents } = setUp()
    const accounts = [
      {
        email: 'a@example.com',
        name: 'A',
        addedAt: '2025-01-01T00:00:00.000Z',
        status: 'connected' as const,
        active: true,
      },
    ]
    core.emit('accounts.changed', accounts)
    core.emit('signIn.state', { phase: 'finishing' })
    const drafts = { seq: 1, upserted: [], removed: ['d1'] }
    const outbox = { seq: 4, upserted: [], removed: ['o1'] }
    core.emit('drafts.changed', drafts)
    core.emit('outbox.changed', outbox)
    core.emit('send.progress', { outboxId: 'x', sentBytes: 1, totalBytes: 2 })
    const language = { chosen: 'es', system: 'en', active: 'es' } as const
    core.emit('language.changed', language)
    core.emit('menu.action', { action: 'showBcc' })
    assert.deepEqual(webContents.sent, [
      [ipcName('accounts.changed'), accounts],
      [ipcName('signIn.state'), { phase: 'finishing' }],
      [ipcName('drafts.changed'), drafts],
      [ipcName('outbox.changed'), outbox],
      [ipcName('send.progress'), { outboxId: 'x', sentBytes: 1, totalBytes: 2 }],
      [ipcName('language.changed'), language],
      [ipcName('menu.action'), { action: 'showBcc' }],
    ])
    // Every event of the contract is covered above.
    assert.equal(new Set(webContents.sent.map(([name]) => name)).size, EVENT_NAMES.length)
  })

  test('drops events while the window is destroyed', () => {
    const { core, webContents } = setUp()
    webContents.destroyed = true
    core.emit('signIn.state', { phase: 'idle' })
    assert.deepEqual(webContents.sent, [])
  })

  test('unregister removes every handler and every event subscription', () => {
    const { ipcMain, core, webContents, unregister } = setUp()
    unregister()
    assert.equal(ipcMain.handlers.size, 0)
    for (const name of EVENT_NAMES) assert.equal(core.listeners.get(name)?.size ?? 0, 0)
    core.emit('signIn.state', { phase: 'idle' })
    assert.deepEqual(webContents.sent, [])
  })
})

describe('registerHandlers with malformed payloads', () => {
  /** A small seeded generator (mulberry32), so a failure reproduces. */
  function random(seed: number): () => number {
    let a = seed
    return () => {
      a = (a + 0x6d2b79f5) | 0
      let t = Math.imul(a ^ (a >>> 15), 1 | a)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  function arbitrary(next: () => number, depth = 0): unknown {
    const pick = Math.floor(next() * (depth > 3 ? 7 : 10))
    switch (pick) {
      case 0:
        return null
      case 1:
        return next() < 0.5
      case 2:
        return [0, -0, 1e308, -1, 3.5, NaN, Infinity][Math.floor(next() * 7)]
      case 3:
        return 'x'.repeat(Math.floor(next() * 40))
      case 4:
        return ['', ' ', 'a@b', '@example.com', 'a@example.com\u0000', '<a@example.com>'][
          Math.floor(next() * 6)
        ]
      case 5:
        return undefined
      case 6:
        return `${'a'.repeat(Math.floor(next() * 400))}@example.com`
      case 7:
        return Array.from({ length: Math.floor(next() * 4) }, () => arbitrary(next, depth + 1))
      case 8: {
        const object: Record<string, unknown> = {}
        for (let i = Math.floor(next() * 4); i > 0; i--) {
          object[['email', 'name', 'x', 'constructor'][Math.floor(next() * 4)] ?? 'x'] = arbitrary(
            next,
            depth + 1,
          )
        }
        return object
      }
      default:
        return { email: arbitrary(next, depth + 1) }
    }
  }

  function nested(depth: number): unknown {
    let value: unknown = []
    for (let i = 0; i < depth; i++) value = [value]
    return value
  }

  const fixed: unknown[] = [
    JSON.parse('{"__proto__":{"x":1}}'),
    JSON.parse('{"email":"a@example.com","__proto__":{"admin":true}}'),
    JSON.parse('{"constructor":{"prototype":{"x":1}}}'),
    { email: 'a@example.com', extra: true },
    { email: 'x'.repeat(1_000_000) + '@example.com' },
    'x'.repeat(5_000_000),
    { email: ['a@example.com'] },
    { email: { toString: 'a@example.com' } },
    nested(5_000),
    Object.create(null),
    [],
    {},
    0,
    '',
    null,
    false,
    { email: 'not an address' },
  ]

  for (const channel of INVOKE_CHANNELS) {
    test(`${channel}: every malformed payload is answered, invalid ones with invalid-input`, async () => {
      const { ipcMain } = setUp(parsingCore())
      const next = random(channel.length * 7919)
      const payloads = [...fixed, ...Array.from({ length: 300 }, () => arbitrary(next))]
      let invalid = 0
      for (const payload of payloads) {
        const answer = (await ipcMain.invoke(channel, trustedEvent(), payload)) as Result<unknown>
        const valid = invokeSchemas[channel].safeParse(payload).success
        if (valid) {
          assert.equal(answer.ok, true)
        } else {
          invalid++
          assert.equal(answer.ok, false)
          if (!answer.ok) assert.equal(answer.error.code, 'invalid-input')
        }
      }
      assert.ok(invalid > payloads.length / 2, `only ${invalid} invalid payloads`)
      assert.equal(({} as Record<string, unknown>).x, undefined)
      assert.equal(({} as Record<string, unknown>).admin, undefined)
    })
  }
})
