/**
 * The API's fast path keeps every guarantee: a repeated read is answered from the cached result
 * and its cached JSON, yet each request is still authenticated, checked against the grants and
 * audited; a new commit changes the answer at once; a revoked grant or token stops working
 * without any call into the process (the access cache re-checks the system tables within about
 * a second); and prepared answers carry exactly the headers Hono's `secureHeaders()` sets.
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken, defaultGrants, revokeToken, saveGrants } from '../../src/catalog/index.js'
import { loadSnapshot, objectStoreFor, scanSql } from '../../src/lake/index.js'
import { DEV } from './serve-fixture.js'
import { openServeHarness, type ServeHarness } from './serve-support.js'

const LEADERBOARD = '/api/sessions/9550/leaderboard'

let h: ServeHarness
beforeAll(async () => {
  h = await openServeHarness()
})
afterAll(async () => {
  await h?.close()
})

/** Requests `path` until `done(response)` holds (a safety limit, not a timing assertion). */
async function eventually(
  path: string,
  token: string,
  done: (r: Response) => boolean,
): Promise<Response> {
  const until = Date.now() + 20_000
  for (;;) {
    const r = await h.request(path, { token })
    if (done(r) || Date.now() > until) return r
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the cached read path', () => {
  it('answers a repeated read with the same bytes, audits each, and shows a new commit at once', async () => {
    const before = (await h.audit()).length
    const first = await h.request(LEADERBOARD, { token: h.tokens.analyst })
    const second = await h.request(LEADERBOARD, { token: h.tokens.analyst })
    const [a, b] = [await first.text(), await second.text()]
    expect([first.status, second.status]).toEqual([200, 200])
    expect(b).toBe(a)
    const items = (JSON.parse(a) as { items: { fastest_lap_time: number }[] }).items
    expect(items.length).toBeGreaterThan(0)
    // Each request is its own audit record, cached or not.
    const ids = [first, second].map((r) => r.headers.get('x-request-id'))
    const audit = (await h.audit()).slice(before)
    expect(audit.map((r) => r['request_id'])).toEqual(ids)
    expect(audit.map((r) => [r['outcome'], r['row_count']])).toEqual([
      ['ok', items.length],
      ['ok', items.length],
    ])
    // A new version of the table: the next answer reads it (the key holds the table version).
    const path = join(h.fixture.home, DEV, 'gold_analytics', 'session_leaderboard')
    const engine = h.fixture.engine
    const scan = await scanSql(await loadSnapshot(objectStoreFor(path), { sql: engine }), {
      sql: engine,
    })
    await h.fixture.write(
      DEV,
      'gold_analytics',
      'session_leaderboard',
      `SELECT * REPLACE (fastest_lap_time + 1 AS fastest_lap_time) FROM (${scan})`,
    )
    const third = await h.request(LEADERBOARD, { token: h.tokens.analyst })
    const changed = (JSON.parse(await third.text()) as { items: { fastest_lap_time: number }[] })
      .items
    expect(changed.map((r) => r.fastest_lap_time)).toEqual(items.map((r) => r.fastest_lap_time + 1))
  })

  it('checks grants on every cached answer: a revoked grant gives 403 without a restart', async () => {
    const analyst = { token: h.tokens.analyst }
    expect((await h.request(LEADERBOARD, { token: analyst.token })).status).toBe(200)
    expect((await h.request(LEADERBOARD, { token: analyst.token })).status).toBe(200)
    const grants = defaultGrants([{ target: 'dev', catalog: DEV }])
    await saveGrants(
      h.governance.storage,
      DEV,
      grants.filter((g) => g.principal !== 'data_analysts'),
    )
    try {
      const denied = await eventually(LEADERBOARD, analyst.token, (r) => r.status !== 200)
      expect(denied.status).toBe(403)
      const last = (await h.audit()).at(-1)
      expect(last).toMatchObject({ principal: 'data_analysts', outcome: 'denied' })
    } finally {
      await saveGrants(h.governance.storage, DEV, grants)
    }
    const back = await eventually(LEADERBOARD, analyst.token, (r) => r.status === 200)
    expect(back.status).toBe(200)
  })

  it('checks the token on every cached answer: a revoked token gives 401 without a restart', async () => {
    const token = await createToken(h.governance.storage, DEV, {
      principal: 'data_analysts',
      expiresAt: new Date(Date.now() + 60_000),
    })
    // A new token works once the access cache has re-read the tokens (about a second).
    const accepted = await eventually(LEADERBOARD, token.token, (r) => r.status === 200)
    expect(accepted.status).toBe(200)
    expect((await h.request(LEADERBOARD, { token: token.token })).status).toBe(200)
    await revokeToken(h.governance.storage, DEV, token.record.tokenId)
    const refused = await eventually(LEADERBOARD, token.token, (r) => r.status !== 200)
    expect(refused.status).toBe(401)
  })

  it("sends Hono's secure headers, the request id and the JSON type on prepared and other answers", async () => {
    const hono = new Hono().use(secureHeaders()).get('/', (c) => c.json({}))
    const expected = [...(await hono.request('/')).headers]
      .filter(([k]) => k !== 'content-type')
      .sort()
    const names = (r: Response) =>
      [...r.headers].filter(([k]) => k !== 'content-type' && k !== 'x-request-id').sort()
    const prepared = await h.request(LEADERBOARD, { token: h.tokens.analyst })
    const other = await h.request('/api/me', { token: h.tokens.analyst })
    const problem = await h.request('/api/nowhere', { token: h.tokens.analyst })
    for (const r of [prepared, other, problem]) {
      expect(names(r)).toEqual(expected)
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(prepared.headers.get('content-type')).toBe('application/json')
    expect(problem.headers.get('content-type')).toBe('application/problem+json')
  })
})
