/**
 * @module transform/graph/selector-definitions
 * `selectors.yml` (dbt's YAML selectors, used with `--selector <name>`): a definition is a CLI
 * string (`tag:gold+`), a method block (`{method: tag, value: gold, children: true}`), or
 * `union` / `intersection` lists whose items may be `exclude` blocks. Pure.
 */
import { SelectorError } from '../transform-errors.js'
import { selectNodes, type SelectionContext } from './selector.js'

/** A named selector from selectors.yml. */
export interface SelectorDefinition {
  readonly name: string
  readonly description: string
  readonly definition: unknown
}

/** Reads the `selectors:` list of a parsed selectors.yml. */
export function parseSelectorsFile(value: unknown): SelectorDefinition[] {
  const list = (value as { selectors?: unknown } | null)?.selectors
  if (!Array.isArray(list)) return []
  return list
    .filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object')
    .filter((s) => typeof s['name'] === 'string')
    .map((s) => ({
      name: s['name'] as string,
      description: typeof s['description'] === 'string' ? s['description'] : '',
      definition: s['definition'],
    }))
}

/** Evaluates the selector `name` of `selectors` (no indirect test selection inside). */
export function evaluateSelector(
  ctx: SelectionContext,
  selectors: readonly SelectorDefinition[],
  name: string,
): Set<string> {
  const found = selectors.find((s) => s.name === name)
  if (found === undefined) {
    throw new SelectorError(
      `no selector named '${name}' in selectors.yml (it has: ${selectors.map((s) => s.name).join(', ') || 'none'})`,
    )
  }
  return evaluate(ctx, found.definition, name)
}

function evaluate(ctx: SelectionContext, def: unknown, where: string): Set<string> {
  const cli = (s: string) => selectNodes(ctx, [s], undefined, { indirectTests: false })
  if (typeof def === 'string') return cli(def)
  if (def === null || typeof def !== 'object' || Array.isArray(def)) {
    throw new SelectorError(
      `selector '${where}': a definition is a string, a method block, union or intersection`,
    )
  }
  const d = def as Record<string, unknown>
  if (Array.isArray(d['union'])) {
    const out = new Set<string>()
    const excluded = new Set<string>()
    for (const item of d['union']) {
      const ex = (item as Record<string, unknown> | null)?.['exclude']
      if (ex !== undefined) for (const id of unionOf(ctx, ex, where)) excluded.add(id)
      else for (const id of evaluate(ctx, item, where)) out.add(id)
    }
    return new Set([...out].filter((id) => !excluded.has(id)))
  }
  if (Array.isArray(d['intersection'])) {
    let acc: Set<string> | undefined
    for (const item of d['intersection']) {
      const s = evaluate(ctx, item, where)
      acc = acc === undefined ? s : new Set([...acc].filter((id) => s.has(id)))
    }
    return acc ?? new Set()
  }
  if (typeof d['method'] === 'string') {
    const value = String(d['value'] ?? '')
    const up =
      d['parents'] === true
        ? `${d['parents_depth'] === undefined ? '' : String(d['parents_depth'])}+`
        : ''
    const down =
      d['children'] === true
        ? `+${d['children_depth'] === undefined ? '' : String(d['children_depth'])}`
        : ''
    const at = d['childrens_parents'] === true ? '@' : ''
    const base = cli(`${at}${up}${d['method']}:${value}${down}`)
    if (d['exclude'] !== undefined) {
      const ex = unionOf(ctx, d['exclude'], where)
      return new Set([...base].filter((id) => !ex.has(id)))
    }
    return base
  }
  throw new SelectorError(
    `selector '${where}': unknown definition keys ${Object.keys(d).join(', ')}`,
  )
}

function unionOf(ctx: SelectionContext, value: unknown, where: string): Set<string> {
  const items = Array.isArray(value) ? value : [value]
  const out = new Set<string>()
  for (const item of items) for (const id of evaluate(ctx, item, where)) out.add(id)
  return out
}
