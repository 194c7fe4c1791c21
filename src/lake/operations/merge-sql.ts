/**
 * @module lake/operations/merge-sql
 * The SQL of a MERGE by key, over the staged source `s` and the scan `t` of the touched target
 * files: the rewrite of those files (unmatched rows copied, matched rows updated or dropped), the
 * inserted source rows, and the before/after images of matched rows for the change data feed.
 * Keys compare null-safely (`IS NOT DISTINCT FROM`); source keys are never NULL (checked).
 */
import { sqlIdent } from '../sql-executor.js'
import type { StructType } from '../protocol/schema.js'

/** What the SQL is built from. */
export interface MergeSqlInput {
  readonly schema: StructType
  /** Key columns (table names). */
  readonly keys: readonly string[]
  /** Lower-cased names of the source's columns (absent ones keep the target's value). */
  readonly sourceColumns: ReadonlySet<string>
  /** The staged source table. */
  readonly source: string
  /** The table of matched keys (`m`), built by the match pass. */
  readonly matched: string
  /** The scan of the touched files (`''` when no file is touched). */
  readonly touchedScan: string
  readonly whenMatched: 'update' | 'delete' | 'ignore'
}

/** The queries of one merge. */
export interface MergeSql {
  /** Touched files rewritten: unmatched rows copied, matched rows updated (or dropped). */
  readonly rewritten: string
  /** Source rows whose key is not in the table. */
  readonly inserted: string
  /** Matched target rows as they were. */
  readonly matchedOld: string
  /** Matched target rows as they become. */
  readonly updated: string
}

/** `t.k IS NOT DISTINCT FROM s.k AND …` between two aliases. */
export function keyJoin(keys: readonly string[], left: string, right: string): string {
  return keys
    .map((k) => `${left}.${sqlIdent(k)} IS NOT DISTINCT FROM ${right}.${sqlIdent(k)}`)
    .join(' AND ')
}

/** Builds the queries of a merge. */
export function mergeSql(input: MergeSqlInput): MergeSql {
  const { schema, keys, sourceColumns, source, whenMatched, touchedScan } = input
  const on = keyJoin(keys, 't', 's')
  const inSource = (name: string): boolean => sourceColumns.has(name.toLowerCase())
  const isMatch = `s.${sqlIdent(keys[0] as string)} IS NOT NULL` // source keys are never NULL
  const tCols = schema.fields.map((f) => `t.${sqlIdent(f.name)}`).join(', ')
  const sCols = schema.fields.map((f) => `s.${sqlIdent(f.name)}`).join(', ')
  const updCols = schema.fields
    .map((f) => (inSource(f.name) ? `s.${sqlIdent(f.name)}` : `t.${sqlIdent(f.name)}`))
    .join(', ')
  const rewriteCols = schema.fields
    .map((f) => {
      const c = sqlIdent(f.name)
      return whenMatched === 'update' && inSource(f.name)
        ? `CASE WHEN ${isMatch} THEN s.${c} ELSE t.${c} END AS ${c}`
        : `t.${c}`
    })
    .join(', ')
  return {
    rewritten:
      `SELECT ${rewriteCols} FROM (${touchedScan}) t LEFT JOIN ${source} s ON ${on}` +
      (whenMatched === 'delete' ? ` WHERE NOT (${isMatch})` : ''),
    inserted:
      `SELECT ${sCols} FROM ${source} s WHERE NOT EXISTS ` +
      `(SELECT 1 FROM ${input.matched} m WHERE ${keyJoin(keys, 'm', 's')})`,
    matchedOld: `SELECT ${tCols} FROM (${touchedScan}) t JOIN ${source} s ON ${on}`,
    updated: `SELECT ${updCols} FROM (${touchedScan}) t JOIN ${source} s ON ${on}`,
  }
}
