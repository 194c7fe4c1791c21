/**
 * Shared helpers of the Delta writer's integration tests: a real DuckDB executor, a table in a
 * temp dir, and reading a table back through the reader (`loadSnapshot` + `scanSql`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../../src/engine/index.js'
import { LocalObjectStore, loadSnapshot, scanSql, type SqlRow } from '../../src/lake/index.js'

/** A fresh table location with a DuckDB executor; call `close()` in afterEach/finally. */
export interface TableFixture {
  readonly dir: string
  readonly store: LocalObjectStore
  readonly executor: DuckDbEngine
  close(): void
}

/** Opens a DuckDB executor and an empty table directory (or `existing`). */
export async function tableFixture(existing?: string): Promise<TableFixture> {
  const base = mkdtempSync(join(tmpdir(), 'pitwall-dw-'))
  const dir = existing ?? join(base, 'table')
  const executor = await DuckDbEngine.create()
  return {
    dir,
    store: new LocalObjectStore(dir),
    executor,
    close() {
      // Engine.close() drains its queue first; nothing is pending when a test cleans up.
      void executor.close()
      rmSync(base, { recursive: true, force: true })
    },
  }
}

/** Reads the table (latest or `version`) through the reader, rows ordered by `orderBy`. */
export async function readBack(
  fx: Pick<TableFixture, 'store' | 'executor'>,
  orderBy: string,
  version?: number,
): Promise<SqlRow[]> {
  const snapshot = await loadSnapshot(fx.store, {
    sql: fx.executor,
    ...(version === undefined ? {} : { version }),
  })
  const sql = await scanSql(snapshot, { sql: fx.executor })
  return fx.executor.all(`SELECT * FROM (${sql}) ORDER BY ${orderBy}`)
}

/** Plain JSON-able rows (bigint → number) for comparisons. */
export function plain(rows: readonly SqlRow[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
    ),
  )
}
