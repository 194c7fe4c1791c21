/**
 * @module lake/operations/merge-source
 * The source of a MERGE, staged once as a temp table with the table's columns: a NULL in a key
 * column or two source rows with the same key are errors (a NULL key never matches, so it would
 * silently duplicate; Spark refuses duplicate matches), and NOT NULL columns are checked.
 */
import { DeltaError } from '../lake-errors.js'
import type { StructType } from '../protocol/schema.js'
import { sqlIdent, type SqlExecutor } from '../sql-executor.js'
import { checkNotNull, projectToSchema } from '../write/source-schema.js'

/** What is staged: the merge's SQL and engine, the source and table schemas, the keys. */
export interface StagedSourceInput {
  readonly executor: SqlExecutor
  readonly sql: string
  readonly source: StructType
  readonly schema: StructType
  readonly keys: readonly string[]
}

/** Stages the source as `src` (table columns), checks keys and NOT NULL; returns its rows. */
export async function stageSource(
  input: StagedSourceInput,
  src: string,
  whenNotMatched: 'insert' | 'ignore',
): Promise<number> {
  const { executor, source, schema, keys } = input
  await executor.run(`CREATE TEMP TABLE ${src} AS ${projectToSchema(input.sql, source, schema)}`)
  await checkSourceKeys(executor, src, keys)
  // NOT NULL columns: written from the source (updates keep target values of absent columns).
  const inSource = new Set(source.fields.map((f) => f.name.toLowerCase()))
  const checked = schema.fields.filter(
    (f) => whenNotMatched === 'insert' || inSource.has(f.name.toLowerCase()),
  )
  await checkNotNull(executor, `SELECT * FROM ${src}`, { type: 'struct', fields: checked })
  return count(executor, `SELECT * FROM ${src}`)
}

/** The row count of a query. */
export async function count(executor: SqlExecutor, sql: string): Promise<number> {
  return Number((await executor.all(`SELECT count(*) AS n FROM (${sql})`))[0]?.['n'] ?? 0)
}

async function checkSourceKeys(
  executor: SqlExecutor,
  src: string,
  keys: readonly string[],
): Promise<void> {
  const anyNull = keys.map((k) => `${sqlIdent(k)} IS NULL`).join(' OR ')
  const nulls = Number(
    (await executor.all(`SELECT count(*) AS n FROM ${src} WHERE ${anyNull}`))[0]?.['n'] ?? 0,
  )
  if (nulls > 0) {
    throw new DeltaError(
      'merge-null-key',
      `${nulls} source row(s) have NULL in merge key column(s) ${keys.join(', ')}; a NULL key never matches and would insert duplicates`,
      { hint: 'filter or fill NULL keys in the source before merging' },
    )
  }
  const keyList = keys.map(sqlIdent).join(', ')
  const dups = await executor.all(
    `SELECT ${keyList}, count(*) AS n FROM ${src} GROUP BY ${keyList} HAVING count(*) > 1 LIMIT 3`,
  )
  if (dups.length > 0) {
    const shown = dups.map((r) => keys.map((k) => String(r[k])).join('/')).join(', ')
    throw new DeltaError(
      'merge-duplicate-source-keys',
      `the merge source has several rows for the same key (${keys.join(', ')} = ${shown}); each target row may match at most one source row`,
      { hint: 'deduplicate the source (e.g. keep the latest row per key) before merging' },
    )
  }
}
