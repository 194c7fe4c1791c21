/**
 * @module transform/materialize/seed-sql
 * A CSV seed as a SQL query: column types inferred from the values (BIGINT, DOUBLE, BOOLEAN,
 * DATE, TIMESTAMP, VARCHAR), overridden by the seed's `column_types`; empty fields are NULL.
 */
import { parseCsv } from '../project/csv.js'
import { sqlIdent, sqlString } from '../../core/index.js'

/** The seed's query and the types chosen per column. */
export interface SeedQuery {
  readonly sql: string
  readonly columns: readonly { readonly name: string; readonly type: string }[]
  readonly rows: number
}

/** Builds the query for `csv`. Throws an Error naming the line of a malformed row. */
export function seedQuery(
  csv: string,
  columnTypes: Readonly<Record<string, unknown>> = {},
  delimiter = ',',
): SeedQuery {
  const table = parseCsv(csv, delimiter)
  const columns = table.header.map((name, i) => ({
    name,
    type:
      typeof columnTypes[name] === 'string'
        ? (columnTypes[name] as string)
        : inferType(table.rows.map((r) => r[i]!)),
  }))
  const select = columns.map((c, i) => `cast(c${i} as ${c.type}) as ${sqlIdent(c.name)}`).join(', ')
  const aliases = columns.map((_, i) => `c${i}`).join(', ')
  if (table.rows.length === 0) {
    const nulls = columns.map((c) => `cast(null as ${c.type}) as ${sqlIdent(c.name)}`).join(', ')
    return { sql: `select ${nulls} where false`, columns, rows: 0 }
  }
  const values = table.rows
    .map((r) => `(${r.map((v) => (v === '' ? 'null' : sqlString(v))).join(', ')})`)
    .join(',\n')
  return {
    sql: `select ${select} from (values\n${values}\n) as seed_values(${aliases})`,
    columns,
    rows: table.rows.length,
  }
}

const INT = /^-?\d{1,18}$/
const FLOAT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/
const BOOL = /^(true|false)$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

function inferType(values: readonly string[]): string {
  const present = values.filter((v) => v !== '')
  if (present.length === 0) return 'varchar'
  if (present.every((v) => INT.test(v))) return 'bigint'
  if (present.every((v) => FLOAT.test(v))) return 'double'
  if (present.every((v) => BOOL.test(v))) return 'boolean'
  if (present.every((v) => DATE.test(v))) return 'date'
  if (present.every((v) => TS.test(v))) return 'timestamp'
  return 'varchar'
}
