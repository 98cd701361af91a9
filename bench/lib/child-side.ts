/** The child's half of the IPC channel in ./child.ts. */

/** Sends a message to the parent; resolves once it has left this process. */
export function tell(message: { type: string; [key: string]: unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) reject(new Error('not started with an IPC channel'))
    else process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()))
  })
}

/** The next message from the parent of the given type (`stop` ends the child). */
export function nextFromParent(type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (message: { type: string }) => {
      if (message.type === 'stop') process.exit(0)
      if (message.type !== type) return
      process.off('message', listener)
      resolve(message as Record<string, unknown>)
    }
    process.on('message', listener)
  })
}

/**
 * Runs a child's main, then exits (every `await tell(...)` has left by then, so no answer is
 * lost to the exit); an error goes to the parent first.
 */
export function childMain(main: () => Promise<void>): void {
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') process.exit(0)
  })
  main().then(
    () => process.exit(0),
    async (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      await tell({ type: 'error', error: text }).catch(() => console.error(text))
      process.exit(1)
    },
  )
}
