import type { IncomingMessage, ServerResponse } from 'node:http'
import type { SandboxFault } from './types'

interface PendingFault {
  readonly pathPrefix: string
  readonly fault: SandboxFault
  remaining: number
}

/** Faults waiting for the requests they are meant for, first registered first served. */
export class FaultQueue {
  private readonly pending: PendingFault[] = []

  add(pathPrefix: string, fault: SandboxFault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`)
    }
    checkFault(fault)
    this.pending.push({ pathPrefix, fault, remaining: times })
  }

  /** The fault for a request to `path`, if one is waiting; it counts as used. */
  take(path: string): SandboxFault | undefined {
    const index = this.pending.findIndex((entry) => path.startsWith(entry.pathPrefix))
    if (index === -1) return undefined
    const entry = this.pending[index] as PendingFault
    entry.remaining -= 1
    if (entry.remaining === 0) this.pending.splice(index, 1)
    return entry.fault
  }
}

/** Throws on a fault that cannot be applied, so a typo fails the test that made it. */
export function checkFault(fault: SandboxFault): void {
  switch (fault.kind) {
    case 'status':
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
        throw new RangeError(`Fault status must be an HTTP status, got ${fault.status}`)
      }
      return
    case 'delay':
      if (!Number.isFinite(fault.ms) || fault.ms < 0) {
        throw new RangeError(`Fault delay must be a non-negative number of ms, got ${fault.ms}`)
      }
      return
    case 'drop':
      return
    default:
      throw new TypeError(`Unknown fault ${JSON.stringify(fault)}`)
  }
}

/** Timers that close() can cut short, so a delayed request never keeps a test process alive. */
export class Sleeper {
  private readonly sleeping = new Map<NodeJS.Timeout, () => void>()

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping.delete(timer)
        resolve()
      }, ms)
      this.sleeping.set(timer, resolve)
    })
  }

  wakeAll(): void {
    for (const [timer, resolve] of this.sleeping) {
      clearTimeout(timer)
      resolve()
    }
    this.sleeping.clear()
  }
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const chunk of request) void chunk
}

/**
 * Applies a fault. Returns true when the request should then be answered normally (a delay),
 * false when the fault has answered it or closed the connection.
 */
export async function applyFault(
  fault: SandboxFault,
  request: IncomingMessage,
  response: ServerResponse,
  sleeper: Sleeper,
): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await sleeper.sleep(fault.ms)
      return !response.destroyed && !request.socket.destroyed
    case 'drop':
      await drain(request)
      request.socket.destroy()
      return false
    case 'status': {
      await drain(request)
      const isText = typeof fault.body === 'string'
      const text = isText
        ? (fault.body as string)
        : JSON.stringify(fault.body ?? defaultFaultBody(fault.status))
      const headers: Record<string, string | number> = {
        'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      }
      for (const [name, value] of Object.entries(fault.headers ?? {})) {
        headers[name.toLowerCase()] = value
      }
      response.writeHead(fault.status, headers)
      response.end(text)
      return false
    }
  }
}

/** Shaped like a Google API error, so clients that read `error.code` still find it. */
function defaultFaultBody(status: number): unknown {
  return {
    error: {
      code: status,
      message: 'Fault injected by the Postline sandbox.',
      status: 'SANDBOX_FAULT',
    },
  }
}
