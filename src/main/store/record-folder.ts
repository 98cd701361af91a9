import { mkdir, readdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'
import { readJsonFile } from './atomic-file'

/**
 * Loads a folder of `<id>.json` records (drafts, outbox items). A file that does not parse or
 * does not match its name is set aside as `.damaged-<time>`, never deleted.
 */
export async function loadRecords<T extends { readonly id: string }>(
  folder: string,
  schema: z.ZodType<T>,
): Promise<T[]> {
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const records: T[] = []
  for (const name of await readdir(folder)) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue
    const path = join(folder, name)
    const parsed = schema.safeParse(await readJsonFile(path).catch(() => null))
    if (parsed.success && `${parsed.data.id}.json` === name) records.push(parsed.data)
    else await rename(path, `${path}.damaged-${Date.now()}`).catch(() => {})
  }
  return records
}

/** Writes of one record happen in order; different records are written in parallel. */
export class WriteQueues {
  private readonly queues = new Map<string, Promise<void>>()

  enqueue(id: string, write: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(write)
    const settled = next.catch(() => {})
    this.queues.set(id, settled)
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id)
    })
    return next
  }

  /** Waits for every write under way. */
  async flush(): Promise<void> {
    await Promise.all(this.queues.values())
  }
}
