/**
 * @module transform/compile/compile-node
 * The compile phase (STYLE.md §10): renders one node's final SQL with resolved relation names
 * (`"catalog"."schema"."table"`), ephemeral parents inlined as CTEs, `this` and
 * `is_incremental()` bound. Pure: whether the target exists is passed in.
 */
import { makeDiagnostic, type Diagnostic } from '../../core/index.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode, SourceNode } from '../project/types.js'
import { isBareCall } from '../project/generic-tests.js'
import { CteRelation, Relation, relationKey } from '../template/relation.js'
import { keywords, splitArgs, type RenderScope } from '../template/render-scope.js'
import {
  PendingQuery,
  type ExecutionHooks,
  type HookRequest,
} from '../template/dbt/execution-hooks.js'
import { injectCtes, type ExtraCte } from './inject-ctes.js'

/** Options of {@link compileNode}. */
export interface CompileOptions {
  /** The value of `is_incremental()` (the runner knows whether the table exists). */
  readonly isIncremental?: boolean
  /** Render this text in the node's scope instead of its code (hooks). */
  readonly text?: string
  /** Replace a referenced node's relation (unit tests feed fixture CTEs this way). */
  readonly relationOverride?: (uniqueId: string) => string | undefined
  readonly vars?: Readonly<Record<string, unknown>>
  readonly macroOverrides?: Readonly<Record<string, unknown>>
  /**
   * A microbatch window: refs to nodes with an `event_time` config render as that node filtered
   * to `[start, end)` (SQL timestamp literals).
   */
  readonly eventTimeWindow?: { readonly start: string; readonly end: string }
  /** dbt's `--empty`: every ref and source reads zero rows (a schema-only dry run). */
  readonly empty?: boolean
  /**
   * The relations that exist in the warehouse (keys from {@link relationKey}), collected by the
   * caller: `adapter.get_relation` answers from it. Without it every relation is taken to exist.
   */
  readonly relations?: ReadonlySet<string>
  /**
   * Warehouse answers for introspective macros (`run_query`, `statement`,
   * `adapter.get_columns_in_relation`, `adapter.drop_relation`) at execution time. A render that
   * needs one it does not have stops with `pending` (see `execution-loop.ts`).
   */
  readonly hooks?: ExecutionHooks
}

/** A compiled node. */
export interface CompiledNode {
  readonly unique_id: string
  /** The SQL to run (for a test: the query returning failing rows). */
  readonly compiled_code: string
  /** Where the node's result lives, or null (tests, ephemeral models). */
  readonly relation_name: string | null
  readonly extra_ctes: readonly ExtraCte[]
  /**
   * The `config()` calls a generic test's macro made while rendering (dbt_utils' `equal_rowcount`
   * sets `fail_calc` this way): defaults for what the test's YAML and project config leave unset.
   */
  readonly config_calls?: Readonly<Record<string, unknown>>
}

/** A compile outcome: the node or the diagnostic explaining why not. */
export type CompileResult =
  | { readonly ok: true; readonly node: CompiledNode }
  | {
      readonly ok: false
      readonly diagnostic: Diagnostic
      /** The warehouse answer the render stopped for (with `hooks` only). */
      readonly pending?: HookRequest
    }

/** The relation a node or source is stored as. */
export function relationOf(node: ProjectNode | SourceNode): Relation {
  if (node.resource_type === 'source')
    return new Relation(node.database, node.schema, node.identifier)
  if (node.config.materialized === 'ephemeral') return new CteRelation(node.name)
  return new Relation(node.database, node.schema, node.alias)
}

/** Compiles `uniqueId` of `project`. */
export function compileNode(
  project: ParsedProject,
  uniqueId: string,
  options: CompileOptions = {},
): CompileResult {
  const ctes: ExtraCte[] = []
  const r = renderNode(project, uniqueId, options, ctes, new Set())
  if (!r.ok) return r
  const calls = r.configCalls
  const node = project.nodes[uniqueId]!
  const isRelation =
    ['model', 'seed', 'snapshot'].includes(node.resource_type) &&
    node.config.materialized !== 'ephemeral'
  return {
    ok: true,
    node: {
      unique_id: uniqueId,
      compiled_code: injectCtes(r.sql, ctes),
      relation_name: isRelation ? relationOf(node).render() : null,
      extra_ctes: ctes,
      ...(calls === undefined || Object.keys(calls).length === 0 ? {} : { config_calls: calls }),
    },
  }
}

function renderNode(
  project: ParsedProject,
  uniqueId: string,
  options: CompileOptions,
  ctes: ExtraCte[],
  visiting: Set<string>,
): RenderOutcome {
  const node = project.nodes[uniqueId]
  if (node === undefined) throw new Error(`compileNode: unknown node ${uniqueId}`)
  // A ref or source the parse did not capture (behind `{% if execute %}`, built from a variable)
  // and that does not exist: reported with the parse-time code, at the line of the call.
  let unknown:
    { kind: 'ref'; name: string } | { kind: 'source'; source: string; table: string } | undefined
  const byName = (name: string) => nameIndex(project).get(name)
  const resolve = (target: ProjectNode | SourceNode): unknown => {
    const override = options.relationOverride?.(target.unique_id)
    if (override !== undefined) return override
    if (target.resource_type === 'model' && target.config.materialized === 'ephemeral') {
      if (!ctes.some((c) => c.id === target.unique_id) && !visiting.has(target.unique_id)) {
        visiting.add(target.unique_id)
        const inner = renderNode(
          project,
          target.unique_id,
          {
            ...(options.relations === undefined ? {} : { relations: options.relations }),
            ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
          },
          ctes,
          visiting,
        )
        if (!inner.ok && inner.pending !== undefined) throw new PendingQuery(inner.pending)
        if (!inner.ok)
          throw new Error(`ephemeral model ${target.name} failed: ${inner.diagnostic.message}`)
        ctes.push({ id: target.unique_id, name: target.name, sql: inner.sql })
      }
    }
    const rel = relationOf(target)
    if (options.empty === true && !(rel instanceof CteRelation)) {
      return `(select * from ${rel.render()} where false limit 0)`
    }
    const eventTime = target.resource_type === 'source' ? undefined : target.config['event_time']
    if (options.eventTimeWindow !== undefined && typeof eventTime === 'string') {
      const w = options.eventTimeWindow
      return `(select * from ${rel.render()} where ${eventTime} >= ${w.start} and ${eventTime} < ${w.end})`
    }
    return rel
  }
  const scope: RenderScope = {
    ref: (...args) => {
      const { positional } = splitArgs(args)
      const name = String(positional[positional.length - 1])
      const target = byName(name)
      if (target === undefined) {
        unknown = { kind: 'ref', name }
        throw new Error(`ref('${name}'): no model, seed or snapshot is named '${name}'`)
      }
      return resolve(target)
    },
    source: (...args) => {
      const { positional } = splitArgs(args)
      const id = `source.${project.name}.${String(positional[0])}.${String(positional[1])}`
      const s = project.sources[id]
      if (s === undefined) {
        unknown = { kind: 'source', source: String(positional[0]), table: String(positional[1]) }
        throw new Error(
          `source('${String(positional[0])}', '${String(positional[1])}') is not declared in any sources.yml`,
        )
      }
      return resolve(s)
    },
    config: () => '',
    configGet: (key, fallback) => node.config[key] ?? fallback,
    self: relationOf(node),
    isIncremental: () => options.isIncremental === true,
    model: { ...node, config: node.config },
    execute: true,
    ...(options.vars === undefined ? {} : { vars: options.vars }),
    ...(options.macroOverrides === undefined ? {} : { macroOverrides: options.macroOverrides }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    getRelation: (database, schema, identifier) =>
      options.relations === undefined ||
      options.relations.has(relationKey(database, schema, identifier))
        ? new Relation(database, schema, identifier)
        : null,
  }
  if (node.test_metadata !== undefined && options.text === undefined) {
    try {
      const configCalls: Record<string, unknown> = {}
      const sql = renderGenericTest(project, node, {
        ...scope,
        config: (...args) => {
          const { positional, keywords: kw } = splitArgs(args)
          const first = positional[0]
          if (first !== null && typeof first === 'object' && !Array.isArray(first))
            Object.assign(configCalls, first)
          Object.assign(configCalls, kw)
          return ''
        },
      })
      return { ok: true, sql, configCalls }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return {
        ok: false,
        ...(error instanceof PendingQuery ? { pending: error.request } : {}),
        diagnostic: makeDiagnostic(
          'template-render-error',
          { reason },
          `test ${node.name}: ${reason}`,
          {
            file: node.original_file_path,
            nodeId: node.unique_id,
          },
        ),
      }
    }
  }
  const r = project.engine.render(
    node.original_file_path,
    options.text ?? node.raw_code,
    scope,
    node.unique_id,
  )
  if (r.ok) return { ok: true, sql: r.sql.trim() }
  if (r.pending !== undefined) return { ok: false, diagnostic: r.diagnostic, pending: r.pending }
  return unknown === undefined
    ? r
    : { ok: false, diagnostic: unknownDiagnostic(node, unknown, r.diagnostic) }
}

/** A render's outcome: the SQL, or why not (and the warehouse answer it waits for, if any). */
export type RenderOutcome =
  | { ok: true; sql: string; configCalls?: Record<string, unknown> }
  | { ok: false; diagnostic: Diagnostic; pending?: HookRequest }

/** The parse-time diagnostic of a ref or source found missing only while compiling. */
function unknownDiagnostic(
  node: ProjectNode,
  unknown: { kind: 'ref'; name: string } | { kind: 'source'; source: string; table: string },
  rendered: Diagnostic,
): Diagnostic {
  const where = {
    file: node.original_file_path,
    nodeId: node.unique_id,
    ...(rendered.at === undefined ? {} : { at: rendered.at }),
  }
  return unknown.kind === 'ref'
    ? makeDiagnostic(
        'ref-not-found',
        { name: unknown.name },
        `${node.resource_type} '${node.name}' refers to '${unknown.name}', which is not a model, seed or snapshot of this project (or is disabled)`,
        where,
      )
    : makeDiagnostic(
        'source-not-found',
        { source: unknown.source, table: unknown.table },
        `${node.resource_type} '${node.name}' uses source '${unknown.source}.${unknown.table}', which no sources.yml declares`,
        where,
      )
}

/** Renders hook SQL (`pre_hook`, `post_hook`) in the scope of `uniqueId`. */
export function renderInNode(
  project: ParsedProject,
  uniqueId: string,
  text: string,
  options: CompileOptions = {},
): RenderOutcome {
  return renderNode(project, uniqueId, { ...options, text }, [], new Set())
}

const NAME_INDEX = new WeakMap<ParsedProject, Map<string, ProjectNode>>()

/** Models, seeds and snapshots by name (built once per project). */
function nameIndex(project: ParsedProject): Map<string, ProjectNode> {
  let index = NAME_INDEX.get(project)
  if (index === undefined) {
    index = new Map()
    for (const n of Object.values(project.nodes)) {
      if (['model', 'seed', 'snapshot'].includes(n.resource_type)) index.set(n.name, n)
    }
    NAME_INDEX.set(project, index)
  }
  return index
}

/**
 * Calls a generic test's macro as dbt does: its arguments rendered with dbt's native renderer
 * (`ref('x')` and `{{ get_where_subquery(ref('m')) }}` become Relations, lists stay lists,
 * `column_name` stays text), and `config.get('where')` rendered for `get_where_subquery`.
 */
function renderGenericTest(project: ParsedProject, node: ProjectNode, scope: RenderScope): string {
  const meta = node.test_metadata!
  const engine = project.engine
  const macro =
    engine.macro(`test_${meta.name}`, meta.namespace ?? undefined) ??
    engine.macro(`test_${meta.name}`)
  if (macro === undefined) throw new Error(`no test macro test_${meta.name}`)
  const where = node.config['where']
  let testScope = scope
  const native = (v: unknown, top: string | null): unknown => {
    if (typeof v === 'string') {
      if (top === 'column_name') return v
      const text = isBareCall(v) ? `{{ ${v} }}` : v
      if (!text.includes('{{') && !text.includes('{%')) return v
      const r = engine.renderNative(node.original_file_path, text, testScope, node.unique_id)
      if (!r.ok && r.pending !== undefined) throw new PendingQuery(r.pending)
      if (!r.ok) throw new Error(r.diagnostic.message)
      return r.value
    }
    if (Array.isArray(v)) return v.map((x) => native(x, null))
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, native(x, null)]))
    }
    return v
  }
  if (typeof where === 'string' && where !== '') {
    // dbt renders a test's configs before it runs: `where` may use var() or ref().
    const rendered = String(native(where, null))
    testScope = {
      ...scope,
      configGet: (key, fallback) => (key === 'where' ? rendered : scope.configGet(key, fallback)),
    }
  }
  const args: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(meta.kwargs)) args[k] = native(v, k)
  const out = engine.withScope(testScope, () => macro(keywords(args)))
  return String(out).trim()
}
