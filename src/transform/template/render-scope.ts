/**
 * @module transform/template/render-scope
 * What changes from one render to the next: the functions `ref`, `source`, `config`, the value of
 * `this` and `is_incremental()`. Parse renders with capturing functions; compile renders with
 * resolving ones (STYLE.md §10).
 */
import type { ExecutionHooks } from './dbt/execution-hooks.js'

/** A template function: positional arguments, keyword arguments last (a `__keywords` object). */
export type TemplateFunction = (...args: unknown[]) => unknown

/** The per-render part of the template context. */
export interface RenderScope {
  /** `{{ ref('model') }}` / `{{ ref('package', 'model') }}`. */
  readonly ref: TemplateFunction
  /** `{{ source('source', 'table') }}`. */
  readonly source: TemplateFunction
  /** `{{ config(materialized='table') }}`; returns ''. */
  readonly config: TemplateFunction
  /** `config.get(key, default)` inside macros. */
  readonly configGet: (key: string, fallback?: unknown) => unknown
  /** `{{ this }}`. */
  readonly self: unknown
  /** `is_incremental()`. */
  readonly isIncremental: () => boolean
  /** `{{ model }}`: the node being rendered, as a plain object. */
  readonly model: Readonly<Record<string, unknown>>
  /** `execute`: false while parsing, true while compiling for a run. */
  readonly execute: boolean
  /** Var overrides for this render (unit tests). */
  readonly vars?: Readonly<Record<string, unknown>>
  /** Macro overrides for this render (unit tests: `overrides.macros`). */
  readonly macroOverrides?: Readonly<Record<string, unknown>>
  /**
   * `adapter.get_relation(database=, schema=, identifier=)`: the relation, or null when it does
   * not exist. Absent while parsing (dbt's parse-time `get_relation` returns None as well).
   */
  readonly getRelation?: (database: string, schema: string, identifier: string) => unknown
  /**
   * Warehouse access for `run_query`, `statement`, `adapter.get_columns_in_relation` at
   * execution time (see `dbt/execution-hooks.ts`). Absent while parsing and compiling.
   */
  readonly hooks?: ExecutionHooks
}

/** Splits host-style call arguments into positional ones and the keyword object. */
export function splitArgs(args: readonly unknown[]): {
  positional: unknown[]
  keywords: Record<string, unknown>
} {
  const last = args[args.length - 1]
  if (last !== null && typeof last === 'object' && '__keywords' in last) {
    const { __keywords: _k, ...keywords } = last as Record<string, unknown>
    return { positional: args.slice(0, -1), keywords }
  }
  return { positional: [...args], keywords: {} }
}

/** A keyword-argument object for calling a macro from code. */
export function keywords(values: Record<string, unknown>): Record<string, unknown> {
  return { ...values, __keywords: true }
}
