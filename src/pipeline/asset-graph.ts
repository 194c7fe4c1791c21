/**
 * @module pipeline/asset-graph
 * The asset graph (Dagster's global lineage, REFERENCE.md §2): one asset per extraction endpoint
 * (`extract.laps`), per bronze table (`bronze.bronze_laps`), and per model, seed, snapshot and
 * test of the warehouse project, read from its manifest (dbt unique ids). Extraction and bronze
 * assets are partitioned by session; project assets are built over all sessions at once
 * (incremental models process only the new ones). Tests are checks on the assets they test:
 * an error-severity failure blocks everything downstream of that asset.
 */

/** What an asset is. */
export type AssetKind = 'extract' | 'bronze' | 'model' | 'seed' | 'snapshot' | 'test' | 'unit_test'

/** One asset. */
export interface AssetNode {
  /** `extract.laps`, `bronze.bronze_laps`, `model.pitwall.fact_laps`, `test.pitwall.…`. */
  readonly key: string
  readonly kind: AssetKind
  /** Dagster's group: `openf1`, `bronze_raw`, `silver_clean`, `gold_analytics`, `seeds`, … */
  readonly group: string
  /** Assets this one reads. */
  readonly deps: readonly string[]
  /** Partitioned by session (extraction and bronze) or built over all sessions. */
  readonly partitioned: boolean
  /** For a test: the asset it checks. */
  readonly checks?: string
  /** The Delta table it writes, as `catalog.schema.table`, when it writes one. */
  readonly table?: string
}

/** The parts of a manifest (or a parsed project) the graph needs. */
export interface ManifestLike {
  readonly nodes: Readonly<
    Record<
      string,
      {
        readonly unique_id: string
        readonly resource_type: string
        readonly depends_on: { readonly nodes: readonly string[] }
        readonly database: string
        readonly schema: string
        readonly alias: string
        readonly attached_node?: string | null
        readonly config: { readonly materialized?: string }
      }
    >
  >
  readonly sources: Readonly<
    Record<
      string,
      {
        readonly unique_id: string
        readonly identifier: string
        readonly database: string
        readonly schema: string
      }
    >
  >
}

/** Options of {@link buildAssetGraph}. */
export interface AssetGraphInput {
  /** Extraction endpoints (`laps`, `car_data`, …). */
  readonly endpoints: readonly string[]
  /** The bronze table an endpoint lands in (`location` → `bronze_locations`). */
  readonly bronzeTableOf: (endpoint: string) => string
  /** The catalog bronze lives in. */
  readonly catalog: string
  readonly manifest: ManifestLike
}

/** The graph: assets by key, in topological order. */
export interface AssetGraph {
  readonly assets: ReadonlyMap<string, AssetNode>
  /** Keys in dependency order (parents first). */
  readonly order: readonly string[]
  /** Source unique id → bronze asset key. */
  readonly sourceAssets: ReadonlyMap<string, string>
}

/** Builds the asset graph. */
export function buildAssetGraph(input: AssetGraphInput): AssetGraph {
  const assets = new Map<string, AssetNode>()
  const bronzeByTable = new Map<string, string>()
  for (const endpoint of input.endpoints) {
    const extractKey = `extract.${endpoint}`
    assets.set(extractKey, {
      key: extractKey,
      kind: 'extract',
      group: 'openf1',
      deps: [],
      partitioned: true,
    })
    const table = input.bronzeTableOf(endpoint)
    const bronzeKey = `bronze.${table}`
    bronzeByTable.set(table, bronzeKey)
    assets.set(bronzeKey, {
      key: bronzeKey,
      kind: 'bronze',
      group: 'bronze_raw',
      deps: [extractKey],
      partitioned: true,
      table: `${input.catalog}.bronze_raw.${table}`,
    })
  }
  // A source is the bronze asset of its table; a source that no endpoint fills stays a source.
  const sourceAssets = new Map<string, string>()
  for (const s of Object.values(input.manifest.sources)) {
    const bronze = s.schema === 'bronze_raw' ? bronzeByTable.get(s.identifier) : undefined
    sourceAssets.set(s.unique_id, bronze ?? s.unique_id)
  }
  const resolve = (id: string): string => sourceAssets.get(id) ?? id
  for (const n of Object.values(input.manifest.nodes)) {
    const kind = n.resource_type as AssetKind
    if (!['model', 'seed', 'snapshot', 'test', 'unit_test'].includes(kind)) continue
    const isCheck = kind === 'test' || kind === 'unit_test'
    const checks = isCheck ? (n.attached_node ?? n.depends_on.nodes[0]) : undefined
    const writes = !isCheck && n.config.materialized !== 'ephemeral'
    assets.set(n.unique_id, {
      key: n.unique_id,
      kind,
      group: kind === 'seed' ? 'seeds' : isCheck ? 'checks' : n.schema,
      deps: [...new Set(n.depends_on.nodes.map(resolve))],
      partitioned: false,
      ...(checks === undefined || checks === null ? {} : { checks: resolve(checks) }),
      ...(writes ? { table: `${n.database}.${n.schema}.${n.alias}` } : {}),
    })
  }
  return { assets, order: topologicalOrder(assets), sourceAssets }
}

/** Every asset downstream of `keys` (not including them). */
export function downstreamOf(graph: AssetGraph, keys: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>()
  for (const a of graph.assets.values()) {
    for (const d of a.deps) children.set(d, [...(children.get(d) ?? []), a.key])
  }
  const out = new Set<string>()
  const stack = [...keys]
  while (stack.length > 0) {
    for (const c of children.get(stack.pop() ?? '') ?? []) {
      if (!out.has(c)) {
        out.add(c)
        stack.push(c)
      }
    }
  }
  return out
}

/** Counts of assets per kind, for summaries. */
export function countByKind(graph: AssetGraph): Record<AssetKind, number> {
  const out: Record<string, number> = {}
  for (const a of graph.assets.values()) out[a.kind] = (out[a.kind] ?? 0) + 1
  return out as Record<AssetKind, number>
}

function topologicalOrder(assets: ReadonlyMap<string, AssetNode>): string[] {
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (key: string): void => {
    const s = state.get(key)
    if (s === 'done' || s === 'visiting') return // a cycle is the project's diagnostic, not ours
    state.set(key, 'visiting')
    for (const d of assets.get(key)?.deps ?? []) if (assets.has(d)) visit(d)
    state.set(key, 'done')
    order.push(key)
  }
  for (const key of [...assets.keys()].sort()) visit(key)
  return order
}
