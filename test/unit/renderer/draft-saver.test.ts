import assert from 'node:assert/strict'
import { afterEach, before, beforeEach, mock, test } from 'node:test'
import type { Draft, DraftFields } from '../../../src/shared/domain'
import type { Result } from '../../../src/shared/errors'
import { loadRenderer } from './load-renderer'

interface SaverOptions {
  save(id: string | undefined, fields: DraftFields): Promise<Result<Draft>>
  collect(): DraftFields
  onSaved(draft: Draft): void
  onStatus(status: { phase: string }): void
  delayMs?: number
}
interface Saver {
  readonly id: string | undefined
  start(id: string | undefined): void
  touch(): void
  flush(): Promise<Result<string>>
}
let DraftSaver: new (options: SaverOptions) => Saver

before(async () => {
  ;({ DraftSaver } = await loadRenderer<{ DraftSaver: typeof DraftSaver }>('draft-saver.ts'))
})

function fields(subject: string): DraftFields {
  return { from: null, to: [], cc: [], bcc: [], subject, html: '<p></p>', text: '' }
}

/** A `drafts.save` whose answers the test releases one at a time. */
function fakeMain() {
  const calls: { id: string | undefined; subject: string; answer(): void }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const save = (id: string | undefined, saved: DraftFields) =>
    new Promise<Result<Draft>>((resolve) => {
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      calls.push({
        id,
        subject: saved.subject,
        answer: () => {
          inFlight -= 1
          resolve({
            ok: true,
            value: {
              ...saved,
              lang: saved.lang ?? 'en',
              format: saved.format ?? 'rich',
              id: id ?? 'draft-0001',
              attachments: [],
              updatedAt: new Date(0).toISOString(),
              outboxId: null,
              note: null,
            },
          })
        },
      })
    })
  return { calls, save, maxInFlight: () => maxInFlight }
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }))
afterEach(() => mock.timers.reset())

test('the first change creates the draft at once, later ones wait for a pause', async () => {
  const main = fakeMain()
  let subject = 'H'
  const saver = new DraftSaver({
    save: main.save,
    collect: () => fields(subject),
    onSaved: () => {},
    onStatus: () => {},
  })
  saver.touch()
  assert.equal(main.calls.length, 1)
  assert.equal(main.calls[0]!.id, undefined, 'created with no id')
  main.calls[0]!.answer()
  await settle()
  assert.equal(saver.id, 'draft-0001')

  subject = 'Hello'
  saver.touch()
  mock.timers.tick(500)
  subject = 'Hello there'
  saver.touch()
  mock.timers.tick(799)
  assert.equal(main.calls.length, 1, 'still typing: nothing saved yet')
  mock.timers.tick(1)
  await settle()
  assert.equal(main.calls.length, 2)
  assert.deepEqual([main.calls[1]!.id, main.calls[1]!.subject], ['draft-0001', 'Hello there'])
})

test('never more than one save in flight, and the latest text wins', async () => {
  const main = fakeMain()
  let subject = 'a'
  const saver = new DraftSaver({
    save: main.save,
    collect: () => fields(subject),
    onSaved: () => {},
    onStatus: () => {},
  })
  saver.touch()
  for (const next of ['ab', 'abc', 'abcd']) {
    subject = next
    saver.touch()
    mock.timers.tick(800)
    await settle()
  }
  assert.equal(main.calls.length, 1, 'the creating save is still unanswered')
  main.calls[0]!.answer()
  await settle()
  await settle()
  assert.equal(main.calls.length, 2)
  assert.deepEqual([main.calls[1]!.id, main.calls[1]!.subject], ['draft-0001', 'abcd'])
  main.calls[1]!.answer()
  await settle()
  assert.equal(main.maxInFlight(), 1)
})

test('flush saves what is pending and answers the id', async () => {
  const main = fakeMain()
  const saver = new DraftSaver({
    save: main.save,
    collect: () => fields('Now'),
    onSaved: () => {},
    onStatus: () => {},
  })
  const flushed = saver.flush()
  await settle()
  main.calls[0]!.answer()
  assert.deepEqual(await flushed, { ok: true, value: 'draft-0001' })
})

test('an answer for a draft the composer has left does not reach the new one', async () => {
  const main = fakeMain()
  const saved: string[] = []
  const saver = new DraftSaver({
    save: main.save,
    collect: () => fields('old'),
    onSaved: (draft) => saved.push(draft.id),
    onStatus: () => {},
  })
  saver.touch()
  saver.start('draft-0002')
  main.calls[0]!.answer()
  await settle()
  assert.deepEqual(saved, [])
  assert.equal(saver.id, 'draft-0002')
})

test('in the page, a due autosave waits for an idle moment; a flush does not', async () => {
  const idle = new Map<number, () => void>()
  let next = 0
  const timeouts: number[] = []
  const page = globalThis as {
    requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number
    cancelIdleCallback?: (handle: number) => void
  }
  page.requestIdleCallback = (callback, options) => {
    next += 1
    idle.set(next, callback)
    timeouts.push(options.timeout)
    return next
  }
  page.cancelIdleCallback = (handle) => idle.delete(handle)
  try {
    const main = fakeMain()
    let subject = 'H'
    const saver = new DraftSaver({
      save: main.save,
      collect: () => fields(subject),
      onSaved: () => {},
      onStatus: () => {},
    })
    saver.touch()
    main.calls[0]!.answer()
    await settle()

    subject = 'Hi'
    saver.touch()
    mock.timers.tick(800)
    await settle()
    assert.equal(main.calls.length, 1, 'due, but the page has not been idle yet')
    assert.equal(idle.size, 1)
    assert.ok(timeouts[0]! > 0, 'it waits for idle only so long')

    // Typing again drops the waiting save and starts the quiet spell over.
    subject = 'Hi there'
    saver.touch()
    assert.equal(idle.size, 0, 'the waiting save was cancelled')
    mock.timers.tick(800)
    const [[, callback]] = [...idle]
    callback!()
    await settle()
    assert.equal(main.calls.length, 2)
    assert.equal(main.calls[1]!.subject, 'Hi there')
    main.calls[1]!.answer()
    await settle()

    subject = 'Bye'
    saver.touch()
    const flushed = saver.flush()
    await settle()
    assert.equal(main.calls.length, 3, 'a flush saves at once')
    main.calls[2]!.answer()
    assert.deepEqual(await flushed, { ok: true, value: 'draft-0001' })
  } finally {
    delete page.requestIdleCallback
    delete page.cancelIdleCallback
  }
})
