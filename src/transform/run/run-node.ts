/**
 * @module transform/run/run-node
 * dbt's `safe_run`: runs one node, records compile/execute timing, and turns any exception into
 * an `error` result (STYLE.md §11). It never throws.
 */
import { formatDiagnostic } from '../../core/index.js'
import { compileExecuting, renderInNodeExecuting } from '../compile/execution-loop.js'
import { warehouseAnswerer } from '../materialize/warehouse-answers.js'
import {
  relationName,
  type MaterializeContext,
  type MaterializeOutcome,
} from '../materialize/materialize-context.js'
import { materializeModel } from '../materialize/materialize-model.js'
import { qualified } from '../materialize/warehouse.js'
import { materializeSeed } from '../materialize/materialize-seed.js'
import type { ProjectNode } from '../project/types.js'
import { runSnapshot } from '../snapshot/run-snapshot.js'
import { runDataTest } from '../data-test/run-test.js'
import { runUnitTest } from '../data-test/run-unit-test.js'
import { TemplateError } from '../transform-errors.js'
import type { NodeResult, NodeStatus } from './node-result.js'
import {
  TEST_UP_TO_DATE_MESSAGE,
  UP_TO_DATE_MESSAGE,
  checkFreshness,
  tracksFreshness,
} from './up-to-date.js'

/** Options that reach every node. */
export interface RunNodeOptions {
  readonly storeFailures: boolean
  /** The run's timestamp (snapshots). */
  readonly now: string
}

/** Runs the node's `pre_hook` / `post_hook` statements, rendered in its scope. */
async function runHooks(
  ctx: MaterializeContext,
  node: ProjectNode,
  which: 'pre_hook' | 'post_hook',
): Promise<void> {
  const hooks = node.config[which]
  for (const hook of Array.isArray(hooks) ? hooks : hooks == null ? [] : [hooks]) {
    const text = typeof hook === 'string' ? hook : String((hook as { sql?: unknown }).sql ?? '')
    const r = await renderInNodeExecuting(
      ctx.project,
      node.unique_id,
      text,
      ctx.relations === undefined ? {} : { relations: ctx.relations },
      warehouseAnswerer(ctx.warehouse),
    )
    if (!r.ok) throw new TemplateError(r.diagnostic)
    if (r.sql.trim() === '') continue
    try {
      await ctx.warehouse.query(r.sql)
    } catch (error) {
      throw new Error(
        `${which.replace('_', '-')} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
  }
}

/** Runs `node`; always resolves to its result. */
export async function runNode(
  ctx: MaterializeContext,
  node: ProjectNode,
  threadId: string,
  options: RunNodeOptions,
): Promise<NodeResult> {
  const started = new Date()
  const t0 = performance.now()
  const done = (
    status: NodeStatus,
    message: string,
    extra: Partial<NodeResult> & { rows?: number } = {},
  ): NodeResult => {
    const completed = new Date()
    const { rows, ...rest } = extra
    return {
      unique_id: node.unique_id,
      status,
      timing: [
        { name: 'compile', started_at: started.toISOString(), completed_at: started.toISOString() },
        {
          name: 'execute',
          started_at: started.toISOString(),
          completed_at: completed.toISOString(),
        },
      ],
      thread_id: threadId,
      execution_time: (performance.now() - t0) / 1000,
      adapter_response: {
        _message: message,
        ...(rows === undefined ? {} : { rows_affected: rows }),
      },
      message,
      failures: null,
      compiled: false,
      compiled_code: null,
      relation_name: null,
      batch_results: null,
      ...rest,
    }
  }
  try {
    const freshness = tracksFreshness(ctx, node, options)
      ? await checkFreshness(ctx, node)
      : undefined
    switch (node.resource_type) {
      case 'test': {
        if (freshness?.upToDate === true) {
          return done('pass', TEST_UP_TO_DATE_MESSAGE, { failures: 0 })
        }
        const o = await runDataTest(ctx.project, ctx.warehouse, node, {
          storeFailures: options.storeFailures,
          ...(ctx.relations === undefined ? {} : { relations: ctx.relations }),
        })
        if (o.status === 'pass') await freshness?.record()
        return done(o.status, o.message, {
          failures: o.failures,
          compiled: true,
          compiled_code: o.compiledCode,
          ...(o.storedIn === undefined
            ? {}
            : { stored_failures: o.storedIn, relation_name: o.storedIn }),
          ...(o.sampleRows === undefined ? {} : { failing_rows_sample: [...o.sampleRows] }),
        })
      }
      case 'unit_test': {
        if (freshness?.upToDate === true) {
          return done('pass', TEST_UP_TO_DATE_MESSAGE, { failures: 0 })
        }
        const o = await runUnitTest(ctx.project, ctx.warehouse, node)
        if (o.status === 'pass') await freshness?.record()
        return done(o.status, o.message, {
          failures: o.failures,
          compiled: true,
          compiled_code: o.compiledCode,
        })
      }
      case 'model':
      case 'seed':
      case 'snapshot': {
        if (ctx.empty === true && node.resource_type === 'snapshot') {
          // Zero-row inputs would close every current row of the history.
          return done('skipped', 'snapshots are not run with --empty')
        }
        if (freshness?.upToDate === true) {
          const rel = relationName(node)
          return done('success', UP_TO_DATE_MESSAGE, {
            rows: 0,
            relation_name: qualified(rel),
          })
        }
        await runHooks(ctx, node, 'pre_hook')
        const o: MaterializeOutcome =
          node.resource_type === 'model'
            ? await materializeModel(ctx, node)
            : node.resource_type === 'seed'
              ? await materializeSeed(ctx, node)
              : await runSnapshot(ctx, node, options.now)
        await runHooks(ctx, node, 'post_hook')
        await freshness?.record()
        return done('success', o.message, {
          rows: o.rowsAffected,
          compiled: true,
          compiled_code: o.compiledCode,
          relation_name: o.relationName,
        })
      }
      default:
        return done('skipped', `${node.resource_type} nodes are compiled, not run`)
    }
  } catch (error) {
    const message =
      error instanceof TemplateError
        ? formatDiagnostic(error.diagnostic)
        : error instanceof Error
          ? error.message
          : String(error)
    // Show the SQL next to the error (dbt users ask for it: dbt-core #4596).
    const compiled =
      error instanceof TemplateError
        ? undefined
        : await compileExecuting(
            ctx.project,
            node.unique_id,
            ctx.relations === undefined ? {} : { relations: ctx.relations },
            warehouseAnswerer(ctx.warehouse),
          ).catch(() => undefined)
    return done(
      'error',
      message,
      compiled?.ok === true ? { compiled: true, compiled_code: compiled.node.compiled_code } : {},
    )
  }
}
