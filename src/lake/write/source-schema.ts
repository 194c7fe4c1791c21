/**
 * @module lake/write/source-schema
 * The schema of the data being written (a SQL query, described by DuckDB) and the projection that
 * turns it into exactly the table's columns: matched case-insensitively, cast to the table types,
 * NULL for table columns the data does not have.
 */
import { duckDbType } from '../protocol/schema.js'
import { SchemaMismatchError } from '../lake-errors.js'
import { sqlIdent, type SqlExecutor } from '../sql-executor.js'
import { deltaTypeOf, type DeltaSchema } from './delta-types.js'

/** Describes the columns of `sql` as a Delta schema (all nullable). */
export async function describeSource(executor: SqlExecutor, sql: string): Promise<DeltaSchema> {
  const rows = await executor.all(`DESCRIBE ${sql}`)
  return {
    type: 'struct',
    fields: rows.map((r) => {
      const name = String(r['column_name'])
      return {
        name,
        type: deltaTypeOf(String(r['column_type']), name),
        nullable: true,
        metadata: {},
      }
    }),
  }
}

/** `SELECT` over `sql` giving exactly `target`'s columns in order, with the table's types. */
export function projectToSchema(sql: string, source: DeltaSchema, target: DeltaSchema): string {
  const byName = new Map(source.fields.map((f) => [f.name.toLowerCase(), f]))
  const cols = target.fields.map((f) => {
    const s = byName.get(f.name.toLowerCase())
    const t = duckDbType(f.type)
    return s === undefined
      ? `CAST(NULL AS ${t}) AS ${sqlIdent(f.name)}`
      : `CAST(src.${sqlIdent(s.name)} AS ${t}) AS ${sqlIdent(f.name)}`
  })
  return `SELECT ${cols.join(', ')} FROM (${sql}) AS src`
}

/**
 * Refuses NULLs in the table's non-nullable top-level columns (Spark's NOT NULL check).
 * @throws SchemaMismatchError naming the column and how many rows are NULL.
 */
export async function checkNotNull(
  executor: SqlExecutor,
  sql: string,
  schema: DeltaSchema,
): Promise<void> {
  const required = schema.fields.filter((f) => !f.nullable)
  if (required.length === 0) return
  const sel = required.map((f, i) => `count(*) FILTER (WHERE ${sqlIdent(f.name)} IS NULL) AS n${i}`)
  const row = (await executor.all(`SELECT ${sel.join(', ')} FROM (${sql})`))[0] ?? {}
  required.forEach((f, i) => {
    const n = Number(row[`n${i}`] ?? 0)
    if (n > 0) {
      throw new SchemaMismatchError(
        `column '${f.name}' is NOT NULL but ${n} written row(s) have NULL in it`,
        {
          hint: 'fill or filter the NULLs before writing',
        },
      )
    }
  })
}
