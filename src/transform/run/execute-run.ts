/**
 * @module transform/run/execute-run
 * The runner behind `build`, `run`, `test`, `seed` and `snapshot` (STYLE.md §11): selects nodes,
 * then runs them from a {@link GraphQueue} with at most `threads` at once. A node that errors (or
 * a test that fails, in `build`) skips everything downstream, and each skipped node's message
 * names the failure that caused it. Refuses to start while the project has errors.
 */
import { hasErrors } from '../../core/index.js'
import { compileNode } from '../compile/compile-node.js'
import { quoteIdent, relationKey } from '../template/relation.js'
import { buildDag } from '../graph/dag.js'
import { selectNodes, type SelectionContext } from '../graph/selector.js'
import { evaluateSelector } from '../graph/selector-definitions.js'
import type { MaterializeContext } from '../materialize/materialize-context.js'
import type { Warehouse } from '../materialize/warehouse.js'
import type { ParsedProject } from '../project/parse-project.js'
import { ProjectInvalidError } from '../transform-errors.js'
import { GraphQueue } from './graph-queue.js'
import { blocksDescendants, type NodeResult } from './node-result.js'
import { runNode } from './run-node.js'
import { runProjectHooks } from './run-hooks.js'
import { addTestEdges } from './test-edges.js'

/** The commands that execute nodes, and the resource types each runs. */
export const COMMAND_RESOURCES = {
  build: ['seed', 'model', 'snapshot', 'test', 'unit_test'],
  run: ['model'],
  test: ['test', 'unit_test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
} as const

/** A command that executes nodes. */
export type RunCommand = keyof typeof COMMAND_RESOURCES

/** Options of {@link executeRun}. */
export interface ExecuteOptions {
  readonly command: RunCommand
  readonly select?: readonly string[]
  readonly exclude?: readonly string[]
  /** A named selector of selectors.yml. */
  readonly selector?: string
  /** dbt's `--empty`: build every model from zero-row inputs (checks the SQL and the schemas). */
  readonly empty?: boolean
  /** Stop at the first error or failure: everything not started yet is skipped (dbt's `-x`). */
  readonly failFast?: boolean
  /** Microbatch backfill window (ISO dates). */
  readonly eventTimeStart?: string
  readonly eventTimeEnd?: string
  readonly fullRefresh?: boolean
  /** Nodes run at once (default: the target's threads). */
  readonly threads?: number
  readonly storeFailures?: boolean
  /** Saved manifest nodes (`state:`) and last statuses (`result:`). */
  readonly state?: SelectionContext['state']
  /** The macros of the saved manifest (`state:modified` follows macro edits). */
  readonly stateMacros?: SelectionContext['stateMacros']
  readonly results?: SelectionContext['results']
  /** Called when a node starts and when it ends. */
  readonly onNodeStart?: (uniqueId: string) => void
  readonly onNodeDone?: (result: NodeResult) => void
  /** The run's timestamp (ISO); now by default. */
  readonly now?: string
  /**
   * The relations that exist before the run (keys from `relationKey`; the CLI collects them from
   * the catalog), for `adapter.get_relation`. The run adds every relation it builds. Absent:
   * every relation is taken to exist.
   */
  readonly relations?: ReadonlySet<string>
}

/** The outcome of a run. */
export interface RunOutcome {
  readonly results: readonly NodeResult[]
  /** Seconds. */
  readonly elapsed: number
  /** True when nothing errored or failed. */
  readonly success: boolean
  readonly startedAt: string
}

/** Runs the selected nodes of `project` on `warehouse`. */
export async function executeRun(
  project: ParsedProject,
  warehouse: Warehouse,
  options: ExecuteOptions,
): Promise<RunOutcome> {
  if (hasErrors(project.diagnostics)) throw new ProjectInvalidError(project.diagnostics)
  const startedAt = new Date().toISOString()
  const t0 = performance.now()
  const dag = buildDag(project.nodes, Object.keys(project.sources))
  const selectionCtx: SelectionContext = {
    nodes: { ...project.nodes, ...project.sources },
    dag,
    ...(options.state === undefined ? {} : { state: options.state }),
    ...(options.results === undefined ? {} : { results: options.results }),
    macros: project.macros,
    ...(options.stateMacros === undefined ? {} : { stateMacros: options.stateMacros }),
  }
  const selected = selectNodes(selectionCtx, options.select, options.exclude, {
    resourceTypes: COMMAND_RESOURCES[options.command],
    ...(options.selector === undefined
      ? {}
      : { base: evaluateSelector(selectionCtx, project.selectors, options.selector) }),
  })
  const order = dag.order.filter((id) => selected.has(id))
  if (order.length === 0) {
    // Nothing selected: as dbt, no hooks and nothing written ("Nothing to do").
    return { results: [], elapsed: (performance.now() - t0) / 1000, success: true, startedAt }
  }
  const parents = new Map<string, string[]>()
  for (const id of order) parents.set(id, [...(dag.parents.get(id) ?? [])])
  if (options.command === 'build') addTestEdges(project, dag, order, parents)
  const queue = new GraphQueue(order, parents)
  const relations = options.relations === undefined ? undefined : new Set(options.relations)
  const ctx: MaterializeContext = {
    project,
    warehouse,
    ...(relations === undefined ? {} : { relations }),
    fullRefresh: options.fullRefresh === true,
    now: options.now ?? startedAt,
    empty: options.empty === true,
    ...(options.eventTimeStart === undefined ? {} : { eventTimeStart: options.eventTimeStart }),
    ...(options.eventTimeEnd === undefined ? {} : { eventTimeEnd: options.eventTimeEnd }),
  }
  const threads = Math.max(1, options.threads ?? project.target.threads)
  const now = options.now ?? startedAt
  const results: NodeResult[] = []
  const running = new Map<string, Promise<void>>()
  let stopped: string | undefined
  const freeThreads = Array.from({ length: threads }, (_, i) => `Thread-${i + 1}`)
  const finish = (r: NodeResult): void => {
    results.push(r)
    options.onNodeDone?.(r)
  }
  const start = (id: string): void => {
    const thread = freeThreads.shift() ?? 'Thread-1'
    options.onNodeStart?.(id)
    const node = project.nodes[id]!
    const absent = node.depends_on.nodes.filter(
      (d) => missing.has(d) && readsRelation(project, id, d, relations),
    )
    const run =
      absent.length === 0
        ? runNode(ctx, node, thread, { storeFailures: options.storeFailures === true, now })
        : Promise.resolve({
            ...skipped(id, absent.map((a) => missing.get(a)!).join('; ')),
            status: 'error' as const,
            thread_id: thread,
          })
    const p = run.then((r) => {
      if (
        relations !== undefined &&
        r.status === 'success' &&
        node.config.materialized !== 'ephemeral'
      ) {
        if (['model', 'seed', 'snapshot'].includes(node.resource_type))
          relations.add(relationKey(node.database, node.schema, node.alias))
      }
      finish(r)
      running.delete(id)
      freeThreads.push(thread)
      if (blocksDescendants(r, node.resource_type)) {
        const cause = `${r.status === 'fail' ? 'test failed' : 'errored'}: ${id}`
        for (const d of queue.pendingDescendants(id)) {
          queue.drop(d)
          finish(skipped(d, `skipped because an upstream node ${cause}`))
        }
      }
      if (options.failFast === true && (r.status === 'error' || r.status === 'fail') && !stopped) {
        stopped = `skipped: --fail-fast stopped the run after ${id} ${r.status === 'fail' ? 'failed' : 'errored'}`
      }
      queue.markDone(id)
    })
    running.set(id, p)
  }
  const missing = await missingSources(project, warehouse, order, relations)
  const startHooks = await runProjectHooks(project, warehouse, 'on-run-start')
  for (const r of startHooks) finish(r)
  const startFailed = startHooks.some((r) => r.status === 'error')
  if (startFailed) {
    for (const id of order) finish(skipped(id, 'skipped because an on-run-start hook failed'))
  }
  while (!startFailed) {
    while (running.size < threads) {
      const next = queue.take()
      if (next === undefined) break
      if (stopped !== undefined) {
        finish(skipped(next, stopped))
        queue.markDone(next)
        continue
      }
      start(next)
    }
    if (running.size === 0) break
    await Promise.race(running.values())
  }
  // Safety net: anything the queue never released is reported, never silently dropped.
  const reported = new Set(results.map((r) => r.unique_id))
  for (const id of order) {
    if (!reported.has(id))
      finish(
        skipped(
          id,
          'skipped: its dependencies never completed (dependency cycle in the run queue)',
        ),
      )
  }
  if (!startFailed) {
    for (const r of await runProjectHooks(project, warehouse, 'on-run-end')) finish(r)
  }
  const success = !results.some((r) => r.status === 'error' || r.status === 'fail')
  return { results, elapsed: (performance.now() - t0) / 1000, success, startedAt }
}

/** Sources the selected nodes read that do not exist, with the message their readers get. */
async function missingSources(
  project: ParsedProject,
  warehouse: Warehouse,
  order: readonly string[],
  relations: ReadonlySet<string> | undefined,
): Promise<Map<string, string>> {
  const used = new Set<string>()
  for (const id of order) {
    for (const d of project.nodes[id]!.depends_on.nodes) if (d.startsWith('source.')) used.add(d)
  }
  const missing = new Map<string, string>()
  for (const id of [...used].sort()) {
    const s = project.sources[id]!
    // The caller's set of existing relations answers without touching storage (a no-op build
    // opens no table); without one, ask the warehouse.
    const exists =
      relations !== undefined
        ? relations.has(relationKey(s.database, s.schema, s.identifier))
        : (await warehouse
            .describe({ database: s.database, schema: s.schema, identifier: s.identifier })
            .catch(() => undefined)) !== undefined
    if (!exists) {
      missing.set(
        id,
        `source ${s.source_name}.${s.name} does not exist yet (${s.database}.${s.schema}.${s.identifier}); load it first (pitwall load) or fix schema/identifier in ${s.original_file_path}`,
      )
    }
  }
  return missing
}

/**
 * Whether node `id` still reads the missing source `sourceId` once compiled against the existing
 * relations (a model may guard a missing source with `adapter.get_relation`).
 */
function readsRelation(
  project: ParsedProject,
  id: string,
  sourceId: string,
  relations: ReadonlySet<string> | undefined,
): boolean {
  if (relations === undefined) return true
  const s = project.sources[sourceId]!
  const r = compileNode(project, id, { relations })
  if (!r.ok) return true
  const name = [s.database, s.schema, s.identifier].map(quoteIdent).join('.').toLowerCase()
  return r.node.compiled_code.toLowerCase().includes(name)
}

function skipped(id: string, message: string): NodeResult {
  const now = new Date().toISOString()
  return {
    unique_id: id,
    status: 'skipped',
    thread_id: '',
    execution_time: 0,
    adapter_response: {},
    message,
    failures: null,
    compiled: false,
    compiled_code: null,
    relation_name: null,
    batch_results: null,
    timing: [{ name: 'execute', started_at: now, completed_at: now }],
  }
}
