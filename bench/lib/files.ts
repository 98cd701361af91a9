import { randomBytes } from 'node:crypto'
import { open } from 'node:fs/promises'

const MIB = 1024 * 1024

/** Random bytes (incompressible, like a photo or an archive) written in 1 MiB pieces. */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w')
  try {
    for (let written = 0; written < bytes; written += MIB)
      await handle.write(randomBytes(Math.min(MIB, bytes - written)))
  } finally {
    await handle.close()
  }
}
