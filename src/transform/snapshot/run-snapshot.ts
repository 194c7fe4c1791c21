/**
 * @module transform/snapshot/run-snapshot
 * Runs one snapshot: under a lock (no two runs of the same snapshot at once), checks the source
 * for NULL and duplicate keys (an error, not duplicate history), creates the table on the first
 * run or upserts the changes on `dbt_scd_id`, then verifies one current row per key.
 */
import { sqlIdent, sqlString } from '../../core/index.js'
import {
  compileOrThrow,
  relationName,
  type MaterializeContext,
  type MaterializeOutcome,
} from '../materialize/materialize-context.js'
import { qualified } from '../materialize/warehouse.js'
import type { ProjectNode } from '../project/types.js'
import { firstSnapshotSql, snapshotChangesSql, snapshotSpec } from './snapshot-sql.js'

/** Runs the snapshot `node`. `now` is the run's timestamp (ISO). */
export async function runSnapshot(
  ctx: MaterializeContext,
  node: ProjectNode,
  now: string = new Date().toISOString(),
): Promise<MaterializeOutcome> {
  const spec = snapshotSpec(node.config)
  const rel = relationName(node)
  const target = qualified(rel)
  const { warehouse } = ctx
  const release = await warehouse.lock(`snapshot-${rel.database}.${rel.schema}.${rel.identifier}`)
  try {
    const c = await compileOrThrow(ctx, node, false, false)
    const staged = await warehouse.stage(c.sql)
    try {
      const keys = spec.uniqueKey.map(sqlIdent)
      const check = await warehouse.query(
        `select
           (select count(*) from (${staged.sql}) s where ${keys.map((k) => `${k} is null`).join(' or ')}) as null_keys,
           (select count(*) from (select ${keys.join(', ')} from (${staged.sql}) s group by all having count(*) > 1) d) as dup_keys`,
      )
      const nulls = Number(check.rows[0]?.['null_keys'] ?? 0)
      const dups = Number(check.rows[0]?.['dup_keys'] ?? 0)
      if (nulls > 0 || dups > 0) {
        throw new Error(
          `the source of snapshot ${node.name} has ${dups} duplicated and ${nulls} NULL unique_key value(s) (${spec.uniqueKey.join(', ')}); snapshotting it would corrupt the history. Deduplicate the source query first.`,
        )
      }
      const nowLit = sqlString(now)
      const existing = await warehouse.describe(rel)
      if (existing === undefined) {
        const w = await warehouse.write(rel, firstSnapshotSql(spec, staged.sql, nowLit), {
          mode: 'overwrite',
        })
        return {
          message: `OK snapshotted ${w.rows} rows (first run)`,
          rowsAffected: w.rows,
          compiledCode: c.sql,
          relationName: target,
        }
      }
      const probe = await warehouse.query(`select * from (${staged.sql}) p limit 0`)
      const changes = snapshotChangesSql(
        spec,
        staged.sql,
        target,
        existing.columns.map((col) => col.name),
        probe.columns.map((col) => col.name),
        nowLit,
      )
      const changed = await warehouse.stage(changes)
      let inserted = 0
      let updated = 0
      try {
        const count = await warehouse.query(`select count(*) as n from (${changed.sql}) x`)
        if (Number(count.rows[0]?.['n'] ?? 0) > 0) {
          const m = await warehouse.merge(rel, changed.sql, [spec.names.dbt_scd_id])
          inserted = m.inserted
          updated = m.updated
        }
      } finally {
        await changed.release()
      }
      await verify(ctx, target, spec.uniqueKey, spec.names, spec.validToCurrent)
      return {
        message: `OK snapshot: ${inserted} new version(s), ${updated} closed`,
        rowsAffected: inserted + updated,
        compiledCode: c.sql,
        relationName: target,
      }
    } finally {
      await staged.release()
    }
  } finally {
    await release()
  }
}

async function verify(
  ctx: MaterializeContext,
  target: string,
  keys: readonly string[],
  names: { dbt_scd_id: string; dbt_valid_to: string },
  validToCurrent: string | undefined,
): Promise<void> {
  const current =
    validToCurrent === undefined
      ? `${sqlIdent(names.dbt_valid_to)} is null`
      : `(${sqlIdent(names.dbt_valid_to)} is null or ${sqlIdent(names.dbt_valid_to)} = cast(${validToCurrent} as timestamp))`
  const r = await ctx.warehouse.query(
    `select
       (select count(*) from (select ${sqlIdent(names.dbt_scd_id)} from ${target} group by all having count(*) > 1) a) as dup_ids,
       (select count(*) from (select ${keys.map(sqlIdent).join(', ')} from ${target} where ${current} group by all having count(*) > 1) b) as multi_current`,
  )
  const dupIds = Number(r.rows[0]?.['dup_ids'] ?? 0)
  const multi = Number(r.rows[0]?.['multi_current'] ?? 0)
  if (dupIds > 0 || multi > 0) {
    throw new Error(
      `snapshot ${target} is inconsistent after the run: ${dupIds} duplicated dbt_scd_id, ${multi} key(s) with more than one current row`,
    )
  }
}
