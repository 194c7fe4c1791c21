/**
 * @module transform/project/config-tree
 * Node configuration with dbt's precedence: defaults < `dbt_project.yml` (the deeper the path, the
 * later) < `config:` in schema YAML < `{{ config(...) }}` in the file. `tags` add up and `meta`
 * merges, as in dbt; every other key is replaced by the later source.
 */

/** Config keys the engine understands (others are kept and reported as warnings). */
export const KNOWN_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'enabled',
  'materialized',
  'schema',
  'database',
  'alias',
  'tags',
  'meta',
  'docs',
  'group',
  'access',
  'persist_docs',
  'contract',
  'grants',
  'pre_hook',
  'post_hook',
  'pre-hook',
  'post-hook',
  'full_refresh',
  'unique_key',
  'incremental_strategy',
  'on_schema_change',
  'partition_by',
  'zorder_by',
  'tblproperties',
  'merge_update_columns',
  'merge_exclude_columns',
  'incremental_predicates',
  'event_time',
  'sql_header',
  'file_format',
  'location_root',
  'cluster_by',
  'liquid_clustered_by',
  'quoting',
  'column_types',
  'delimiter',
  'quote_columns',
  'strategy',
  'updated_at',
  'check_cols',
  'hard_deletes',
  'invalidate_hard_deletes',
  'dbt_valid_to_current',
  'snapshot_meta_column_names',
  'target_schema',
  'target_database',
  'severity',
  'warn_if',
  'error_if',
  'fail_calc',
  'where',
  'limit',
  'store_failures',
  'store_failures_as',
  'batch_size',
  'lookback',
  'begin',
  'packages',
  'description',
  'loaded_at_field',
  'freshness',
  'format',
])

/** Keys whose value is itself a dict (so `tblproperties:` in dbt_project.yml is a config). */
const DICT_KEYS = new Set([
  'meta',
  'tblproperties',
  'persist_docs',
  'contract',
  'grants',
  'docs',
  'column_types',
  'quoting',
  'snapshot_meta_column_names',
  'freshness',
])

/** One configuration layer: key → value. */
export type ConfigLayer = Readonly<Record<string, unknown>>

/** Normalises a key: drops dbt_project's `+`, `pre-hook` → `pre_hook`. */
export function normaliseKey(key: string): string {
  const k = key.startsWith('+') ? key.slice(1) : key
  return k === 'pre-hook' ? 'pre_hook' : k === 'post-hook' ? 'post_hook' : k
}

/**
 * The layers that `dbt_project.yml`'s `models:` (or `seeds:`, …) tree contributes to the node
 * with `fqn`, outermost first.
 */
export function projectLayers(tree: unknown, fqn: readonly string[]): ConfigLayer[] {
  const layers: ConfigLayer[] = []
  let node: unknown = tree
  for (let depth = 0; depth <= fqn.length; depth++) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) break
    const layer: Record<string, unknown> = {}
    let next: unknown
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const isConfig =
        key.startsWith('+') ||
        (KNOWN_CONFIG_KEYS.has(key) &&
          (DICT_KEYS.has(key) ||
            value === null ||
            typeof value !== 'object' ||
            Array.isArray(value)))
      if (isConfig) layer[normaliseKey(key)] = value
      else if (depth < fqn.length && key === fqn[depth]) next = value
    }
    // The top level of dbt_project.yml's tree is keyed by project name: configs there apply too.
    if (depth > 0 || Object.keys(layer).length > 0) layers.push(layer)
    node = next
  }
  return layers
}

/**
 * The YAML path (inside the tree) of the deepest `dbt_project.yml` setting of `key` that applies
 * to the node with `fqn` (`['pitwall', 'silver', '+incremental_strategy']`), for diagnostics.
 */
export function projectConfigPath(
  tree: unknown,
  fqn: readonly string[],
  key: string,
): string[] | undefined {
  let found: string[] | undefined
  let node: unknown = tree
  const path: string[] = []
  for (let depth = 0; depth <= fqn.length; depth++) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) break
    const entries = node as Record<string, unknown>
    for (const raw of [`+${key}`, key]) if (raw in entries) found = [...path, raw]
    if (depth === fqn.length) break
    const next = fqn[depth]!
    if (!(next in entries)) break
    path.push(next)
    node = entries[next]
  }
  return found
}

/** Merges layers in order with dbt's rules (tags union, meta merge, others replace). */
export function mergeConfig(layers: readonly ConfigLayer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const layer of layers) {
    for (const [rawKey, value] of Object.entries(layer)) {
      const key = normaliseKey(rawKey)
      if (value === undefined) continue
      if (key === 'tags') {
        const prev = toList(out['tags'])
        out['tags'] = [...new Set([...prev, ...toList(value)])]
      } else if (key === 'meta' || key === 'tblproperties') {
        out[key] = { ...asObject(out[key]), ...asObject(value) }
      } else if (key === 'pre_hook' || key === 'post_hook') {
        out[key] = [...toList(out[key]), ...toList(value)]
      } else {
        out[key] = value
      }
    }
  }
  return out
}

/** A string or list as a list of strings. */
export function toList(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value.map(String) : [String(value)]
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}
