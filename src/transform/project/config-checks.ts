/**
 * @module transform/project/config-checks
 * Config mistakes a node would only hit when it runs (a merge without `unique_key`, an unknown
 * `incremental_strategy`, a microbatch model without `event_time`, a snapshot without `strategy`)
 * reported at parse time instead, pointing at the line that set the value: the file's
 * `{{ config() }}`, the schema YAML `config:`, or `dbt_project.yml`. Execution refuses to start
 * while any is an error, so the runner never finds them half-way through a build.
 */
import {
  makeDiagnostic,
  type DiagnosticCode,
  type DiagnosticParams,
  type SourcePosition,
} from '../../core/index.js'
import { projectConfigPath } from './config-tree.js'
import { locate } from './link-refs.js'
import type { ParseContext } from './parse-context.js'
import type { NodePatch } from './schema-types.js'
import type { ProjectNode } from './types.js'

/** The materializations a model may have. */
export const MODEL_MATERIALIZATIONS = ['view', 'table', 'ephemeral', 'incremental'] as const
/** The incremental strategies the engine runs. */
export const INCREMENTAL_STRATEGIES = ['append', 'merge', 'delete+insert', 'microbatch'] as const
/** The values of `on_schema_change`. */
export const ON_SCHEMA_CHANGE = [
  'ignore',
  'fail',
  'append_new_columns',
  'sync_all_columns',
] as const
/** The values of a microbatch model's `batch_size`. */
export const BATCH_SIZES = ['hour', 'day', 'month', 'year'] as const

/** Where a node's config came from, to point a diagnostic at the line that set a key. */
export interface ConfigSources {
  /** dbt_project.yml's tree for the node's resource type. */
  readonly tree: unknown
  readonly fqn: readonly string[]
  readonly patch?: NodePatch
  /** The merged `{{ config(...) }}` calls of the file. */
  readonly inFile?: Readonly<Record<string, unknown>>
}

/** One problem: its code and parameters, the message, and the config key it is about. */
interface Problem<C extends DiagnosticCode = DiagnosticCode> {
  readonly code: C
  readonly params: DiagnosticParams[C]
  readonly message: string
  /** Errors stop the run (the default); warnings are reported. */
  readonly severity?: 'error' | 'warn'
  /** The key whose setting is wrong (or, for a missing key, the one that made it required). */
  readonly key: string
}

const problem = <C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParams[C],
  key: string,
  message: string,
  severity: 'error' | 'warn' = 'error',
): Problem => ({ code, params, key, message, severity }) as Problem

/** Checks a model's or snapshot's merged config; appends an error per problem. */
export function checkNodeConfig(
  ctx: ParseContext,
  node: ProjectNode,
  sources: ConfigSources,
): void {
  const problems =
    node.resource_type === 'model'
      ? modelConfigProblems(node.config)
      : node.resource_type === 'snapshot'
        ? snapshotConfigProblems(node.config)
        : []
  for (const p of problems) {
    const where = configOrigin(ctx, node, sources, p.key)
    ctx.diagnostics.push(
      makeDiagnostic(
        p.code,
        p.params as never,
        `${node.resource_type} '${node.name}': ${p.message}`,
        {
          ...where,
          nodeId: node.unique_id,
          severity: p.severity ?? 'error',
        },
      ),
    )
  }
}

/** The problems of a model's config (materialization, incremental strategy and keys). */
export function modelConfigProblems(config: Readonly<Record<string, unknown>>): Problem[] {
  const out: Problem[] = []
  const mat = String(config['materialized'])
  if (!(MODEL_MATERIALIZATIONS as readonly string[]).includes(mat)) {
    out.push(
      problem(
        'materialization-unknown',
        { materialized: mat },
        'materialized',
        `unknown materialization '${mat}': use view, table, ephemeral or incremental (snapshots live in snapshots/)`,
      ),
    )
    return out
  }
  if (mat !== 'incremental') return out
  const keys = listOf(config['unique_key'])
  const strategy = config['incremental_strategy'] ?? (keys.length > 0 ? 'merge' : 'append')
  const s = String(strategy)
  if (!(INCREMENTAL_STRATEGIES as readonly string[]).includes(s)) {
    out.push(
      problem(
        'incremental-strategy-unknown',
        { strategy: s },
        'incremental_strategy',
        `incremental_strategy '${s}' is not supported: use append, merge, delete+insert or microbatch${s === 'insert_overwrite' ? ' (insert_overwrite is rejected on SQL warehouses too; replace it with merge)' : ''}`,
      ),
    )
  } else if ((s === 'merge' || s === 'delete+insert') && keys.length === 0) {
    out.push(
      problem(
        'unique-key-required',
        { strategy: s },
        'incremental_strategy',
        `incremental_strategy '${s}' needs a unique_key (one column or a list)`,
      ),
    )
  } else if (s === 'microbatch') {
    out.push(...microbatchProblems(config))
  }
  if (listOf(config['incremental_predicates']).length > 0 && s !== 'delete+insert') {
    out.push(
      problem(
        'incremental-predicates-ignored',
        { strategy: s },
        'incremental_predicates',
        `incremental_predicates narrow a delete+insert only; with '${s}' they would be ignored (use delete+insert, or filter the new rows in the model)`,
        'warn',
      ),
    )
  }
  const osc = config['on_schema_change']
  if (osc != null && !(ON_SCHEMA_CHANGE as readonly unknown[]).includes(osc)) {
    out.push(
      problem(
        'on-schema-change-invalid',
        { value: String(osc) },
        'on_schema_change',
        `on_schema_change must be ${ON_SCHEMA_CHANGE.join(', ')} (got '${String(osc)}')`,
      ),
    )
  }
  return out
}

function microbatchProblems(config: Readonly<Record<string, unknown>>): Problem[] {
  const out: Problem[] = []
  const bad = (key: string, reason: string) =>
    out.push(problem('microbatch-config-invalid', { key, reason }, key, `microbatch: ${reason}`))
  if (typeof config['event_time'] !== 'string' || config['event_time'] === '') {
    bad('event_time', 'needs event_time: the column that says when each row happened')
  }
  const size = config['batch_size']
  if (!(BATCH_SIZES as readonly unknown[]).includes(size)) {
    bad(
      'batch_size',
      `needs batch_size: hour, day, month or year (got ${JSON.stringify(size ?? null)})`,
    )
  }
  const begin = config['begin']
  if (begin === undefined || begin === null || begin === '') {
    bad('begin', 'needs begin (e.g. "2024-01-01"): where its first run starts')
  } else if (Number.isNaN(beginDate(begin).getTime())) {
    bad('begin', `begin is not a date: ${String(begin)}`)
  }
  const lookback = config['lookback']
  if (
    lookback != null &&
    (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 0)
  ) {
    bad(
      'lookback',
      `lookback must be a whole number of batches ≥ 0 (got ${JSON.stringify(lookback)})`,
    )
  }
  return out
}

/** A microbatch `begin` value as a date (a bare date is midnight UTC). */
export function beginDate(begin: unknown): Date {
  const text = begin instanceof Date ? begin.toISOString() : String(begin)
  return new Date(`${text}${text.length <= 10 ? 'T00:00:00Z' : ''}`)
}

/** The problems of a snapshot's config (strategy, unique_key, updated_at, hard_deletes). */
export function snapshotConfigProblems(config: Readonly<Record<string, unknown>>): Problem[] {
  const out: Problem[] = []
  const bad = (key: string, reason: string) =>
    out.push(problem('snapshot-config-invalid', { key, reason }, key, reason))
  const strategy = config['strategy']
  if (strategy !== 'timestamp' && strategy !== 'check') {
    bad(
      'strategy',
      `strategy must be 'timestamp' or 'check' (got ${JSON.stringify(strategy ?? null)})`,
    )
  }
  if (listOf(config['unique_key']).length === 0) {
    bad('unique_key', 'a snapshot needs unique_key (a column or a list of columns)')
  }
  if (
    strategy === 'timestamp' &&
    (typeof config['updated_at'] !== 'string' || config['updated_at'] === '')
  ) {
    bad(
      'updated_at',
      'the timestamp strategy needs updated_at: the column that says when a row last changed',
    )
  }
  const hd = config['hard_deletes']
  if (hd != null && hd !== 'ignore' && hd !== 'invalidate' && hd !== 'new_record') {
    bad(
      'hard_deletes',
      `hard_deletes must be ignore, invalidate or new_record (got ${JSON.stringify(hd)})`,
    )
  }
  return out
}

/** A string or list config as a list of strings ('' and null are empty). */
export function listOf(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return []
  return Array.isArray(v) ? v.map(String) : [String(v)]
}

/** The file and line that set `key` for `node` (or the node's own file when nothing did). */
function configOrigin(
  ctx: ParseContext,
  node: ProjectNode,
  sources: ConfigSources,
  key: string,
): { file: string; at?: SourcePosition } {
  const own = { file: node.original_file_path }
  if (sources.inFile !== undefined && key in sources.inFile) {
    const at = locateKey(node.raw_code, key)
    return at === undefined ? own : { ...own, at }
  }
  const patch = sources.patch
  if (patch !== undefined && key in patch.config) {
    const at = patch.configAt?.[key] ?? patch.at
    return { file: patch.file, ...(at === undefined ? {} : { at }) }
  }
  const path = projectConfigPath(sources.tree, sources.fqn, key)
  if (path !== undefined) {
    const section = sectionOf(ctx, node)
    const at = section === undefined ? undefined : ctx.projectYaml.positionOf([section, ...path])
    return { file: 'dbt_project.yml', ...(at === undefined ? {} : { at }) }
  }
  // A missing key: point at whatever made the node what it is (`config(` in the file).
  const call = locateKey(node.raw_code, 'config')
  return call === undefined ? own : { ...own, at: call }
}

function sectionOf(ctx: ParseContext, node: ProjectNode): string | undefined {
  if (node.resource_type === 'model') return 'models'
  if (node.resource_type === 'snapshot') return 'snapshots'
  if (node.resource_type === 'seed') return 'seeds'
  if (node.resource_type === 'test')
    return Object.keys(ctx.config.data_tests).length > 0 ? 'data_tests' : 'tests'
  return undefined
}

/** The first `key` written as a word in `text` (`unique_key=`, `'unique_key':`). */
function locateKey(text: string, key: string): SourcePosition | undefined {
  const quoted = locate(text, key)
  if (quoted !== undefined) return quoted
  const pattern = new RegExp(`\\b${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.search(pattern)
    if (col >= 0) return { line: i + 1, column: col + 1 }
  }
  return undefined
}
