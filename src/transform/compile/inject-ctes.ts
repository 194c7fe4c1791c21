/**
 * @module transform/compile/inject-ctes
 * Inlines ephemeral models as CTEs in front of a compiled query, as dbt does: merged into the
 * query's own `with` clause when it has one.
 */
import { quoteIdent } from '../template/relation.js'

/** An ephemeral model inlined as `__dbt__cte__<name>`. */
export interface ExtraCte {
  readonly id: string
  readonly name: string
  readonly sql: string
}

/** Puts `ctes` (dependency order) in front of `sql`. */
export function injectCtes(sql: string, ctes: readonly ExtraCte[]): string {
  if (ctes.length === 0) return sql
  const defs = ctes
    .map((c) => `${quoteIdent(`__dbt__cte__${c.name}`)} as (\n${c.sql.trim()}\n)`)
    .join(',\n')
  const lead = /^(\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*)with(\s+recursive)?\s/i.exec(sql)
  if (lead !== null) {
    const rest = sql.slice(lead[0].length)
    return `${lead[1]}with${lead[2] ?? ''} ${defs},\n${rest}`
  }
  return `with ${defs}\n${sql.trim()}`
}
