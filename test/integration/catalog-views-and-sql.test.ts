/**
 * Two holes of the old `pitwall sql`, closed at the root, and its output at scale:
 * - a persisted view file (`_views/<name>.sql`) holding a second statement after its SELECT ran
 *   that statement in every process that opened the lakehouse: view files must be one SELECT;
 * - printing 200,000 rows as a table crashed ("Maximum call stack size exceeded"): rows are
 *   streamed and the table shows the first `--max-rows`;
 * and plain `pitwall sql` says it runs as the local admin.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLakehouseEngine } from '../../src/catalog/index.js'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import { objectStoreFor } from '../../src/lake/index.js'
import { buildServeFixture, DEV, type ServeFixture } from './serve-fixture.js'

let fixture: ServeFixture
beforeAll(async () => {
  fixture = await buildServeFixture()
})
afterAll(async () => {
  await fixture?.cleanup()
})

const sql = async (...args: string[]) => {
  const io = memoryIo({ env: { NO_COLOR: '1' } })
  const code = await runCli(['--home', fixture.home, 'sql', ...args], io)
  return { code, stdout: io.out(), stderr: io.err() }
}

describe('persisted views', () => {
  it('defines a view file that is one SELECT, and refuses one with a second statement', async () => {
    const views = join(fixture.home, DEV, 'gold_analytics', '_views')
    mkdirSync(views, { recursive: true })
    const marker = join(fixture.home, 'pwned.csv')
    writeFileSync(
      join(views, 'top3.sql'),
      `SELECT * FROM ${DEV}.gold_analytics.session_leaderboard WHERE position <= 3 -- the podium`,
    )
    writeFileSync(
      join(views, 'evil.sql'),
      `SELECT 1 AS x; COPY (SELECT 42 AS answer) TO '${marker}'`,
    )
    writeFileSync(join(views, 'ddl.sql'), `CREATE TABLE ${DEV}.gold_analytics.injected AS SELECT 1`)
    const problems: string[] = []
    const duck = await DuckDbEngine.create()
    const engine = createLakehouseEngine(duck, {
      home: fixture.home,
      catalogs: [DEV],
      storeFor: objectStoreFor,
      onViewProblem: (p) => problems.push(p),
    })
    try {
      expect(await engine.all(`SELECT count(*) AS n FROM ${DEV}.gold_analytics.top3`)).toEqual([
        { n: 3 },
      ])
      expect(existsSync(marker)).toBe(false)
      await expect(engine.all(`SELECT * FROM ${DEV}.gold_analytics.evil`)).rejects.toThrow(/evil/)
      await expect(engine.all(`SELECT * FROM ${DEV}.gold_analytics.injected`)).rejects.toThrow(
        /injected/,
      )
      expect(problems.sort()).toEqual([
        expect.stringMatching(/"ddl": .*ddl\.sql is not one SELECT statement/),
        expect.stringMatching(/"evil": .*evil\.sql is not one SELECT statement/),
      ])
    } finally {
      await engine.close()
    }
  })
})

describe('pitwall sql', () => {
  it('says plainly that it runs as the local admin', async () => {
    const r = await sql(
      '--format',
      'json',
      `select count(*) as n from ${DEV}.bronze_raw.bronze_laps`,
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([{ n: 1 }])
    expect(r.stderr).toMatch(
      /running as the local admin: grants do not apply \(use --as <principal>/,
    )
  })

  it('prints 200,000 rows as a table without crashing: the first --max-rows, and says so', async () => {
    const q = `select a.n * 3000 + b.n as i from ${DEV}.gold_analytics.numbers a, ${DEV}.gold_analytics.numbers b where a.n < 67 order by i`
    const table = await sql(q)
    expect(table.code).toBe(0)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1000 + 3)
    expect(lines.at(-1)).toBe('(1000 rows)')
    expect(table.stderr).toMatch(/showing the first 1000 rows/)
    const more = await sql('--max-rows', '150000', q)
    expect(more.code).toBe(0)
    expect(more.stdout.trimEnd().split('\n').at(-1)).toBe('(150000 rows)')
    const csv = await sql('--format', 'csv', q)
    expect(csv.code).toBe(0)
    const rows = csv.stdout.trimEnd().split('\r\n')
    expect(rows).toHaveLength(201_000 + 1)
    expect(rows.at(-1)).toBe('200999')
  })
})
