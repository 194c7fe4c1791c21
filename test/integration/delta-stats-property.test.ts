import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../../src/engine/index.js'
import {
  LocalObjectStore,
  loadSnapshot,
  mayMatch,
  normalizePath,
  parseStats,
  sqlString,
  writeTable,
  type AddAction,
} from '../../src/lake/index.js'

/**
 * Property test of the writer's statistics: random tables (types, NULLs, unicode strings with
 * accents, CJK, emoji, U+FFFF and U+10FFFF, strings longer than the 32-character prefix,
 * integers near ±2^63, partitions) are written, and every data file's stats are checked against
 * DuckDB's own min / max / null count of that file — strings in UTF-8 byte order. Seeded and
 * bounded: the same tables on every run, a few seconds of work.
 */
const TABLES = 10
const SEED = 20240630

/** A small deterministic generator (LCG; high bits). */
function rng(seed: number): (n: number) => number {
  let x = seed
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648
    return (x >>> 8) % n
  }
}

const PIECES = [
  'a',
  'Z',
  '0',
  ' ',
  'é',
  'ß',
  'Ω',
  '中',
  '文',
  '😀',
  '🏎',
  '\uFFFF',
  '\uFFFD',
  '\u{10FFFF}',
]

interface Column {
  readonly name: string
  /** DuckDB type of the column. */
  readonly sqlType: string
  /** A random SQL literal of the type (or NULL). */
  readonly literal: (next: (n: number) => number) => string
}

const TYPES: readonly Omit<Column, 'name'>[] = [
  {
    sqlType: 'VARCHAR',
    literal: (next) => {
      const short = next(3) > 0
      const n = short ? next(6) : 28 + next(18)
      // Long strings share a prefix now and then, so truncation ties are exercised.
      const prefix = !short && next(2) === 0 ? 'p'.repeat(32) : ''
      return sqlString(
        prefix + Array.from({ length: n }, () => PIECES[next(PIECES.length)]).join(''),
      )
    },
  },
  {
    sqlType: 'BIGINT',
    literal: (next) => {
      // Near the ends of BIGINT and just above 2^53 (where a double loses the last digit).
      const near = [
        ['9223372036854775807', '-'],
        ['-9223372036854775808', '+'],
        ['9007199254740993', '+'],
      ] as const
      const [v, sign] = near[next(near.length)] ?? near[0]
      return next(4) === 0
        ? `(CAST('${v}' AS BIGINT) ${sign} ${next(3)})`
        : String(next(2_000_000) - 1_000_000)
    },
  },
  { sqlType: 'INTEGER', literal: (next) => String(next(20_000) - 10_000) },
  { sqlType: 'DOUBLE', literal: (next) => `${(next(2_000_000) - 1_000_000) / 977}::DOUBLE` },
  { sqlType: 'FLOAT', literal: (next) => `${(next(20_000) - 10_000) / 7}::FLOAT` },
  {
    sqlType: 'DECIMAL(18,3)',
    literal: (next) => `${next(20_000_000) - 10_000_000}.${next(1000)}::DECIMAL(18,3)`,
  },
  { sqlType: 'DATE', literal: (next) => `DATE '1990-01-01' + ${next(20_000)}` },
  {
    sqlType: 'TIMESTAMPTZ',
    literal: (next) =>
      `make_timestamptz(${1_000_000_000_000_000 + next(2_000_000_000) * 1000 + next(1000)}::BIGINT)`,
  },
  { sqlType: 'BOOLEAN', literal: (next) => (next(2) === 0 ? 'true' : 'false') },
]

const PARTITION_TYPES = [
  { sqlType: 'VARCHAR', values: ["'a'", "'中文'", "'😀 x'", "''", 'NULL'] },
  { sqlType: 'INTEGER', values: ['1', '2', '-3', 'NULL'] },
  { sqlType: 'DATE', values: ["DATE '2024-06-30'", "DATE '2024-07-01'", 'NULL'] },
]

/** Decimal text without trailing fraction zeros (`-1.230` → `-1.23`, `5.000` → `5`). */
const decimalText = (v: unknown): string => {
  const text = String(v)
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

const utf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b))

let engine: DuckDbEngine
let base: string
beforeAll(async () => {
  engine = await DuckDbEngine.create()
  base = mkdtempSync(join(tmpdir(), 'pitwall-stats-prop-'))
})
afterAll(async () => {
  await engine.close()
  rmSync(base, { recursive: true, force: true })
})

/** What DuckDB itself says about one column of one file. */
interface Truth {
  readonly nulls: number
  readonly min: unknown
  readonly max: unknown
  /** Every non-null value (strings), for checks in UTF-8 order. */
  readonly values: readonly string[]
}

async function truthOf(file: string, column: Column): Promise<Truth> {
  const c = `"${column.name}"`
  const as =
    column.sqlType === 'TIMESTAMPTZ'
      ? (e: string) => `epoch_us(${e})`
      : column.sqlType === 'VARCHAR' || column.sqlType === 'BOOLEAN'
        ? (e: string) => e
        : (e: string) => `CAST(${e} AS VARCHAR)`
  const src = `read_parquet(${sqlString(file)}, hive_partitioning=false)`
  const [row] = await engine.all(
    `SELECT count(*) - count(${c}) AS nulls, ${as(`min(${c})`)} AS lo, ${as(`max(${c})`)} AS hi FROM ${src}`,
  )
  const values =
    column.sqlType === 'VARCHAR'
      ? (await engine.all(`SELECT ${c} AS v FROM ${src} WHERE ${c} IS NOT NULL`)).map((r) =>
          String(r['v']),
        )
      : []
  return { nulls: Number(row?.['nulls']), min: row?.['lo'], max: row?.['hi'], values }
}

function checkColumn(
  column: Column,
  truth: Truth,
  rows: number,
  stats: ReturnType<typeof parseStats>,
): void {
  const name = column.name
  const where = `${name} (${column.sqlType})`
  expect(stats?.nullCount[name], `${where} nullCount`).toBe(truth.nulls)
  const lo = stats?.minValues[name]
  const hi = stats?.maxValues[name]
  if (truth.nulls === rows || column.sqlType === 'BOOLEAN') {
    expect(lo, `${where}: no min`).toBeUndefined()
    expect(hi, `${where}: no max`).toBeUndefined()
    return
  }
  switch (column.sqlType) {
    case 'VARCHAR': {
      expect(typeof lo === 'string' && typeof hi === 'string', where).toBe(true)
      for (const v of truth.values) {
        expect(utf8(lo as string, v), `${where}: min ≤ ${JSON.stringify(v)}`).toBeLessThanOrEqual(0)
        expect(utf8(v, hi as string), `${where}: ${JSON.stringify(v)} ≤ max`).toBeLessThanOrEqual(0)
      }
      // Bounds are the real extremes when those fit in the 32-character prefix.
      const sorted = [...truth.values].sort(utf8)
      const first = sorted[0] as string
      const last = sorted[sorted.length - 1] as string
      if ([...first].length <= 32) expect(lo, `${where} min`).toBe(first)
      if ([...last].length <= 32) expect(hi, `${where} max`).toBe(last)
      break
    }
    case 'BIGINT':
    case 'INTEGER':
    case 'DECIMAL(18,3)':
      // Exact: compared as decimal text, never through a double.
      expect(decimalText(lo), `${where} min`).toBe(decimalText(truth.min))
      expect(decimalText(hi), `${where} max`).toBe(decimalText(truth.max))
      break
    case 'DOUBLE':
      expect(Number(lo), `${where} min`).toBe(Number(truth.min))
      expect(Number(hi), `${where} max`).toBe(Number(truth.max))
      break
    case 'FLOAT':
      expect(Math.fround(Number(lo)), `${where} min`).toBe(Math.fround(Number(truth.min)))
      expect(Math.fround(Number(hi)), `${where} max`).toBe(Math.fround(Number(truth.max)))
      break
    case 'DATE':
      expect(lo, `${where} min`).toBe(truth.min)
      expect(hi, `${where} max`).toBe(truth.max)
      break
    case 'TIMESTAMPTZ':
      // Milliseconds, truncated (floor) as Spark's stats are.
      expect(Date.parse(String(lo)), `${where} min`).toBe(Math.floor(Number(truth.min) / 1000))
      expect(Date.parse(String(hi)), `${where} max`).toBe(Math.floor(Number(truth.max) / 1000))
      break
  }
}

describe('writer statistics (seeded property test)', () => {
  it(`match DuckDB's own min/max/null counts for every file of ${TABLES} random tables`, async () => {
    const next = rng(SEED)
    let files = 0
    for (let t = 0; t < TABLES; t++) {
      const columns: Column[] = Array.from({ length: 2 + next(5) }, (_, i) => ({
        name: `c${i}`,
        ...(TYPES[next(TYPES.length)] as Omit<Column, 'name'>),
      }))
      const partition = next(2) === 0 ? PARTITION_TYPES[next(PARTITION_TYPES.length)] : undefined
      const nullRate = next(4) // 0: no NULLs … 3: often NULL (some columns end up all NULL)
      const store = new LocalObjectStore(join(base, `t${t}`))
      for (let append = 0; append < 2; append++) {
        const rows = Array.from({ length: 1 + next(40) }, () => {
          const cells = columns.map((c) =>
            nullRate > 0 && next(6) < nullRate ? `NULL::${c.sqlType}` : c.literal(next),
          )
          if (partition !== undefined) {
            const v = partition.values[next(partition.values.length)] as string
            cells.push(v === 'NULL' ? `NULL::${partition.sqlType}` : `${v}::${partition.sqlType}`)
          }
          return `(${cells.join(', ')})`
        })
        const names = [...columns.map((c) => c.name), ...(partition === undefined ? [] : ['p'])]
        await writeTable({
          store,
          executor: engine,
          sql: `SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${names.join(', ')})`,
          ...(partition === undefined ? {} : { partitionColumns: ['p'] }),
        })
      }
      const snap = await loadSnapshot(store, { sql: engine })
      for (const add of snap.addActions) {
        files++
        const file = store.localPath(normalizePath(add.path))
        const stats = parseStats(add.stats)
        const [count] = await engine.all(
          `SELECT count(*) AS n FROM read_parquet(${sqlString(file)}, hive_partitioning=false)`,
        )
        const rows = Number(count?.['n'])
        expect(stats?.numRecords, `numRecords of ${add.path}`).toBe(rows)
        for (const column of columns) {
          const truth = await truthOf(file, column)
          checkColumn(column, truth, rows, stats)
          expectFound(add, column, truth, snap)
        }
      }
    }
    expect(files).toBeGreaterThan(TABLES)
  })
})

/** Pruning by these stats keeps the file for an equality filter on each of its string values. */
function expectFound(
  add: AddAction,
  column: Column,
  truth: Truth,
  snap: Awaited<ReturnType<typeof loadSnapshot>>,
): void {
  const ctx = {
    schema: snap.schema,
    partitionColumns: snap.partitionColumns,
    mode: snap.columnMapping,
  }
  for (const value of truth.values) {
    expect(mayMatch(add, { op: '=', column: column.name, value }, ctx), JSON.stringify(value)).toBe(
      true,
    )
  }
}
