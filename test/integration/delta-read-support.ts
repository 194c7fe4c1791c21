/**
 * Support for the Delta reader's integration tests: a real in-memory DuckDB wrapped as the lake's
 * `SqlExecutor` port, and the list of shared reference tables.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SqlExecutor, SqlRow } from '../../src/lake/index.js'

/** A DuckDB connection as a SqlExecutor; statements are serialised on the one connection. */
export class DuckDbSql implements SqlExecutor {
  private queue: Promise<unknown> = Promise.resolve()
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens an in-memory DuckDB. */
  static async open(): Promise<DuckDbSql> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' })
    const connection = await instance.connect()
    await connection.run("SET TimeZone = 'UTC'")
    return new DuckDbSql(instance, connection)
  }

  all(sql: string): Promise<SqlRow[]> {
    const next = this.queue.then(async () => {
      const reader = await this.connection.runAndReadAll(sql)
      return reader.getRowObjectsJS() as SqlRow[]
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  async run(sql: string): Promise<void> {
    await this.all(sql)
  }

  close(): void {
    this.connection.closeSync()
    this.instance.closeSync()
  }
}

/** Every folder under `root` that holds a `_delta_log` (recursively, not inside tables). */
export function findTables(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    if (existsSync(join(dir, '_delta_log'))) {
      out.push(dir)
      return
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'))
        walk(join(dir, e.name))
    }
  }
  walk(root)
  return out.sort()
}

/** Differences between two queries as multisets: rows only in `a` plus rows only in `b`. */
export async function multisetDiff(sql: DuckDbSql, a: string, b: string): Promise<number> {
  const rows = await sql.all(
    `WITH a AS (${a}), b AS (${b}) SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT ALL SELECT * FROM b)) + (SELECT count(*) FROM (SELECT * FROM b EXCEPT ALL SELECT * FROM a)) AS n`,
  )
  return Number(rows[0]?.['n'])
}

/** Column names of a query, in order. */
export async function columnNames(sql: DuckDbSql, query: string): Promise<string[]> {
  const rows = await sql.all(`DESCRIBE ${query}`)
  return rows.map((r) => String(r['column_name']))
}

/** Row count of a query. */
export async function countRows(sql: DuckDbSql, query: string): Promise<number> {
  const rows = await sql.all(`SELECT count(*) AS n FROM (${query})`)
  return Number(rows[0]?.['n'])
}

/**
 * Compares a query with an expected CSV of `kernel-rs-data/_expected` (comment lines `#`, empty
 * cell = NULL): the CSV's columns are taken from the query, CSV cells are cast to the query's
 * types (nested values are compared as text). Returns the multiset difference and the columns.
 */
export async function diffWithCsv(
  sql: DuckDbSql,
  ours: string,
  csvPath: string,
): Promise<{ diff: number; columns: string[]; expectedRows: number }> {
  const csv = `SELECT * FROM read_csv(${quote(csvPath)}, comment='#', header=true, all_varchar=true, quote='"', escape='"', delim=',')`
  const columns = await columnNames(sql, csv)
  const types = new Map(
    (await sql.all(`DESCRIBE ${ours}`)).map((r) => [
      String(r['column_name']),
      String(r['column_type']),
    ]),
  )
  const ourCols: string[] = []
  const expCols: string[] = []
  for (const c of columns) {
    const t = types.get(c)
    if (t === undefined) throw new Error(`column ${c} of ${csvPath} is not in the result`)
    const id = `"${c.replaceAll('"', '""')}"`
    if (/^(STRUCT|MAP)\(|\[\]$/.test(t)) {
      ourCols.push(`replace(CAST(${id} AS VARCHAR), '''', '') AS ${id}`)
      expCols.push(id)
    } else if (t === 'VARCHAR') {
      // The CSVs cannot tell an empty string from NULL (empty cell = NULL).
      ourCols.push(`NULLIF(${id}, '') AS ${id}`)
      expCols.push(id)
    } else {
      ourCols.push(id)
      expCols.push(`CAST(${id} AS ${t}) AS ${id}`)
    }
  }
  const a = `SELECT ${ourCols.join(', ')} FROM (${ours})`
  const b = `SELECT ${expCols.join(', ')} FROM (${csv})`
  return { diff: await multisetDiff(sql, a, b), columns, expectedRows: await countRows(sql, b) }
}

function quote(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}
