/**
 * Test helper: `ExecutionHooks` answered by a real DuckDB engine between renders, and the render
 * loop an executor runs (render → run the pending query → render again).
 */
import type { DuckDbEngine } from '../../src/engine/index.js'
import type {
  ColumnInfo,
  ExecutionHooks,
  QueryResult,
} from '../../src/transform/template/dbt/execution-hooks.js'
import type { RenderScope } from '../../src/transform/template/render-scope.js'
import type { TemplateEngine } from '../../src/transform/template/template-engine.js'

/** Hooks that answer from what `fetch` has already run in `duck`. */
export function duckHooks(
  duck: DuckDbEngine,
): ExecutionHooks & { fetch(sql: string): Promise<void> } {
  const results = new Map<string, QueryResult>()
  const columns = new Map<string, ColumnInfo[]>()
  return {
    query: (sql) => results.get(sql),
    columns: (_d, _s, i) => columns.get(i),
    async fetch(sql) {
      if (sql.startsWith('columns:')) {
        const table = sql.split('.').pop()!
        const rows = await duck.all(`describe ${table}`)
        columns.set(
          table,
          rows.map((r) => ({ name: String(r['column_name']), dataType: String(r['column_type']) })),
        )
        return
      }
      const r = await duck.query(sql)
      results.set(sql, {
        columns: r.columns.map((c) => c.name),
        rows: r.rows.map((row) => r.columns.map((c) => row[c.name])),
      })
    },
  }
}

/** Renders `text`, running each pending query in DuckDB and rendering again. */
export async function renderWithWarehouse(
  duck: DuckDbEngine,
  e: TemplateEngine,
  text: string,
  scope: RenderScope,
): Promise<{ sql: string; rounds: number }> {
  const hooks = duckHooks(duck)
  for (let round = 1; round <= 20; round++) {
    const r = e.render('models/x.sql', text, { ...scope, hooks })
    if (r.ok) return { sql: r.sql, rounds: round }
    if (r.pendingQuery === undefined) throw new Error(r.diagnostic.message)
    await hooks.fetch(r.pendingQuery)
  }
  throw new Error('the render still needed queries after 20 rounds')
}
