/**
 * @module transform/snapshot/snapshot-sql
 * SCD type 2 as SQL (dbt's snapshot logic), pure: from the snapshot's source query, the current
 * snapshot table's columns and the run's timestamp, the rows to write. Strategies `timestamp`
 * (a row changed when `updated_at` moved forward) and `check` (when any `check_cols` value is
 * distinct); `hard_deletes` `ignore | invalidate | new_record`; `dbt_valid_to_current`.
 * The result is applied as an upsert on `dbt_scd_id`: closed rows keep their id, new versions get
 * a new one.
 */
import { sqlIdent, sqlString } from '../../core/index.js'
import { listOf, snapshotConfigProblems } from '../project/config-checks.js'
import { TransformError } from '../transform-errors.js'

/** A snapshot's resolved configuration. */
export interface SnapshotSpec {
  readonly strategy: 'timestamp' | 'check'
  readonly uniqueKey: readonly string[]
  readonly updatedAt?: string
  /** Columns compared by `check`; `all` = every source column. */
  readonly checkCols: readonly string[] | 'all'
  readonly hardDeletes: 'ignore' | 'invalidate' | 'new_record'
  /** SQL expression for `dbt_valid_to` of current rows (NULL when absent). */
  readonly validToCurrent?: string
  /** Meta column names (`snapshot_meta_column_names`). */
  readonly names: {
    readonly dbt_scd_id: string
    readonly dbt_updated_at: string
    readonly dbt_valid_from: string
    readonly dbt_valid_to: string
    readonly dbt_is_deleted: string
  }
}

/**
 * Builds the {@link SnapshotSpec} from a node config. Parse reports a config that cannot run
 * (`snapshotConfigProblems`), so execution never starts with one; reaching the throw is a bug.
 */
export function snapshotSpec(config: Readonly<Record<string, unknown>>): SnapshotSpec {
  const problem = snapshotConfigProblems(config).find((p) => p.severity !== 'warn')
  if (problem !== undefined) throw new TransformError('config-invalid', problem.message)
  const strategy = config['strategy'] as 'timestamp' | 'check'
  const uniqueKey = listOf(config['unique_key'])
  const updatedAt = typeof config['updated_at'] === 'string' ? config['updated_at'] : undefined
  const cc = config['check_cols']
  const checkCols =
    cc === 'all' || cc === undefined || cc === null
      ? 'all'
      : (Array.isArray(cc) ? cc : [cc]).map(String)
  const hd = (config['hard_deletes'] ??
    (config['invalidate_hard_deletes'] === true ? 'invalidate' : 'ignore')) as
    'ignore' | 'invalidate' | 'new_record'
  const metaNames = (config['snapshot_meta_column_names'] ?? {}) as Record<string, string>
  const vtc = config['dbt_valid_to_current']
  return {
    strategy,
    uniqueKey,
    ...(updatedAt === undefined ? {} : { updatedAt }),
    checkCols,
    hardDeletes: hd,
    ...(typeof vtc === 'string' && vtc !== ''
      ? { validToCurrent: /^\d{4}-\d{2}-\d{2}/.test(vtc) ? sqlString(vtc) : vtc }
      : {}),
    names: {
      dbt_scd_id: metaNames['dbt_scd_id'] ?? 'dbt_scd_id',
      dbt_updated_at: metaNames['dbt_updated_at'] ?? 'dbt_updated_at',
      dbt_valid_from: metaNames['dbt_valid_from'] ?? 'dbt_valid_from',
      dbt_valid_to: metaNames['dbt_valid_to'] ?? 'dbt_valid_to',
      dbt_is_deleted: metaNames['dbt_is_deleted'] ?? 'dbt_is_deleted',
    },
  }
}

const q = sqlIdent

/** Expressions shared by the queries. */
function parts(spec: SnapshotSpec, now: string) {
  const ts = `cast(${now} as timestamp)`
  const current =
    spec.validToCurrent === undefined
      ? 'cast(null as timestamp)'
      : `cast(${spec.validToCurrent} as timestamp)`
  const n = spec.names
  const isCurrent = (a: string) =>
    spec.validToCurrent === undefined
      ? `${a}.${q(n.dbt_valid_to)} is null`
      : `(${a}.${q(n.dbt_valid_to)} is null or ${a}.${q(n.dbt_valid_to)} = ${current})`
  const validFrom = (a: string) =>
    spec.strategy === 'timestamp' ? `cast(${a}.${q(spec.updatedAt!)} as timestamp)` : ts
  // The run's timestamp is part of the id, so a key that comes back with an old updated_at after
  // a hard delete gets a new id instead of overwriting its closed history row.
  const scdId = (a: string, at: string) =>
    `md5(concat_ws('|', ${spec.uniqueKey.map((k) => `coalesce(cast(${a}.${q(k)} as varchar), '')`).join(', ')}, cast(${at} as varchar), cast(${ts} as varchar)))`
  const keyJoin = (a: string, b: string) =>
    spec.uniqueKey.map((k) => `${a}.${q(k)} is not distinct from ${b}.${q(k)}`).join(' and ')
  return { ts, current, isCurrent, validFrom, scdId, keyJoin }
}

/** The first run: every source row, current from its `updated_at` (or now). */
export function firstSnapshotSql(spec: SnapshotSpec, source: string, now: string): string {
  const p = parts(spec, now)
  const n = spec.names
  return `select s.*,
  ${p.scdId('s', p.validFrom('s'))} as ${q(n.dbt_scd_id)},
  ${p.validFrom('s')} as ${q(n.dbt_updated_at)},
  ${p.validFrom('s')} as ${q(n.dbt_valid_from)},
  ${p.current} as ${q(n.dbt_valid_to)}${spec.hardDeletes === 'new_record' ? `,\n  false as ${q(n.dbt_is_deleted)}` : ''}
from (${source}) s`
}

/**
 * The rows to upsert on `dbt_scd_id` for a later run: closed versions of changed (and, per
 * `hard_deletes`, vanished) rows, and the new versions.
 * @param target the snapshot table's relation
 * @param targetColumns its columns, in order
 * @param sourceColumns the source query's columns
 */
export function snapshotChangesSql(
  spec: SnapshotSpec,
  source: string,
  target: string,
  targetColumns: readonly string[],
  sourceColumns: readonly string[],
  now: string,
): string {
  const p = parts(spec, now)
  const n = spec.names
  const meta = new Set(Object.values(n))
  const dataCols = targetColumns.filter((c) => !meta.has(c))
  const hasDeleted = targetColumns.includes(n.dbt_is_deleted)
  const checkCols =
    spec.checkCols === 'all' ? sourceColumns.filter((c) => !meta.has(c)) : spec.checkCols
  const changed =
    spec.strategy === 'timestamp'
      ? `${p.validFrom('s')} > c.${q(n.dbt_updated_at)}`
      : checkCols.map((col) => `s.${q(col)} is distinct from c.${q(col)}`).join(' or ') || 'false'
  const wasDeleted = hasDeleted ? `coalesce(c.${q(n.dbt_is_deleted)}, false)` : 'false'
  const srcCol = (col: string) =>
    sourceColumns.includes(col) ? `s.${q(col)}` : `cast(null as varchar)`
  const newFrom = p.validFrom('s')
  const row = (values: Record<string, string>) =>
    targetColumns.map((col) => `${values[col] ?? `c.${q(col)}`} as ${q(col)}`).join(', ')
  const newVersion = row({
    ...Object.fromEntries(dataCols.map((col) => [col, srcCol(col)])),
    [n.dbt_scd_id]: p.scdId('s', newFrom),
    [n.dbt_updated_at]: newFrom,
    [n.dbt_valid_from]: newFrom,
    [n.dbt_valid_to]: p.current,
    ...(hasDeleted ? { [n.dbt_is_deleted]: 'false' } : {}),
  })
  const parts_: string[] = [
    `-- new keys and new versions of changed rows
select ${newVersion}
from (${source}) s left join cur c on ${p.keyJoin('s', 'c')}
where c.${q(n.dbt_scd_id)} is null or (${changed}) or ${wasDeleted}`,
    `-- the versions they replace, closed
select ${row({ [n.dbt_valid_to]: newFrom })}
from cur c join (${source}) s on ${p.keyJoin('s', 'c')}
where (${changed}) or ${wasDeleted}`,
  ]
  if (spec.hardDeletes !== 'ignore') {
    parts_.push(`-- rows gone from the source, closed
select ${row({ [n.dbt_valid_to]: p.ts })}
from cur c
where not exists (select 1 from (${source}) s where ${p.keyJoin('s', 'c')}) and not ${wasDeleted}`)
  }
  if (spec.hardDeletes === 'new_record' && hasDeleted) {
    parts_.push(`-- and recorded as deleted
select ${row({
      [n.dbt_scd_id]: p.scdId('c', `concat(${p.ts}, '|deleted')`),
      [n.dbt_updated_at]: p.ts,
      [n.dbt_valid_from]: p.ts,
      [n.dbt_valid_to]: p.current,
      [n.dbt_is_deleted]: 'true',
    })}
from cur c
where not exists (select 1 from (${source}) s where ${p.keyJoin('s', 'c')}) and not ${wasDeleted}`)
  }
  return `with cur as (select * from ${target} c where ${p.isCurrent('c')})\n${parts_.join('\nunion all\n')}`
}
