/**
 * @module transform/compile/execution-loop
 * dbt runs introspective macros (`run_query`, `{% call statement %}`/`load_result`,
 * `adapter.get_columns_in_relation`, `adapter.drop_relation`) while it executes a node. pitwall's
 * renders are synchronous and pure, so execution-time compiles loop: render with the answers
 * known so far; when the render stops for one it lacks (`pending`), ask the warehouse through the
 * caller's {@link HookAnswerer}, remember the answer and render again. Renders are deterministic,
 * so each round gets one request further. Pure: the answerer does the I/O.
 */
import type { ParsedProject } from '../project/parse-project.js'
import {
  requestText,
  type ChangedKeysQuestion,
  type ColumnInfo,
  type ExecutionHooks,
  type HookRelation,
  type HookRequest,
  type QueryResult,
} from '../template/dbt/execution-hooks.js'
import { relationKey } from '../template/relation.js'
import {
  compileNode,
  renderInNode,
  type CompileOptions,
  type CompileResult,
  type RenderOutcome,
} from './compile-node.js'

/** Answers a render's requests against the warehouse (the runner backs it with its Warehouse). */
export interface HookAnswerer {
  query(sql: string): Promise<QueryResult>
  /** The relation's columns; none when it does not exist (as dbt). */
  columns(relation: HookRelation): Promise<readonly ColumnInfo[]>
  drop(relation: HookRelation): Promise<void>
  /** `adapter.changed_keys`; undefined (or absent) when the warehouse cannot answer it. */
  changedKeys?(question: ChangedKeysQuestion): Promise<readonly number[] | undefined>
  log?(message: string, info: boolean): void
}

/** At most this many warehouse round trips for one render (a loop that never settles is a bug). */
export const MAX_ROUNDS = 500

/** The answers one execution-time render has collected, served as {@link ExecutionHooks}. */
export class ExecutionAnswers implements ExecutionHooks {
  private readonly queries = new Map<string, QueryResult>()
  private readonly columnsOf = new Map<string, readonly ColumnInfo[]>()
  private readonly drops = new Set<string>()
  private readonly keys = new Map<string, readonly number[] | null>()

  constructor(private readonly answerer: HookAnswerer) {}

  query(sql: string): QueryResult | undefined {
    return this.queries.get(sql)
  }

  columns(database: string, schema: string, identifier: string): readonly ColumnInfo[] | undefined {
    return this.columnsOf.get(relationKey(database, schema, identifier))
  }

  dropped(database: string, schema: string, identifier: string): boolean | undefined {
    return this.drops.has(relationKey(database, schema, identifier)) ? true : undefined
  }

  changedKeys(question: ChangedKeysQuestion): readonly number[] | null | undefined {
    if (this.answerer.changedKeys === undefined) return null
    return this.keys.get(requestText({ kind: 'changed-keys', question }))
  }

  log(message: string, info: boolean): void {
    this.answerer.log?.(message, info)
  }

  /** Gets the answer to `request` from the warehouse and remembers it. */
  async fetch(request: HookRequest): Promise<void> {
    if (request.kind === 'query') {
      this.queries.set(request.sql, await this.answerer.query(request.sql))
      return
    }
    if (request.kind === 'changed-keys') {
      const keys = await this.answerer.changedKeys?.(request.question)
      this.keys.set(requestText(request), keys ?? null)
      return
    }
    const r = request.relation
    const key = relationKey(r.database, r.schema, r.identifier)
    if (request.kind === 'columns') this.columnsOf.set(key, await this.answerer.columns(r))
    else {
      await this.answerer.drop(r)
      this.drops.add(key)
    }
  }
}

/**
 * Runs `render` until it no longer waits for the warehouse: each `pending` request is answered
 * and the render tried again with every answer so far.
 */
export async function renderExecuting<
  T extends { readonly ok: boolean; readonly pending?: HookRequest },
>(answerer: HookAnswerer, render: (hooks: ExecutionHooks) => T): Promise<T> {
  const answers = new ExecutionAnswers(answerer)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = render(answers)
    if (r.ok || r.pending === undefined) return r
    await answers.fetch(r.pending)
  }
  throw new Error(`a render still needed the warehouse after ${MAX_ROUNDS} round trips`)
}

/** {@link compileNode} at execution time: introspective macros are answered by `answerer`. */
export function compileExecuting(
  project: ParsedProject,
  uniqueId: string,
  options: CompileOptions,
  answerer: HookAnswerer,
): Promise<CompileResult> {
  return renderExecuting(answerer, (hooks) => compileNode(project, uniqueId, { ...options, hooks }))
}

/** {@link renderInNode} (hooks of a node) at execution time. */
export function renderInNodeExecuting(
  project: ParsedProject,
  uniqueId: string,
  text: string,
  options: CompileOptions,
  answerer: HookAnswerer,
): Promise<RenderOutcome> {
  return renderExecuting(answerer, (hooks) =>
    renderInNode(project, uniqueId, text, { ...options, hooks }),
  )
}
