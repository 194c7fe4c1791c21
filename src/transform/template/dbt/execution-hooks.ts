/**
 * @module transform/template/dbt/execution-hooks
 * The seam through which templates reach the database at execution time: `run_query`,
 * `{% call statement(…) %}`/`load_result`, `adapter.get_columns_in_relation`, `adapter.execute`.
 * The template layer is pure and renders synchronously, so the hooks answer from results the
 * caller already has: when one is missing the hook returns `undefined`, the render stops with
 * a `pendingQuery`, and the caller runs that SQL (asynchronously, against the engine), remembers
 * the result and renders again. Renders are deterministic, so each retry gets one step further.
 *
 * Without hooks (parsing, `pitwall compile` with no warehouse), `run_query`/`load_result` return
 * None while `execute` is false — as in dbt, where introspective macros are guarded by
 * `{% if execute %}` — and fail with a clear error while it is true.
 */

/** A query result: dbt's agate table in its simplest form. */
export interface QueryResult {
  readonly columns: readonly string[]
  /** Column types as the engine names them (same order as `columns`), when known. */
  readonly types?: readonly string[]
  readonly rows: readonly (readonly unknown[])[]
}

/** A column of a relation (`adapter.get_columns_in_relation`). */
export interface ColumnInfo {
  readonly name: string
  readonly dataType: string
}

/** A relation a hook request is about. */
export interface HookRelation {
  readonly database: string
  readonly schema: string
  readonly identifier: string
}

/**
 * `adapter.changed_keys`: the keys of `sources` rows whose timestamp column is newer than the
 * newest `watermark` column value.
 */
export interface ChangedKeysQuestion {
  readonly watermark: { readonly relation: HookRelation; readonly column: string }
  readonly sources: readonly { readonly relation: HookRelation; readonly column: string }[]
  readonly key: string
}

/** What a render needs from the warehouse before it can go on. */
export type HookRequest =
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'columns'; readonly relation: HookRelation }
  | { readonly kind: 'drop'; readonly relation: HookRelation }
  | { readonly kind: 'changed-keys'; readonly question: ChangedKeysQuestion }

/** What a caller passes to let templates query the warehouse. */
export interface ExecutionHooks {
  /** The result of `sql`, or undefined when it has not been run yet. */
  query(sql: string): QueryResult | undefined
  /** The columns of a relation, or undefined when not fetched yet. */
  columns(database: string, schema: string, identifier: string): readonly ColumnInfo[] | undefined
  /** True once `adapter.drop_relation` of the relation has run; undefined before (optional). */
  dropped?(database: string, schema: string, identifier: string): boolean | undefined
  /**
   * The answer to `adapter.changed_keys`: the keys; null when the warehouse cannot answer it;
   * undefined when not asked yet (optional: absent means it cannot).
   */
  changedKeys?(question: ChangedKeysQuestion): readonly number[] | null | undefined
  /** Log lines from `log(msg, info=True)` / `print(msg)` (optional). */
  log?(message: string, info: boolean): void
}

/** How a request reads as text (`columns:<database>.<schema>.<identifier>` for a lookup). */
export function requestText(request: HookRequest): string {
  if (request.kind === 'query') return request.sql
  if (request.kind === 'changed-keys') return `changed-keys:${JSON.stringify(request.question)}`
  const r = request.relation
  return `${request.kind}:${r.database}.${r.schema}.${r.identifier}`
}

/** Thrown by a hook-backed call whose result is not available yet. */
export class PendingQuery extends Error {
  /** Not a template error: passes through error positioning untouched. */
  readonly jinjaPassThrough = true
  /** The SQL to run (or `columns:<database>.<schema>.<identifier>` for a column lookup). */
  readonly sql: string
  constructor(readonly request: HookRequest) {
    super(`the template needs the result of a query that has not run yet: ${requestText(request)}`)
    this.sql = requestText(request)
  }
}
