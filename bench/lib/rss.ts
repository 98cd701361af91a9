import { readFileSync, writeFileSync } from 'node:fs'

/**
 * Samples this process's RSS every `intervalMs` (the child-side half of the RSS measurements).
 * A timer cannot fire while JavaScript runs, so the kernel's own peak (VmHWM, reset first through
 * /proc/self/clear_refs where Linux allows it) is read too, and the larger of the two is the peak.
 */
export function startRssSampler(intervalMs = 10) {
  const kernelPeak = resetKernelPeak()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  let samples = 0
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
    samples++
  }, intervalMs)
  return {
    baseline,
    /** Stops sampling: the baseline, the sampled peak, the kernel's peak and the growth. */
    stop() {
      clearInterval(timer)
      peak = Math.max(peak, process.memoryUsage().rss)
      const hwm = kernelPeak ? readStatusBytes('VmHWM') : null
      const top = Math.max(peak, hwm ?? 0)
      return { baseline, sampledPeak: peak, kernelPeak: hwm, samples, growth: top - baseline }
    },
  }
}

/** RSS now, after a full collection when `--expose-gc` allows one. */
export function rssAfterGc(): { rss: number; gc: boolean; heapUsed: number } {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  const usage = process.memoryUsage()
  return { rss: usage.rss, gc: gc !== undefined, heapUsed: usage.heapUsed }
}

/** Resets the kernel's peak RSS of this process (Linux: `echo 5 > /proc/self/clear_refs`). */
function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return readStatusBytes('VmHWM') !== null
  } catch {
    return false
  }
}

function readStatusBytes(field: string): number | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}
