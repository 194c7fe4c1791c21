/**
 * @module transform/materialize/changed-keys
 * `adapter.changed_keys` on the Delta warehouse: the keys an incremental model must rebuild —
 * those of the source rows newer than the newest value of the model's own watermark column —
 * answered from the Delta log instead of a pass over every file of history (issue 16).
 *
 * Each data file pitwall writes carries the exact newest value of its timestamp columns
 * (`pitwall.timestampMax`, see lake's `timestamp-max-tag.ts`; Delta's own max stats are cut to
 * the millisecond and cannot tell the watermark from a row a microsecond past it). So:
 * 1. the watermark is the largest tagged value of the model's live files (the epoch when it has
 *    none);
 * 2. a source file whose tagged max is not past it holds no newer row and is skipped; one that is
 *    names its key by its partition value when the key is the table's partition column (a new
 *    race's partitions), and is otherwise read — alone — for its keys.
 *
 * The same answer as `select distinct key from source where column > (select max(…) from this)`
 * compared as TIMESTAMPTZ. When the log cannot tell (a watermark file without the tag or with a
 * deletion vector, a missing column, a key that is not an integer) the answer is undefined and the
 * template runs its own query.
 */
import { sqlIdent, sqlString } from '../../core/index.js'
import type { Engine } from '../../engine/index.js'
import {
  exactTimestampMax,
  fileLocation,
  findField,
  microsText,
  physicalName,
  scanSql,
  type ScanFile,
  type Snapshot,
} from '../../lake/index.js'

/** A relation's snapshot (undefined: no table) and a timestamp column of it. */
export interface SnapshotColumn {
  readonly snapshot: Snapshot | undefined
  readonly column: string
}

/** What {@link changedKeys} answers. */
export interface ChangedKeysInput {
  /** The model's own table and watermark column. */
  readonly watermark: SnapshotColumn
  /** The tables whose newer rows name the keys to rebuild, each with its timestamp column. */
  readonly sources: readonly SnapshotColumn[]
  /** The key column of the sources (integers). */
  readonly key: string
}

/** The distinct non-null keys, ascending; undefined when the log cannot answer. */
export async function changedKeys(
  engine: Engine,
  input: ChangedKeysInput,
): Promise<readonly number[] | undefined> {
  const watermark = newest(input.watermark)
  if (watermark === undefined) return undefined
  const keys = new Set<number>()
  const reads: string[] = []
  for (const { snapshot, column } of input.sources) {
    if (snapshot === undefined) continue
    const field = findField(snapshot.schema, column)
    if (field === undefined || findField(snapshot.schema, input.key) === undefined) return undefined
    const phys = physicalName(field, snapshot.columnMapping)
    const byPartition =
      snapshot.columnMapping === 'none' && snapshot.partitionColumns.includes(input.key)
    const toRead: ScanFile[] = []
    for (const add of snapshot.files.values()) {
      const tagged = exactTimestampMax(add, phys)
      if (tagged !== undefined && (tagged.max === null || tagged.max <= watermark)) continue
      if (tagged !== undefined && tagged.exact && byPartition) {
        const raw = add.partitionValues[input.key]
        if (raw === null || raw === undefined || raw === '') continue
        const k = Number(raw)
        if (!Number.isSafeInteger(k)) return undefined
        keys.add(k)
        continue
      }
      toRead.push({ add, location: fileLocation(snapshot, add.path) })
    }
    if (toRead.length === 0) continue
    const plan = { files: toRead, totalFiles: snapshot.files.size, prunedFiles: 0 }
    const scan = await scanSql(snapshot, { plan, columns: [column, input.key], sql: engine })
    reads.push(
      `select ${sqlIdent(input.key)} as k from (${scan}) as s where cast(${sqlIdent(column)} as timestamptz) > cast(${sqlString(microsText(watermark))} as timestamptz)`,
    )
  }
  if (reads.length > 0) {
    const r = await engine.query(
      `select distinct cast(k as bigint) as k from (${reads.join(' union all ')}) as changed where k is not null`,
    )
    for (const row of r.rows) keys.add(Number(row['k']))
  }
  return [...keys].sort((a, b) => a - b)
}

/**
 * The newest value of the watermark column in microseconds (the epoch when there is none), from
 * the tags of the live files; undefined when one of them has no exact value.
 */
function newest({ snapshot, column }: SnapshotColumn): bigint | undefined {
  if (snapshot === undefined) return 0n
  const field = findField(snapshot.schema, column)
  if (field === undefined) return undefined
  const phys = physicalName(field, snapshot.columnMapping)
  let max: bigint | null = null
  for (const add of snapshot.files.values()) {
    const tagged = exactTimestampMax(add, phys)
    if (tagged === undefined || !tagged.exact) return undefined
    if (tagged.max !== null && (max === null || tagged.max > max)) max = tagged.max
  }
  return max ?? 0n
}
