import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { GovernedResult } from './governed-result.js'
import { ResultCache } from './result-cache.js'

let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
})

/** Streams `n` rows through `cache` under `key`, reading them all (so the result is kept). */
async function capture(cache: ResultCache, key: string, n: number): Promise<number[]> {
  const stream = cache.capture(key, await engine.stream(`SELECT range AS n FROM range(${n})`))
  const seen: number[] = []
  for (let rows = await stream.next(); rows !== undefined; rows = await stream.next())
    seen.push(...rows.map((r) => Number(r['n'])))
  await stream.close()
  return seen
}

/** A governed result over a cached entry, as the reader builds it. */
function resultOf(cache: ResultCache, key: string, maxRows = 100): GovernedResult | undefined {
  const cached = cache.get(key)
  if (cached === undefined) return undefined
  return new GovernedResult(
    [],
    cached.stream,
    maxRows,
    { translate: (e) => (e instanceof Error ? e : new Error(String(e))), finish: () => undefined },
    cached.derived,
  )
}

describe('ResultCache', () => {
  it('keeps complete small results and the values derived from them, per key', async () => {
    const cache = new ResultCache({ maxEntries: 2, maxRows: 10 })
    expect(await capture(cache, 'a', 3)).toEqual([0, 1, 2])
    let made = 0
    const json = async () => {
      const result = resultOf(cache, 'a')!
      const rows = await result.all()
      return result.derive('json', () => {
        made += 1
        return JSON.stringify(rows)
      })
    }
    expect(await json()).toBe('[{"n":0},{"n":1},{"n":2}]')
    expect(await json()).toBe('[{"n":0},{"n":1},{"n":2}]')
    expect(made).toBe(1)
    // A result past maxRows is not kept; one read only partly is not either.
    await capture(cache, 'big', 11)
    expect(cache.get('big')).toBeUndefined()
    const partial = cache.capture('part', await engine.stream('SELECT range AS n FROM range(3)'))
    await partial.next()
    await partial.close()
    expect(cache.get('part')).toBeUndefined()
    // Least recently used goes first, with what was derived from it.
    await capture(cache, 'b', 1)
    await capture(cache, 'c', 1)
    expect(cache.get('a')).toBeUndefined()
    await capture(cache, 'a', 3)
    await json()
    expect(made).toBe(2)
  })

  it('derives afresh for results that are not cached, and caps cached rows like streamed ones', async () => {
    const cache = new ResultCache({ maxEntries: 4, maxRows: 10 })
    await capture(cache, 'k', 5)
    const capped = resultOf(cache, 'k', 2)!
    expect(await capped.all()).toEqual([{ n: 0 }, { n: 1 }])
    expect([capped.rowCount, capped.truncated]).toEqual([2, true])
    const live = new GovernedResult([], await engine.stream('SELECT 1 AS n'), 10, {
      translate: (e) => (e instanceof Error ? e : new Error(String(e))),
      finish: () => undefined,
    })
    let made = 0
    const make = () => (made += 1)
    await live.all()
    live.derive('x', make)
    live.derive('x', make)
    await live.close()
    expect(made).toBe(2)
    // A value the caller declines to keep (too large, say) is made again next time.
    for (let i = 0; i < 2; i++) {
      const again = resultOf(cache, 'k')!
      await again.all()
      again.derive('y', make, () => false)
    }
    expect(made).toBe(4)
  })
})
