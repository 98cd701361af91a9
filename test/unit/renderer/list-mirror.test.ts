import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import type { ListChange } from '../../../src/shared/contract'
import type { PostlineError, Result } from '../../../src/shared/errors'
import { loadRenderer } from './load-renderer'

interface Line {
  readonly id: string
  readonly at: string
}
interface Published {
  readonly value: readonly Line[] | null
  readonly loadError: PostlineError | null
}
interface Mirror {
  reload(): void
  hear(change: ListChange<Line>): void
  stop(): void
}
type MirrorClass = new (
  load: () => Promise<Result<readonly Line[]>>,
  order: (a: Line, b: Line) => number,
  publish: (state: Published) => void,
) => Mirror
let ListMirror: MirrorClass
let newestFirst: (time: (line: Line) => string) => (a: Line, b: Line) => number

before(async () => {
  ;({ ListMirror, newestFirst } = await loadRenderer<{
    ListMirror: MirrorClass
    newestFirst: typeof newestFirst
  }>('hooks/use-mirror.ts'))
})

/** A mirror whose list answers are released by hand, counting the asks. */
function world(lists: (readonly Line[])[]) {
  const published: Published[] = []
  const pending: (() => void)[] = []
  let asks = 0
  const load = () =>
    new Promise<Result<readonly Line[]>>((resolve) => {
      const list = lists[Math.min(asks, lists.length - 1)]!
      asks += 1
      pending.push(() => resolve({ ok: true, value: list }))
    })
  const mirror = new ListMirror(
    load,
    newestFirst((line) => line.at),
    (s) => published.push(s),
  )
  return {
    mirror,
    published,
    asks: () => asks,
    answer: async () => {
      pending.shift()!()
      await new Promise((resolve) => setImmediate(resolve))
    },
    ids: () => published.at(-1)?.value?.map((line) => line.id) ?? null,
  }
}

const line = (id: string, at: number): Line => ({ id, at: `2026-01-01T00:00:0${at}Z` })
const change = (seq: number, upserted: Line[], removed: string[] = []) => ({
  seq,
  upserted,
  removed,
})

test('changes are applied in order: changed lines move to their place, removed ones go', async () => {
  const w = world([[line('a', 1), line('b', 2)]])
  w.mirror.reload()
  await w.answer()
  assert.deepEqual(w.ids(), ['b', 'a'])
  w.mirror.hear(change(1, [line('a', 3)]))
  assert.deepEqual(w.ids(), ['a', 'b'])
  w.mirror.hear(change(2, [line('c', 0)], ['b']))
  assert.deepEqual(w.ids(), ['a', 'c'])
  assert.equal(w.asks(), 1, 'no list asked for while no change was missed')
})

test('changes heard before the list answers are applied on top of it', async () => {
  const w = world([[line('a', 1), line('b', 2)]])
  w.mirror.reload()
  w.mirror.hear(change(7, [line('c', 5)], ['a']))
  assert.equal(w.published.length, 0, 'nothing shown before the answer')
  await w.answer()
  assert.deepEqual(w.ids(), ['c', 'b'])
  w.mirror.hear(change(8, [], ['c']))
  assert.deepEqual(w.ids(), ['b'])
  assert.equal(w.asks(), 1)
})

test('a missed change (a gap in seq) asks for the whole list again', async () => {
  const w = world([[line('a', 1)], [line('a', 1), line('x', 4), line('y', 5)]])
  w.mirror.reload()
  await w.answer()
  w.mirror.hear(change(1, [line('b', 2)]))
  assert.deepEqual(w.ids(), ['b', 'a'])
  // seq 2 never arrived (it added x and removed b); seq 3 adds y.
  w.mirror.hear(change(3, [line('y', 5)]))
  assert.equal(w.asks(), 2)
  await w.answer()
  assert.deepEqual(w.ids(), ['y', 'x', 'a'])
  w.mirror.hear(change(4, [], ['y']))
  assert.deepEqual(w.ids(), ['x', 'a'])
  assert.equal(w.asks(), 2)
})

test('a failed list shows its error, and the next change asks again', async () => {
  const error: PostlineError = { code: 'disk-error', message: 'no' }
  const published: Published[] = []
  let asks = 0
  const mirror = new ListMirror(
    async () => (++asks === 1 ? { ok: false, error } : { ok: true, value: [line('a', 1)] }),
    newestFirst((l: Line) => l.at),
    (s) => published.push(s),
  )
  mirror.reload()
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(published.at(-1), { value: null, loadError: error })
  mirror.hear(change(1, [line('b', 2)]))
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(asks, 2)
  assert.deepEqual(
    published.at(-1)?.value?.map((l) => l.id),
    ['b', 'a'],
  )
})
