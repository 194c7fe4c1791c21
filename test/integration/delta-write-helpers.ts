/**
 * Shared helpers of the Delta writer's integration tests: a real DuckDB executor, a table in a
 * temp dir, and reading a table back through the reader (`loadSnapshot` + `scanSql`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../../src/engine/index.js'
import {
  LocalObjectStore,
  loadSnapshot,
  scanSql,
  type ObjectStore,
  type SqlRow,
} from '../../src/lake/index.js'

/** A fresh table location with a DuckDB executor; call `close()` in afterEach/finally. */
export interface TableFixture {
  /** The table's folder on local disk (for an S3 store: its local cache folder). */
  readonly dir: string
  readonly store: FixtureStore
  readonly executor: DuckDbEngine
  close(): void
}

/** A store with local paths DuckDB writes to and a flush (local disk, or S3 with its cache). */
export type FixtureStore = ObjectStore & {
  flush(paths: readonly string[]): Promise<void>
  localPath(path: string): string
}

/**
 * Which store tables get: local disk by default; the S3 suites (`s3-delta-suites.test.ts`) pass a
 * maker that returns an S3 store whose cache folder is `dir`.
 */
let makeStore: (dir: string) => FixtureStore = (dir) => new LocalObjectStore(dir)

/** Sets the store of the fixtures made from now on (undefined: back to local disk). */
export function useFixtureStore(maker: ((dir: string) => FixtureStore) | undefined): void {
  makeStore = maker ?? ((dir) => new LocalObjectStore(dir))
}

/** Opens a DuckDB executor and an empty table directory (or `existing`). */
export async function tableFixture(existing?: string): Promise<TableFixture> {
  const base = mkdtempSync(join(tmpdir(), 'pitwall-dw-'))
  const dir = existing ?? join(base, 'table')
  const executor = await DuckDbEngine.create()
  return {
    dir,
    store: makeStore(dir),
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

/** The actions of commit `version` of the table at `dir`, one JSON object per line. */
export function commitLines(dir: string, version: number): Record<string, unknown>[] {
  const text = readFileSync(
    join(dir, '_delta_log', `${String(version).padStart(20, '0')}.json`),
    'utf8',
  )
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}
