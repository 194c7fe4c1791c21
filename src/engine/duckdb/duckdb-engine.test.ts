import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineClosedError, QueryError } from '../engine-errors.js'
import { DuckDbEngine, type DuckDbEngineOptions } from './duckdb-engine.js'

const open: DuckDbEngine[] = []
async function engine(options?: DuckDbEngineOptions): Promise<DuckDbEngine> {
  const e = await DuckDbEngine.create(options)
  open.push(e)
  return e
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()))
})

describe('DuckDbEngine', () => {
  it('returns column names, types and JSON rows', async () => {
    const e = await engine()
    const r = await e.query(
      `SELECT 42::BIGINT AS n, 9007199254740993::BIGINT AS big, 'x' AS s, [1, NULL]::BIGINT[] AS l,
              TIMESTAMP '2024-06-30 13:04:14.597' AS ts, TIMESTAMPTZ '2024-06-30 13:00:00+00' AS tz,
              DATE '2024-06-30' AS d, 1.25::DECIMAL(5,2) AS m, NULL::VARCHAR AS nothing`,
    )
    expect(r.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'n:BIGINT',
      'big:BIGINT',
      's:VARCHAR',
      'l:BIGINT[]',
      'ts:TIMESTAMP',
      'tz:TIMESTAMP WITH TIME ZONE',
      'd:DATE',
      'm:DECIMAL(5,2)',
      'nothing:VARCHAR',
    ])
    expect(r.rows).toEqual([
      {
        n: 42,
        big: '9007199254740993',
        s: 'x',
        l: [1, null],
        ts: '2024-06-30T13:04:14.597000',
        tz: '2024-06-30T13:00:00.000000Z',
        d: '2024-06-30',
        m: 1.25,
        nothing: null,
      },
    ])
  })

  it('formats timestamps before 1970 with a positive fraction', async () => {
    const e = await engine()
    const [row] = await e.all(`SELECT TIMESTAMP '1969-12-31 23:59:59.5' AS t`)
    expect(row?.['t']).toBe('1969-12-31T23:59:59.500000')
  })

  it('runs concurrent calls one at a time in issue order', async () => {
    const e = await engine()
    await e.run('CREATE TABLE t (i INTEGER)')
    await Promise.all(Array.from({ length: 20 }, (_, i) => e.run(`INSERT INTO t VALUES (${i})`)))
    const rows = await e.all('SELECT list(i ORDER BY rowid) AS l FROM t')
    expect(rows[0]?.['l']).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('throws a QueryError carrying the SQL, and keeps working after it', async () => {
    const e = await engine()
    const failed = await e.query('SELECT * FROM no_such_table').catch((x: unknown) => x)
    expect(failed).toBeInstanceOf(QueryError)
    expect((failed as QueryError).sql).toBe('SELECT * FROM no_such_table')
    expect((failed as QueryError).message).toMatch(/no_such_table/)
    expect(await e.all('SELECT 1 AS one')).toEqual([{ one: 1 }])
  })

  it('refuses queries after close', async () => {
    const e = await engine()
    await e.close()
    await expect(e.query('SELECT 1')).rejects.toBeInstanceOf(EngineClosedError)
    await e.close()
  })

  it('limits file access to the allowed directories in sandbox mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-sandbox-'))
    try {
      mkdirSync(join(dir, 'lake'))
      writeFileSync(join(dir, 'lake', 'a.json'), '[{"x": 1}]')
      writeFileSync(join(dir, 'secret.json'), '[{"x": 2}]')
      const e = await engine({ sandbox: { allowedDirectories: [join(dir, 'lake')] } })
      expect(await e.all(`SELECT x FROM read_json('${join(dir, 'lake', 'a.json')}')`)).toEqual([
        { x: 1 },
      ])
      await expect(e.all(`SELECT x FROM read_json('${join(dir, 'secret.json')}')`)).rejects.toThrow(
        /Permission|disabled/,
      )
      await expect(e.run('SET enable_external_access = true')).rejects.toThrow(/locked/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps Parquet footers cached only when asked, on every connection', async () => {
    const setting = `SELECT value FROM duckdb_settings() WHERE name = 'parquet_metadata_cache'`
    const plain = await engine()
    expect(await plain.all(setting)).toEqual([{ value: 'false' }])
    const cached = await engine({ parquetMetadataCache: true, readConnections: 1 })
    expect(await cached.all(setting)).toEqual([{ value: 'true' }])
    const stream = await cached.stream(setting)
    expect(await stream.next()).toEqual([{ value: 'true' }])
    await stream.close()
  })

  it('leaves semi joins on their subquery side (build_side_probe_side off), on every connection', async () => {
    const setting = `SELECT value FROM duckdb_settings() WHERE name = 'disabled_optimizers'`
    const e = await engine({ readConnections: 1 })
    expect(String((await e.all(setting))[0]?.['value'])).toContain('build_side_probe_side')
    const stream = await e.stream(setting)
    expect(String((await stream.next())?.[0]?.['value'])).toContain('build_side_probe_side')
    await stream.close()
  })

  it('streams rows a chunk at a time and stops early without computing the rest', async () => {
    const e = await engine({ readConnections: 2 })
    const stream = await e.stream('SELECT i, i * 2 AS twice FROM range(1000000000) t(i)')
    expect(stream.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['i:BIGINT', 'twice:BIGINT'])
    const first = await stream.next()
    expect(first?.[0]).toEqual({ i: 0, twice: 0 })
    expect(first?.length).toBeGreaterThan(0)
    expect(first?.length).toBeLessThanOrEqual(4096)
    await stream.close()
    // The connection went back to the pool in a usable state.
    const again = await e.stream('SELECT 42 AS n')
    expect(await again.next()).toEqual([{ n: 42 }])
    expect(await again.next()).toBeUndefined()
    await again.close()
  })

  it('interrupts a running statement when its signal aborts, and keeps serving others', async () => {
    const e = await engine({ readConnections: 2 })
    await e.run('CREATE TABLE t AS SELECT * FROM range(3000) t(i)')
    const abort = new AbortController()
    // 8.1e13 rows to count: it cannot finish before the abort on any machine.
    const slow = e.stream('SELECT count(*) FROM t a, t b, t c, t d', { signal: abort.signal })
    const other = await e.stream('SELECT count(*) AS n FROM t')
    expect(await other.next()).toEqual([{ n: 3000 }])
    await other.close()
    expect(await e.all('SELECT 1 AS one')).toEqual([{ one: 1 }])
    abort.abort()
    await expect(slow.then((s) => s.next())).rejects.toThrow(/Interrupt/i)
    expect(await e.all('SELECT 2 AS two')).toEqual([{ two: 2 }])
  })

  it('resolves one- and two-part names in the catalog a stream asks for', async () => {
    const e = await engine()
    await e.run(
      "ATTACH ':memory:' AS cat; CREATE SCHEMA cat.s; CREATE TABLE cat.s.t AS SELECT 7 AS x",
    )
    const stream = await e.stream('SELECT x FROM s.t', { defaultCatalog: 'cat' })
    expect(await stream.next()).toEqual([{ x: 7 }])
    await stream.close()
  })

  it('stages rows as values in a temporary table the FIFO connection sees and streams do not', async () => {
    const e = await engine({ sandbox: { allowedDirectories: [tmpdir()] } })
    const columns = [
      { name: 'who', type: 'VARCHAR' },
      { name: 'n', type: 'DOUBLE' },
      { name: 'ok', type: 'BOOLEAN' },
    ] as const
    // More rows than one slice between yields, with quotes, NULLs and non-ASCII text.
    const rows = Array.from({ length: 1201 }, (_, i) => [
      `it's #${i} ✓`,
      i % 7 === 0 ? null : i / 2,
      i % 2 === 0,
    ])
    await e.stageRows('batch', columns, rows)
    const back = await e.all(
      'SELECT count(*)::INTEGER AS n, count(n)::INTEGER AS with_n, sum(n) AS total, max(who) AS top FROM temp.main.batch',
    )
    const withN = rows.filter((r) => r[1] !== null)
    expect(back).toEqual([
      {
        n: 1201,
        with_n: withN.length,
        total: withN.reduce((sum, r) => sum + Number(r[1]), 0),
        top: rows
          .map((r) => String(r[0]))
          .sort()
          .at(-1),
      },
    ])
    expect(await e.all("SELECT who, n, ok FROM temp.main.batch WHERE who = $$it's #1 ✓$$")).toEqual(
      [{ who: "it's #1 ✓", n: 0.5, ok: false }],
    )
    // Staging again replaces the table; a stream runs on another connection and cannot see it.
    await e.stageRows('batch', columns, [['again', 1, true]])
    expect(await e.all('SELECT count(*)::INTEGER AS n FROM temp.main.batch')).toEqual([{ n: 1 }])
    await expect(e.stream('SELECT * FROM temp.main.batch')).rejects.toThrow(QueryError)
  })
})
