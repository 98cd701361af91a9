// Child of bench/core-start.ts: the main-process core on an empty data folder, then
// `accounts.list`; prints "ready" once the answer is in.
import { performance } from 'node:perf_hooks'
import { createCore } from '../../src/main/core'

async function main(): Promise<void> {
  // Every module of the bundle has been evaluated by now.
  const loaded = performance.now()
  const dataDir = process.argv[2]
  if (dataDir === undefined) throw new Error('usage: core-start <empty data folder>')
  const origin = 'http://127.0.0.1:9'
  const core = await createCore({
    dataDir,
    keychainService: 'Postline Bench core start',
    mode: 'sandbox',
    endpoints: {
      authorizationUrl: `${origin}/o/oauth2/v2/auth`,
      tokenUrl: `${origin}/token`,
      revocationUrl: `${origin}/revoke`,
      userinfoUrl: `${origin}/v1/userinfo`,
      gmailRootUrl: `${origin}/`,
    },
    clientId: 'postline-sandbox.apps.googleusercontent.com',
    clientSecret: 'sandbox-secret',
    openExternal: async () => {},
  })
  const accounts = await core.handlers['accounts.list'](undefined)
  if (!accounts.ok || accounts.value.length !== 0) throw new Error('expected no accounts')
  const listed = performance.now()
  process.stdout.write('ready\n')
  // Where the time went, measured from the process's own start.
  process.stdout.write(`${JSON.stringify({ loadedMs: loaded, coreBuiltMs: listed - loaded })}\n`)
  await core.close()
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
