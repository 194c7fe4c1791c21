/**
 * @module serve/routes/warehouse-routes
 * The warehouse at a glance: lineage (manifest parent map) and source freshness (sources.json),
 * plus the data tests (`test-routes.ts`) and pipeline runs (`run-routes.ts`) it registers. A
 * node, test or source shows only when the principal may read the table behind it.
 */
import { createRoute } from '@hono/zod-openapi'
import type { Lineage, LineageNode } from '../api-types.js'
import { relationKey, type ArtifactReader } from '../artifacts.js'
import { FreshnessSchema, LineageSchema } from '../schemas/warehouse-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import type { TableMetadata } from '../table-metadata.js'
import { BEARER, ok, recordMetadataRead, send, type Api } from './api-app.js'
import { visibility } from './artifact-access.js'
import { registerRunRoutes } from './run-routes.js'
import { registerTestRoutes } from './test-routes.js'

function layerOf(schema: string | undefined): LineageNode['layer'] {
  if (schema === 'bronze_raw') return 'bronze'
  if (schema === 'silver_clean') return 'silver'
  if (schema === 'gold_analytics') return 'gold'
  return 'other'
}

/** Registers the warehouse routes. */
export function registerWarehouseRoutes(
  app: Api,
  options: ServeOptions,
  artifacts: ArtifactReader,
  tables: TableMetadata,
): void {
  const visible = visibility(options)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/lineage',
      tags: ['warehouse'],
      summary: 'Lineage from sources to marts (what the principal may read)',
      security: BEARER,
      responses: ok(LineageSchema, 'nodes and edges'),
    }),
    async (c) => {
      const started = performance.now()
      const manifest = await artifacts.read('manifest')
      const results = await artifacts.read('runResults')
      const status = new Map(results?.results.map((r) => [r.unique_id, r.status]) ?? [])
      const nodes: LineageNode[] = []
      for (const n of Object.values(manifest?.nodes ?? {})) {
        if (
          n.resource_type !== 'model' &&
          n.resource_type !== 'seed' &&
          n.resource_type !== 'snapshot'
        )
          continue
        const relation = relationKey(n.relation_name) ?? `${n.database}.${n.schema}.${n.alias}`
        if (!(await visible(c.get('identity'), [relation]))) continue
        nodes.push({
          unique_id: n.unique_id,
          name: n.name,
          resource_type: n.resource_type,
          layer: layerOf(n.schema),
          relation,
          materialized:
            typeof n.config['materialized'] === 'string' ? n.config['materialized'] : null,
          description: n.description === '' ? null : n.description,
          last_status: status.get(n.unique_id) ?? null,
        })
      }
      for (const s of Object.values(manifest?.sources ?? {})) {
        const relation = relationKey(s.relation_name) ?? `${s.database}.${s.schema}.${s.identifier}`
        if (!(await visible(c.get('identity'), [relation]))) continue
        nodes.push({
          unique_id: s.unique_id,
          name: s.name,
          resource_type: 'source',
          layer: layerOf(s.schema),
          relation,
          materialized: null,
          description: s.description === '' ? null : s.description,
          last_status: null,
        })
      }
      const ids = new Set(nodes.map((n) => n.unique_id))
      const edges = Object.entries(manifest?.parent_map ?? {}).flatMap(([child, parents]) =>
        ids.has(child)
          ? parents.filter((p) => ids.has(p)).map((p) => ({ from: p, to: child }))
          : [],
      )
      recordMetadataRead(options, c, started, [])
      const body: Lineage = { generated_at: manifest?.metadata.generated_at ?? null, nodes, edges }
      return send(c, 'GET /api/lineage', body)
    },
  )

  // Tests and runs between lineage and freshness: the reference documents them in this order.
  registerTestRoutes(app, options, artifacts, tables, visible)
  registerRunRoutes(app, options, tables)

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/freshness',
      tags: ['warehouse'],
      summary: 'Source freshness (sources.json of the last `pitwall source freshness`)',
      security: BEARER,
      responses: ok(FreshnessSchema, 'freshness per source table'),
    }),
    async (c) => {
      const started = performance.now()
      const manifest = await artifacts.read('manifest')
      const sources = await artifacts.read('sources')
      const out = []
      for (const r of sources?.results ?? []) {
        const source = manifest?.sources[r.unique_id]
        const relation = relationKey(source?.relation_name)
        if (!(await visible(c.get('identity'), [relation]))) continue
        const after = (a: { count: number | null; period: string | null } | undefined) =>
          a?.count === null || a?.count === undefined || a.period === null
            ? null
            : `${a.count} ${a.period}`
        out.push({
          unique_id: r.unique_id,
          source_name: source?.source_name ?? r.unique_id.split('.')[2] ?? '',
          table: source?.name ?? r.unique_id.split('.').at(-1) ?? '',
          status: r.status,
          max_loaded_at: r.max_loaded_at,
          snapshotted_at: r.snapshotted_at,
          age_seconds: r.max_loaded_at_time_ago_in_s,
          warn_after: after(r.criteria?.warn_after),
          error_after: after(r.criteria?.error_after),
        })
      }
      recordMetadataRead(options, c, started, [])
      return send(c, 'GET /api/freshness', {
        generated_at: sources?.metadata.generated_at ?? null,
        sources: out,
      })
    },
  )
}
