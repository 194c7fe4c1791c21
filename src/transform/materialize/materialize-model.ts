/**
 * @module transform/materialize/materialize-model
 * Wraps a model's compiled `select` in what its materialization needs (STYLE.md §10): `view`,
 * `table`, `ephemeral` (nothing to run) and `incremental` (`incremental.ts`), then
 * `tblproperties` and `zorder_by` applied after the write. Throws on failure; the runner turns
 * that into a status. The config was checked at parse time (`project/config-checks.ts`).
 */
import { modelConfigProblems, listOf } from '../project/config-checks.js'
import type { ProjectNode } from '../project/types.js'
import { TransformError } from '../transform-errors.js'
import { contractViolations, hasContract } from './contract.js'
import { afterWrite, materializeIncremental } from './incremental.js'
import {
  compileOrThrow,
  relationName,
  type MaterializeContext,
  type MaterializeOutcome,
} from './materialize-context.js'

/** Materializes one model. */
export async function materializeModel(
  ctx: MaterializeContext,
  node: ProjectNode,
): Promise<MaterializeOutcome> {
  const problem = modelConfigProblems(node.config).find((p) => p.severity !== 'warn')
  if (problem !== undefined) {
    // Parse reports these as errors and execution refuses to start; reaching here is a bug.
    throw new TransformError('config-invalid', `model ${node.name}: ${problem.message}`)
  }
  const { warehouse } = ctx
  const mat = node.config.materialized
  const rel = relationName(node)
  if (hasContract(node) && mat !== 'ephemeral') {
    const c = await compileOrThrow(ctx, node, false, ctx.empty)
    const probe = await warehouse.query(`select * from (${c.sql}) as contract_probe limit 0`)
    const problems = contractViolations(node, probe.columns)
    if (problems.length > 0) {
      throw new Error(`the model's columns break its contract: ${problems.join('; ')}`)
    }
  }
  if (mat === 'incremental') return materializeIncremental(ctx, node, rel)
  const c = await compileOrThrow(ctx, node, false, ctx.empty)
  if (mat === 'ephemeral') {
    return {
      message: 'OK ephemeral (inlined where used)',
      rowsAffected: 0,
      compiledCode: c.sql,
      relationName: null,
    }
  }
  if (mat === 'view') {
    await warehouse.createView(rel, c.sql)
    return {
      message: 'OK created view',
      rowsAffected: 0,
      compiledCode: c.sql,
      relationName: c.relation,
    }
  }
  const w = await warehouse.write(rel, c.sql, {
    mode: 'overwrite',
    partitionBy: listOf(node.config['partition_by']),
  })
  await afterWrite(ctx, node, rel)
  return {
    message: `OK created table (${w.rows} rows)`,
    rowsAffected: w.rows,
    compiledCode: c.sql,
    relationName: c.relation,
  }
}
