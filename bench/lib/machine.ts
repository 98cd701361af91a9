import { cpus, loadavg, release, totalmem } from 'node:os'

/** Where the figures were measured; the load average says how busy the machine was. */
export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    platform: `${process.platform} ${release()} ${process.arch}`,
    cpu: cpus()[0]?.model ?? null,
    memoryMiB: Math.round(totalmem() / 1_048_576),
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  }
}
