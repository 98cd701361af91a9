import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createApi } from '../../../src/shared/api'

test('createApi routes a verb to its channel', async () => {
  const calls: unknown[] = []
  const api = createApi(
    async (channel, input) => {
      calls.push([channel, input])
      return { ok: true, value: [] as never }
    },
    () => () => {},
  )
  await api.accounts.setActive('a@example.com')
  assert.deepEqual(calls, [['accounts.setActive', { email: 'a@example.com' }]])
})
