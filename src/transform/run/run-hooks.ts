/**
 * @module transform/run/run-hooks
 * `on-run-start` / `on-run-end` from dbt_project.yml: rendered (vars, target, macros) and run
 * once per invocation; each is reported as an `operation.<project>.<project>-on-run-start-<n>`
 * result, as dbt does.
 */
import { renderExecuting } from '../compile/execution-loop.js'
import type { Warehouse } from '../materialize/warehouse.js'
import { warehouseAnswerer } from '../materialize/warehouse-answers.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { RenderScope } from '../template/render-scope.js'
import type { NodeResult } from './node-result.js'

/** Runs the project's hooks of `which`; returns one result per hook. */
export async function runProjectHooks(
  project: ParsedProject,
  warehouse: Warehouse,
  which: 'on-run-start' | 'on-run-end',
): Promise<NodeResult[]> {
  const hooks = which === 'on-run-start' ? project.hooks.onRunStart : project.hooks.onRunEnd
  const results: NodeResult[] = []
  const unavailable = (what: string) => () => {
    throw new Error(`${what}() is not available in ${which} hooks`)
  }
  const scope: RenderScope = {
    ref: unavailable('ref'),
    source: unavailable('source'),
    config: () => '',
    configGet: (_k, fallback) => fallback,
    self: '',
    isIncremental: () => false,
    model: {},
    execute: true,
  }
  for (const [i, hook] of hooks.entries()) {
    const id = `operation.${project.name}.${project.name}-${which}-${i}`
    const started = new Date().toISOString()
    const t0 = performance.now()
    let status: 'success' | 'error' = 'success'
    let message = 'OK'
    // Introspective macros (run_query, statement) in a hook are answered by the warehouse.
    const r = await renderExecuting(warehouseAnswerer(warehouse), (h) =>
      project.engine.render(`dbt_project.yml (${which})`, hook, { ...scope, hooks: h }, id),
    )
    if (!r.ok) {
      status = 'error'
      message = r.diagnostic.message
    } else if (r.sql.trim() !== '') {
      try {
        await warehouse.query(r.sql)
      } catch (error) {
        status = 'error'
        message = error instanceof Error ? error.message : String(error)
      }
    }
    results.push({
      unique_id: id,
      status,
      timing: [{ name: 'execute', started_at: started, completed_at: new Date().toISOString() }],
      thread_id: 'main',
      execution_time: (performance.now() - t0) / 1000,
      adapter_response: { _message: message },
      message,
      failures: null,
      compiled: r.ok,
      compiled_code: r.ok ? r.sql : null,
      relation_name: null,
      batch_results: null,
    })
  }
  return results
}
