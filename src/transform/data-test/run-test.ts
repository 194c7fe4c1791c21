/**
 * @module transform/data-test/run-test
 * Runs a data test (generic or singular): counts the failing rows, decides pass/warn/fail and,
 * with `store_failures`, keeps the failing rows in a table (`<schema>.<test name>`) whose name
 * and first rows are part of the result.
 */
import { compileExecuting } from '../compile/execution-loop.js'
import { warehouseAnswerer } from '../materialize/warehouse-answers.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode } from '../project/types.js'
import { TemplateError } from '../transform-errors.js'
import { qualified, type Warehouse, type WarehouseRow } from '../materialize/warehouse.js'
import { testOutcomeConfig, testStatus, wrapTestSql } from './test-sql.js'

/** What a data test found. */
export interface TestOutcome {
  readonly status: 'pass' | 'warn' | 'fail'
  /** The number of failing rows (the `fail_calc`). */
  readonly failures: number
  readonly message: string
  readonly compiledCode: string
  /** Where the failing rows were stored, when `store_failures` is on. */
  readonly storedIn?: string
  /** Up to 10 failing rows (shown in the report). */
  readonly sampleRows?: readonly WarehouseRow[]
}

/** Runs `node` (a test). Throws on SQL errors (the runner reports them as `error`). */
export async function runDataTest(
  project: ParsedProject,
  warehouse: Warehouse,
  node: ProjectNode,
  options: {
    readonly storeFailures?: boolean
    /** The existing relations, for `adapter.get_relation` (see `CompileOptions.relations`). */
    readonly relations?: ReadonlySet<string>
  } = {},
): Promise<TestOutcome> {
  const compiled = await compileExecuting(
    project,
    node.unique_id,
    options.relations === undefined ? {} : { relations: options.relations },
    warehouseAnswerer(warehouse),
  )
  if (!compiled.ok) throw new TemplateError(compiled.diagnostic)
  const sql = compiled.node.compiled_code
  const config = effectiveConfig(node, compiled.node.config_calls)
  const c = testOutcomeConfig(config)
  const r = await warehouse.query(wrapTestSql(sql, c))
  const row = r.rows[0] ?? { failures: 0, should_warn: false, should_error: false }
  const failures = Number(row['failures'] ?? 0)
  const status = testStatus(
    { should_warn: row['should_warn'], should_error: row['should_error'] },
    c.severity,
  )
  const as = config['store_failures_as']
  const store =
    as !== 'ephemeral' &&
    (options.storeFailures === true ||
      config['store_failures'] === true ||
      ((as === 'table' || as === 'view') && config['store_failures'] !== false))
  let storedIn: string | undefined
  let sampleRows: readonly WarehouseRow[] | undefined
  if (store) {
    const rel = { database: node.database, schema: node.schema, identifier: node.alias }
    const limited = c.limit === null ? sql : `select * from (${sql}) t limit ${c.limit}`
    if (config['store_failures_as'] === 'view') await warehouse.createView(rel, limited)
    else await warehouse.write(rel, limited, { mode: 'overwrite' })
    storedIn = qualified(rel)
    if (failures > 0)
      sampleRows = (await warehouse.query(`select * from ${storedIn} limit 10`)).rows
  } else if (status !== 'pass') {
    sampleRows = (await warehouse.query(`select * from (${sql}) t limit 10`)).rows
  }
  const what = status === 'pass' ? 'PASS' : status === 'warn' ? 'WARN' : 'FAIL'
  const message =
    status === 'pass'
      ? 'PASS'
      : `${what} ${failures}${storedIn === undefined ? '' : ` (failing rows stored in ${storedIn})`}`
  return {
    status,
    failures,
    message,
    compiledCode: sql,
    ...(storedIn === undefined ? {} : { storedIn }),
    ...(sampleRows === undefined ? {} : { sampleRows }),
  }
}

/**
 * The test's config with what its macro's `config()` calls set (dbt captures them when it parses
 * the test): they fill in what the YAML and dbt_project.yml leave unset, never override them.
 */
export function effectiveConfig(
  node: ProjectNode,
  calls: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> {
  if (calls === undefined) return node.config
  const merged: Record<string, unknown> = { ...node.config }
  for (const [k, v] of Object.entries(calls)) if (!(k in node.unrendered_config)) merged[k] = v
  return merged
}
