import { test } from 'node:test'
import assert from 'node:assert/strict'
import { KEPT_BYTES, OutboxStore, type OutboxRecord } from '../../../../src/main/mail/outbox-store'
import { tempDir } from '../../../helpers/temp-dir'

/** What builtBytes reads of a record: its id and the sha256 of the message it records. */
function item(id: string, sha256: string): OutboxRecord {
  return { id, sha256 } as OutboxRecord
}

test('kept bytes are answered only for the message the record names, and go with the message', async (t) => {
  const outbox = await OutboxStore.open(await tempDir(t))
  const bytes = Buffer.from('Subject: kept\r\n\r\nHello\r\n')
  outbox.keepBuilt('a', { sha256: 'aaa', bytes })
  assert.equal(outbox.builtBytes(item('a', 'aaa')), bytes)
  // Not built yet, or built again since: read from the file.
  assert.equal(outbox.builtBytes(item('a', '')), undefined)
  assert.equal(outbox.builtBytes(item('a', 'bbb')), undefined)
  assert.equal(outbox.builtBytes(item('b', 'aaa')), undefined)
  // A new build replaces them; a build answered without bytes leaves none.
  outbox.keepBuilt('a', { sha256: 'bbb', bytes })
  assert.equal(outbox.builtBytes(item('a', 'aaa')), undefined)
  assert.equal(outbox.builtBytes(item('a', 'bbb')), bytes)
  outbox.keepBuilt('a', { sha256: 'ccc' })
  assert.equal(outbox.builtBytes(item('a', 'bbb')), undefined)
  outbox.keepBuilt('a', { sha256: 'ddd', bytes })
  await outbox.removeMessage('a')
  assert.equal(outbox.builtBytes(item('a', 'ddd')), undefined)
})

test('the outbox keeps at most KEPT_BYTES in all; what is freed can be kept again', async (t) => {
  const outbox = await OutboxStore.open(await tempDir(t))
  const big = Buffer.alloc(Math.floor(KEPT_BYTES * 0.6))
  outbox.keepBuilt('a', { sha256: 'a', bytes: big })
  outbox.keepBuilt('b', { sha256: 'b', bytes: big })
  assert.equal(outbox.builtBytes(item('a', 'a')), big)
  assert.equal(outbox.builtBytes(item('b', 'b')), undefined, 'over the cap: read from its file')
  await outbox.removeMessage('a')
  outbox.keepBuilt('b', { sha256: 'b', bytes: big })
  assert.equal(outbox.builtBytes(item('b', 'b')), big)
})
