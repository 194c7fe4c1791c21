/**
 * @module transform/materialize/materialize-seed
 * Loads a CSV seed into a table (always rebuilt, as `dbt seed`).
 */
import type { ProjectNode } from '../project/types.js'
import { listOf } from '../project/config-checks.js'
import {
  relationName,
  type MaterializeContext,
  type MaterializeOutcome,
} from './materialize-context.js'
import { seedQuery } from './seed-sql.js'
import { qualified } from './warehouse.js'

/** Loads the seed `node`. */
export async function materializeSeed(
  ctx: MaterializeContext,
  node: ProjectNode,
): Promise<MaterializeOutcome> {
  const types = (node.config['column_types'] ?? {}) as Record<string, unknown>
  const delimiter = typeof node.config['delimiter'] === 'string' ? node.config['delimiter'] : ','
  let q
  try {
    q = seedQuery(node.seed_csv ?? '', types, delimiter)
  } catch (error) {
    throw new Error(
      `${node.original_file_path}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const rel = relationName(node)
  const w = await ctx.warehouse.write(rel, q.sql, {
    mode: 'overwrite',
    partitionBy: listOf(node.config['partition_by']),
  })
  return {
    message: `OK loaded ${w.rows} rows`,
    rowsAffected: w.rows,
    compiledCode: q.sql,
    relationName: qualified(rel),
  }
}
