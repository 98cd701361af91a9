// A really full disk for tests: a small tmpfs mounted on a folder (CI runs as root), filled up to
// ENOSPC. Every mount is unmounted by the test that made it, in a `finally` or `t.after`.
import { execFile } from 'node:child_process'
import { open } from 'node:fs/promises'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Mounts a 2 MB tmpfs on `dir`; answers why it cannot here, or null once mounted. */
export async function cannotMount(dir: string): Promise<string | null> {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux'
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (CI runs as root)'
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir])
    return null
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`
  }
}

/** Unmounts the tmpfs on `dir` (lazily when it is still busy). */
export async function unmount(dir: string): Promise<void> {
  await run('umount', [dir]).catch(() => run('umount', ['-l', dir]))
}

/** Writes page-sized chunks until the kernel answers ENOSPC; answers the bytes written. */
export async function fill(path: string): Promise<number> {
  const handle = await open(path, 'a')
  let written = 0
  try {
    for (const size of [256 * 1024, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x61)
      for (;;) {
        try {
          await handle.write(chunk)
          written += size
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break
          throw error
        }
      }
    }
  } finally {
    await handle.close()
  }
  return written
}
