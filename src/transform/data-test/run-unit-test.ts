/**
 * @module transform/data-test/run-unit-test
 * dbt 1.8 unit tests: the model's SQL runs over the given input rows (each `ref`/`source` replaced
 * by a fixture CTE) and its output must equal the expected rows (order ignored).
 */
import { compileExecuting } from '../compile/execution-loop.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode } from '../project/types.js'
import { parseCsv } from '../project/csv.js'
import { TemplateError } from '../transform-errors.js'
import { sqlIdent, sqlString } from '../../core/index.js'
import type { Warehouse } from '../materialize/warehouse.js'
import { relationName } from '../materialize/materialize-context.js'
import { warehouseAnswerer } from '../materialize/warehouse-answers.js'

/** Runs the unit test `node`: pass, or fail with the differing rows in the message. */
export async function runUnitTest(
  project: ParsedProject,
  warehouse: Warehouse,
  node: ProjectNode,
): Promise<{ status: 'pass' | 'fail'; failures: number; message: string; compiledCode: string }> {
  const def = node.unit_test!
  const model = Object.values(project.nodes).find(
    (n) => n.resource_type === 'model' && n.name === def.model,
  )
  if (model === undefined)
    throw new Error(`unit test ${def.name}: model '${def.model}' does not exist`)
  const fixtures = new Map<string, string>()
  for (const g of def.given) {
    const id = inputId(project, g.input)
    if (id === undefined)
      throw new Error(
        `unit test ${def.name}: given input ${g.input} is not a ref() or source() of this project`,
      )
    const target = project.nodes[id] ?? project.sources[id]
    const info =
      target === undefined
        ? undefined
        : await warehouse
            .describe(
              target.resource_type === 'source'
                ? {
                    database: target.database,
                    schema: target.schema,
                    identifier: target.identifier,
                  }
                : relationName(target),
            )
            .catch(() => undefined)
    fixtures.set(id, givenSql(g, info?.columns ?? [], def.name))
  }
  const overrides = def.overrides
  const compiled = await compileExecuting(
    project,
    model.unique_id,
    {
      relationOverride: (id) => fixtures.get(id),
      isIncremental: overrides?.macros?.['is_incremental'] === true,
      ...(overrides?.vars === undefined ? {} : { vars: overrides.vars }),
      ...(overrides?.macros === undefined ? {} : { macroOverrides: overrides.macros }),
    },
    warehouseAnswerer(warehouse),
  )
  if (!compiled.ok) throw new TemplateError(compiled.diagnostic)
  const sql = compiled.node.compiled_code
  const expectCols = [...new Set(def.expect.rows.flatMap((r) => Object.keys(r)))]
  const actual = await warehouse.query(
    expectCols.length === 0
      ? sql
      : `select ${expectCols.map(sqlIdent).join(', ')} from (${sql}) unit_actual`,
  )
  const norm = (r: Record<string, unknown>) =>
    JSON.stringify(expectCols.map((c) => normalise(r[c])))
  const want = def.expect.rows.map(norm).sort()
  const got = actual.rows.map((r) => norm(r)).sort()
  const missing = want.filter((w) => !removeOne(got.slice(), w))
  const extra = got.filter((g) => !removeOne(want.slice(), g))
  if (missing.length === 0 && extra.length === 0)
    return { status: 'pass', failures: 0, message: 'PASS', compiledCode: sql }
  return {
    status: 'fail',
    failures: missing.length + extra.length,
    message: `FAIL: columns ${expectCols.join(', ')}; expected but missing: ${missing.join(' ') || 'none'}; unexpected: ${extra.join(' ') || 'none'}`,
    compiledCode: sql,
  }
}

function inputId(project: ParsedProject, input: string): string | undefined {
  const ref = /ref\(\s*['"]([^'"]+)['"]\s*\)/.exec(input)
  if (ref !== null)
    return Object.values(project.nodes).find((n) => n.name === ref[1] && n.resource_type !== 'test')
      ?.unique_id
  const src = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(input)
  if (src !== null) return `source.${project.name}.${src[1]}.${src[2]}`
  return undefined
}

/** A `given` input as SQL: `format: dict` (default) rows, `format: csv` text or `format: sql`. */
function givenSql(
  g: { rows?: readonly Record<string, unknown>[]; format?: string; fixture?: string },
  columns: readonly { name: string; type: string }[],
  test: string,
): string {
  const format = g.format ?? 'dict'
  if (format === 'sql') {
    if (g.fixture === undefined)
      throw new Error(`unit test ${test}: format: sql needs rows: as a SQL select`)
    return `(${g.fixture})`
  }
  if (format === 'csv') {
    if (g.fixture === undefined)
      throw new Error(`unit test ${test}: format: csv needs rows: as CSV text`)
    const table = parseCsv(g.fixture.trim())
    const rows = table.rows.map((r) =>
      Object.fromEntries(table.header.map((h, i) => [h, r[i] === '' ? null : r[i]])),
    )
    return rowsSql(rows, columns)
  }
  return rowsSql(g.rows ?? [], columns)
}

function rowsSql(
  rows: readonly Record<string, unknown>[],
  columns: readonly { name: string; type: string }[],
): string {
  const names = [
    ...new Set([...rows.flatMap((r) => Object.keys(r)), ...columns.map((c) => c.name)]),
  ]
  const typeOf = (n: string) => columns.find((c) => c.name === n)?.type
  const value = (n: string, v: unknown) => {
    const t = typeOf(n)
    const lit =
      v === undefined || v === null
        ? 'null'
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : sqlString(String(v))
    return t === undefined ? lit : `cast(${lit} as ${t})`
  }
  if (rows.length === 0)
    return `(select ${names.map((n) => `${value(n, null)} as ${sqlIdent(n)}`).join(', ') || '1 as _empty'} where false)`
  return `(${rows.map((r) => `select ${names.map((n) => `${value(n, r[n])} as ${sqlIdent(n)}`).join(', ')}`).join(' union all ')})`
}

function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v)
  return v ?? null
}

function removeOne(list: string[], item: string): boolean {
  const i = list.indexOf(item)
  if (i < 0) return false
  list.splice(i, 1)
  return true
}
