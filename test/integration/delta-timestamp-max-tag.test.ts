/**
 * The `pitwall.timestampMax` tag (src/lake/protocol/timestamp-max-tag.ts): each data file
 * pitwall writes names the exact newest value of its `timestamp` columns, to the microsecond —
 * where Delta's own max stats stop at the millisecond. Written by a plain write (stats from
 * DuckDB's RETURN_STATS) and by a Z-ordered OPTIMIZE (stats read back from the footers), and
 * checked against DuckDB reading each file.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createTable, optimizeTable, writeTable } from '../../src/lake/index.js'
import { commitLines, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

const TAG = 'pitwall.timestampMax'

/** Each added file's path and tag, from the commit. */
function taggedAdds(dir: string, version: number): { path: string; tag: unknown }[] {
  return commitLines(dir, version).flatMap((a) => {
    if (!('add' in a)) return []
    const add = a['add'] as { path: string; tags?: Record<string, string> }
    const tag = add.tags?.[TAG]
    return [
      { path: decodeURIComponent(add.path), tag: tag === undefined ? undefined : JSON.parse(tag) },
    ]
  })
}

/** DuckDB's own answer for one file: the newest `at` in microseconds, or null. */
async function newestInFile(f: TableFixture, path: string): Promise<string | null> {
  const rows = await f.executor.all(
    `select epoch_us(max("at"))::varchar as us from read_parquet('${f.dir}/${path}')`,
  )
  const us = rows[0]?.['us']
  return us === null || us === undefined ? null : String(us)
}

// Rows a microsecond apart inside one millisecond: Delta's max stat is the same for all of them.
const ROWS = `SELECT i::BIGINT AS id, (i % 2)::INTEGER AS p,
    timestamptz '2026-12-02 15:21:03.348000+00' + to_microseconds(i) AS "at",
    (timestamp '2026-12-02 15:21:03' + to_microseconds(i)) AS local_at,
    CAST(NULL AS TIMESTAMPTZ) AS never
  FROM range(5) t(i)`

describe('the pitwall.timestampMax tag', () => {
  it('names each file’s newest timestamp to the microsecond, on a write and after a Z-ordered OPTIMIZE', async () => {
    fx = await tableFixture()
    await createTable({ ...fx, partitionColumns: ['p'], sql: ROWS })
    await writeTable({
      ...fx,
      sql: `SELECT 9::BIGINT AS id, 1 AS p, timestamptz '2026-12-02 15:21:03.348999+00' AS "at",
              timestamp '2026-12-02 15:21:04' AS local_at, CAST(NULL AS TIMESTAMPTZ) AS never`,
    })
    const written = [...taggedAdds(fx.dir, 0), ...taggedAdds(fx.dir, 1)]
    expect(written).toHaveLength(3)
    for (const { path, tag } of written) {
      // timestamp columns only (`local_at` is timestamp_ntz); an all-NULL column is null.
      expect(tag).toEqual({ at: await newestInFile(fx, path), never: null })
    }
    expect(written.map((w) => (w.tag as { at: string }).at).sort()).toEqual([
      '1796224863348003',
      '1796224863348004',
      '1796224863348999',
    ])

    const optimized = await optimizeTable({ ...fx, zOrderBy: ['id'] })
    expect(optimized.metrics.numFilesAdded).toBeGreaterThan(0)
    const compacted = taggedAdds(fx.dir, optimized.version)
    expect(compacted.length).toBe(optimized.metrics.numFilesAdded)
    for (const { path, tag } of compacted) {
      expect(tag).toEqual({ at: await newestInFile(fx, path), never: null })
    }
  })
})
