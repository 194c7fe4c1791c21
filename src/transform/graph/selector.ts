/**
 * @module transform/graph/selector
 * dbt's node selection over the manifest graph: `--select` / `--exclude` with graph operators
 * (`+m`, `m+`, `2+m+1`, `@m`), methods (`tag:`, `path:`, `fqn:`, `source:`, `resource_type:`,
 * `config.<key>:`, `test_type:`, `state:modified|new`, `result:<status>`), space = union and
 * comma = intersection. Pure: the saved manifest and last run results are passed in as data.
 */
import { SelectorError } from '../transform-errors.js'
import { ancestors, descendants, type Dag } from './dag.js'

/** The fields of a node the selector looks at. */
export interface SelectableNode {
  readonly unique_id: string
  readonly resource_type: string
  readonly name: string
  readonly fqn: readonly string[]
  readonly original_file_path: string
  readonly tags: readonly string[]
  readonly config: Readonly<Record<string, unknown>>
  readonly checksum?: { readonly checksum: string }
  readonly test_metadata?: unknown
  readonly source_name?: string
  readonly package_name: string
  /** For tests: the node they test. */
  readonly attached_node?: string | null
  readonly depends_on?: { readonly macros?: readonly string[] }
}

/** Everything a selection may consult. */
export interface SelectionContext {
  /** Nodes and sources by unique id. */
  readonly nodes: Readonly<Record<string, SelectableNode>>
  readonly dag: Dag
  /** The nodes of a saved manifest (`state:`). */
  readonly state?: Readonly<Record<string, { checksum?: { checksum: string }; config?: unknown }>>
  /** Macro texts now and in the saved manifest, by id (`state:modified` follows macro edits). */
  readonly macros?: Readonly<Record<string, { macro_sql: string }>>
  readonly stateMacros?: Readonly<Record<string, { macro_sql: string }>>
  /** The last run's statuses by unique id (`result:`). */
  readonly results?: Readonly<Record<string, string>>
}

/** Options of {@link selectNodes}. */
export interface SelectOptions {
  /** Keep only these resource types (the command's: `run` → models). */
  readonly resourceTypes?: readonly string[]
  /** Nodes a `--selector` chose; intersected with `select` when both are given. */
  readonly base?: ReadonlySet<string>
  /** Add the tests of selected nodes (dbt's eager indirect selection). Default true. */
  readonly indirectTests?: boolean
}

/** Selects node ids; no `select` means everything. Throws {@link SelectorError} on bad input. */
export function selectNodes(
  ctx: SelectionContext,
  select: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  options: SelectOptions = {},
): Set<string> {
  const all = Object.keys(ctx.nodes)
  let chosen =
    select === undefined || select.length === 0 ? new Set(all) : evaluateUnion(ctx, select)
  if (options.base !== undefined) {
    const base = options.base
    chosen = new Set([...chosen].filter((id) => base.has(id)))
  }
  if (options.indirectTests !== false) {
    for (const id of all) {
      const n = ctx.nodes[id]!
      if (chosen.has(id)) continue
      const attached = n.attached_node
      if (n.resource_type === 'unit_test') {
        if (attached != null && chosen.has(attached)) chosen.add(id)
        continue
      }
      if (n.resource_type !== 'test') continue
      const parents = ctx.dag.parents.get(id) ?? []
      if (parents.some((p) => chosen.has(p))) chosen.add(id)
    }
  }
  if (exclude !== undefined && exclude.length > 0) {
    const excluded = evaluateUnion(ctx, exclude)
    chosen = new Set([...chosen].filter((id) => !excluded.has(id)))
  }
  if (options.resourceTypes !== undefined) {
    const types = new Set(options.resourceTypes)
    chosen = new Set([...chosen].filter((id) => types.has(ctx.nodes[id]!.resource_type)))
  }
  return chosen
}

function evaluateUnion(ctx: SelectionContext, args: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (const arg of args.flatMap((a) => a.split(/\s+/)).filter((a) => a !== '')) {
    const parts = arg.split(',')
    let acc: Set<string> | undefined
    for (const part of parts) {
      const s = evaluateTerm(ctx, part)
      acc = acc === undefined ? s : new Set([...acc].filter((x) => s.has(x)))
    }
    for (const id of acc ?? []) out.add(id)
  }
  return out
}

const TERM = /^(@)?(?:(\d*)\+)?([^+]+?)(?:\+(\d*))?$/

function evaluateTerm(ctx: SelectionContext, term: string): Set<string> {
  const m = TERM.exec(term)
  if (m === null) throw new SelectorError(`cannot parse selector '${term}'`)
  const [, at, up, body, down] = m
  const hasUp = term.replace(/^@/, '').match(/^\d*\+/) !== null
  const hasDown = /\+\d*$/.test(term)
  if (at !== undefined && (hasUp || hasDown)) {
    throw new SelectorError(`'@' cannot be combined with '+' in '${term}'`)
  }
  const base = matchMethod(ctx, body!)
  const out = new Set(base)
  for (const id of base) {
    if (hasUp) for (const a of ancestors(ctx.dag, id, depth(up))) out.add(a)
    if (hasDown || at !== undefined) {
      for (const d of descendants(ctx.dag, id, depth(down))) out.add(d)
    }
  }
  if (at !== undefined) {
    for (const id of [...out]) for (const a of ancestors(ctx.dag, id)) out.add(a)
  }
  return out
}

function depth(s: string | undefined): number {
  return s === undefined || s === '' ? Infinity : Number(s)
}

function matchMethod(ctx: SelectionContext, body: string): Set<string> {
  const colon = body.indexOf(':')
  const method = colon < 0 ? '' : body.slice(0, colon)
  const value = colon < 0 ? body : body.slice(colon + 1)
  const nodes = Object.values(ctx.nodes)
  const pick = (pred: (n: SelectableNode) => boolean): Set<string> =>
    new Set(nodes.filter(pred).map((n) => n.unique_id))
  if (method === '') {
    if (value.includes('/') || value.endsWith('.sql')) return matchMethod(ctx, `path:${value}`)
    const g = glob(value)
    return pick((n) => n.resource_type !== 'source' && (g.test(n.name) || fqnMatches(n, value)))
  }
  if (method === 'tag') return pick((n) => n.tags.some((t) => glob(value).test(t)))
  if (method === 'path') {
    const v = value.replace(/^\.\//, '').replace(/\/$/, '')
    return pick((n) => n.original_file_path === v || n.original_file_path.startsWith(`${v}/`))
  }
  if (method === 'fqn') return pick((n) => fqnMatches(n, value))
  if (method === 'resource_type') return pick((n) => n.resource_type === value)
  if (method === 'package') return pick((n) => n.package_name === value)
  if (method === 'source') {
    const [s, t] = value.split('.')
    return pick(
      (n) =>
        n.resource_type === 'source' &&
        glob(s!).test(n.source_name ?? '') &&
        (t === undefined || glob(t).test(n.name)),
    )
  }
  if (method === 'test_type') {
    const kinds: Record<string, (n: SelectableNode) => boolean> = {
      unit: (n) => n.resource_type === 'unit_test',
      data: (n) => n.resource_type === 'test',
      generic: (n) => n.resource_type === 'test' && n.test_metadata !== undefined,
      singular: (n) => n.resource_type === 'test' && n.test_metadata === undefined,
    }
    const f = kinds[value]
    if (f === undefined)
      throw new SelectorError(`test_type must be unit, data, generic or singular (got '${value}')`)
    return pick(f)
  }
  if (method.startsWith('config.')) {
    const key = method.slice('config.'.length)
    return pick((n) => {
      const v = n.config[key]
      return Array.isArray(v) ? v.map(String).includes(value) : String(v) === value
    })
  }
  if (method === 'state') return matchState(ctx, value, pick)
  if (method === 'result') {
    if (ctx.results === undefined) {
      throw new SelectorError(`'result:${value}' needs the last run's results`, {
        hint: 'Run a command first (it writes target/run_results.json), or pass --state <dir> holding run_results.json.',
      })
    }
    const results = ctx.results
    return pick((n) => results[n.unique_id] === value)
  }
  throw new SelectorError(`unknown selector method '${method}' in '${body}'`)
}

function matchState(
  ctx: SelectionContext,
  value: string,
  pick: (pred: (n: SelectableNode) => boolean) => Set<string>,
): Set<string> {
  const state = ctx.state
  if (state === undefined) {
    throw new SelectorError(`'state:${value}' needs a saved manifest`, {
      hint: 'Pass --state <dir> pointing at a folder with the manifest.json of an earlier run.',
    })
  }
  const isNew = (n: SelectableNode) =>
    n.resource_type !== 'source' && state[n.unique_id] === undefined
  const body = (n: SelectableNode) =>
    state[n.unique_id] !== undefined &&
    state[n.unique_id]!.checksum?.checksum !== n.checksum?.checksum
  const configs = (n: SelectableNode) =>
    state[n.unique_id] !== undefined &&
    JSON.stringify(state[n.unique_id]!.config ?? null) !== JSON.stringify(n.config)
  const changedMacros = new Set(
    Object.entries(ctx.macros ?? {})
      .filter(
        ([id, m]) =>
          ctx.stateMacros !== undefined && ctx.stateMacros[id]?.macro_sql !== m.macro_sql,
      )
      .map(([id]) => id),
  )
  const macrosChanged = (n: SelectableNode) =>
    state[n.unique_id] !== undefined &&
    (n.depends_on?.macros ?? []).some((m) => changedMacros.has(m))
  switch (value) {
    case 'modified.macros':
      return pick(macrosChanged)
    case 'new':
      return pick(isNew)
    case 'modified':
      return pick(
        (n) =>
          n.resource_type !== 'source' && (isNew(n) || body(n) || configs(n) || macrosChanged(n)),
      )
    case 'modified.body':
      return pick(body)
    case 'modified.configs':
      return pick(configs)
    default:
      throw new SelectorError(
        `state selector must be new, modified, modified.body, modified.configs or modified.macros (got '${value}')`,
      )
  }
}

function fqnMatches(n: SelectableNode, value: string): boolean {
  const parts = value.split('.')
  const fqn = n.fqn
  const tryAt = (offset: number) =>
    parts.length <= fqn.length - offset && parts.every((p, i) => glob(p).test(fqn[offset + i]!))
  // A single part also matches the node's own name (dbt's unqualified-name rule).
  const ownName = parts.length === 1 && glob(parts[0]!).test(fqn[fqn.length - 1] ?? '')
  return ownName || tryAt(0) || tryAt(1)
}

function glob(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.')
  return new RegExp(`^${re}$`)
}
