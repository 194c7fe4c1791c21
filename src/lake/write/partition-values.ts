/**
 * @module lake/write/partition-values
 * Partition values as the log stores them (PROTOCOL.md "Partition Value Serialization"): numbers
 * as text, `YYYY-MM-DD`, `true`/`false`, `timestamp` as ISO-8601 UTC with microseconds
 * (`2024-01-01T10:00:00.000000Z`, what Spark writes since delta PR #3378), `timestamp_ntz` as
 * `YYYY-MM-DD HH:MM:SS.ffffff`; NULL and '' are `null`. DuckDB renders them with SQL, so the
 * writer never depends on the session time zone.
 */
import { SchemaMismatchError } from '../lake-errors.js'
import { sqlIdent } from '../sql-executor.js'
import type { DeltaType } from './delta-types.js'

/** A SQL expression rendering column `name` of Delta type `type` as its partition string. */
export function partitionValueSql(name: string, type: DeltaType): string {
  const col = sqlIdent(name)
  if (typeof type !== 'string' || type === 'binary') {
    throw new SchemaMismatchError(
      `partition column '${name}' has type ${typeof type === 'string' ? type : type.type}; ` +
        `partition by a primitive, non-binary column`,
    )
  }
  if (type === 'timestamp') {
    return `strftime(make_timestamp(epoch_us(${col})), '%Y-%m-%dT%H:%M:%S.%fZ')`
  }
  if (type === 'timestamp_ntz') return `strftime(${col}, '%Y-%m-%d %H:%M:%S.%f')`
  return `CAST(${col} AS VARCHAR)`
}
