// No waiting on refresh: a simulated 3-hour session with 1-hour access tokens and a send every
// minute, on an injected clock (node:test's mock timers for Date and setTimeout; the sandbox runs
// in this process, so it sees the same clock; real I/O still works). Counts the sends during
// which the core had to wait on a token request (`accounts.stats.waitedOnRefresh`), the first
// sign-in not included.
import { mock } from 'node:test'
import { log, QUICK, run } from './lib/report'
import { allSent, ok, saveDrafts, startWorld } from './lib/world'

const MINUTES = QUICK ? 70 : 180
const TOKEN_LIFETIME_S = 3599

/** Lets real time pass (the mocked clock stands still) so I/O started by a timer can finish. */
function realPause(ms: number): Promise<void> {
  const until = performance.now() + ms
  return new Promise((resolve) => {
    const spin = () => (performance.now() >= until ? resolve() : setImmediate(spin))
    spin()
  })
}

run(async () => {
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: Date.now() })
  const started = Date.now()
  const world = await startWorld(1, { sendTiming: { undoDelayMs: 0 } })
  const { core, sandbox } = world
  const stats = core.accounts.stats
  const waitedAtSignIn = stats.waitedOnRefresh
  const aheadAtSignIn = stats.refreshedAhead
  const requestsAtSignIn = sandbox.requests().length
  const waitedMinutes: number[] = []
  try {
    sandbox.setAccessTokenLifetime(TOKEN_LIFETIME_S)
    for (let minute = 1; minute <= MINUTES; minute++) {
      mock.timers.tick(60_000)
      await realPause(20)
      const before = stats.waitedOnRefresh
      const [draftId] = await saveDrafts(core, 1)
      await allSent(core, [ok(await core.handlers['mail.send']({ draftId: draftId! })).id])
      if (stats.waitedOnRefresh > before) waitedMinutes.push(minute)
      if (minute % 30 === 0) log(`minute ${minute}: ${waitedMinutes.length} send(s) waited`)
    }
  } finally {
    mock.timers.reset()
    await world.close()
  }
  const refreshes = sandbox
    .requests()
    .slice(requestsAtSignIn)
    .filter((request) => request.path === '/token' && request.grantType === 'refresh_token')
  const value = waitedMinutes.length
  return {
    figure: 'no waiting on refresh',
    value,
    unit: `sends (of ${MINUTES}, one a minute) that waited on a token request`,
    floor: null,
    ratio: null,
    target: '0 sends wait',
    holds: value === 0,
    runs: MINUTES,
    median: null,
    min: null,
    max: null,
    details: {
      simulatedMinutes: MINUTES,
      accessTokenLifetimeSeconds: TOKEN_LIFETIME_S,
      waitedOnRefreshIncrements: stats.waitedOnRefresh - waitedAtSignIn,
      sendsThatWaitedAtMinute: waitedMinutes,
      refreshedAhead: stats.refreshedAhead - aheadAtSignIn,
      refreshRequests: refreshes.length,
      sent: sandbox.mailbox().length,
      simulatedStart: new Date(started).toISOString(),
      how: "mock.timers.enable({ apis: ['Date', 'setTimeout'] }) before the sandbox and core start; each minute: tick(60 s), 20 ms of real time for I/O, then save a draft and send it",
    },
  }
})
