// Refresh count: N sends at once on an expired access token (the core forgets its token and the
// sandbox expires it) — how many refresh requests reach the token endpoint. Single-flight per
// account means exactly one.
import { log, QUICK, run } from './lib/report'
import { allSent, ok, saveDrafts, startWorld } from './lib/world'

const SENDS = QUICK ? 20 : 100
const ROUNDS = QUICK ? 1 : 3
const CONCURRENCY = 20

run(async () => {
  const world = await startWorld(1, { sendTiming: { undoDelayMs: 0, concurrency: CONCURRENCY } })
  const { core, sandbox } = world
  const email = world.emails[0]!
  const counts: number[] = []
  const waited: number[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const drafts = await saveDrafts(core, SENDS)
      await core.accounts.forgetAccessToken(email)
      sandbox.expireAccessTokens(email)
      const before = sandbox.requests().length
      const waitedBefore = core.accounts.stats.waitedOnRefresh
      const queued = await Promise.all(
        drafts.map(async (draftId) => ok(await core.handlers['mail.send']({ draftId })).id),
      )
      await allSent(core, queued)
      const refreshes = sandbox
        .requests()
        .slice(before)
        .filter((request) => request.path === '/token' && request.grantType === 'refresh_token')
      counts.push(refreshes.length)
      waited.push(core.accounts.stats.waitedOnRefresh - waitedBefore)
      sandbox.clearMailbox()
      log(`round ${round + 1}: ${refreshes.length} refresh request(s) for ${SENDS} sends`)
    }
  } finally {
    await world.close()
  }
  const value = Math.max(...counts)
  return {
    figure: 'refresh count',
    value,
    unit: `token refresh requests for ${SENDS} concurrent sends on an expired token (worst round)`,
    floor: null,
    ratio: null,
    target: 'exactly 1',
    holds: counts.every((count) => count === 1),
    runs: counts.length,
    median: null,
    min: Math.min(...counts),
    max: value,
    details: {
      perRound: counts,
      sendsThatWaitedOnTheRefreshPerRound: waited,
      how: `core.accounts.forgetAccessToken + sandbox.expireAccessTokens, then ${SENDS} mail.send at once (concurrency ${CONCURRENCY}, no undo delay); /token requests with grant_type=refresh_token counted in sandbox.requests()`,
    },
  }
})
