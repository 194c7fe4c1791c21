/**
 * @module transform/artifacts/catalog
 * Builds `catalog.json` (dbt's v1 shape, written by `docs generate`; schema and types in
 * `core/artifacts`): every built relation's columns with their types and its row count, read from
 * the warehouse.
 */
import {
  artifactMetadata,
  sqlQualified,
  type ArtifactContext,
  type CatalogArtifact,
  type CatalogTable,
} from '../../core/index.js'
import type { Warehouse } from '../materialize/warehouse.js'
import type { Project } from '../project/types.js'

/** Reads every model, seed, snapshot and source that exists in the warehouse. */
export async function buildCatalog(
  project: Project,
  warehouse: Warehouse,
  ctx: ArtifactContext,
): Promise<CatalogArtifact> {
  const nodes: Record<string, CatalogTable> = {}
  const sources: Record<string, CatalogTable> = {}
  const errors: string[] = []
  const entries: { id: string; database: string; schema: string; name: string; source: boolean }[] =
    [
      ...Object.values(project.nodes)
        .filter(
          (n) =>
            ['model', 'seed', 'snapshot'].includes(n.resource_type) &&
            n.config.materialized !== 'ephemeral',
        )
        .map((n) => ({
          id: n.unique_id,
          database: n.database,
          schema: n.schema,
          name: n.alias,
          source: false,
        })),
      ...Object.values(project.sources).map((s) => ({
        id: s.unique_id,
        database: s.database,
        schema: s.schema,
        name: s.identifier,
        source: true,
      })),
    ]
  for (const e of entries) {
    try {
      const rel = { database: e.database, schema: e.schema, identifier: e.name }
      const info = await warehouse.describe(rel)
      if (info === undefined) continue
      let rows: number | undefined
      if (info.kind === 'table') {
        const r = await warehouse.query(
          `select count(*) as n from ${sqlQualified([e.database, e.schema, e.name])}`,
        )
        rows = Number(r.rows[0]?.['n'] ?? 0)
      }
      const table: CatalogTable = {
        metadata: {
          type: info.kind === 'table' ? 'BASE TABLE' : 'VIEW',
          schema: e.schema,
          name: e.name,
          database: e.database,
          comment: null,
          owner: null,
        },
        columns: Object.fromEntries(
          info.columns.map((c, i) => [
            c.name,
            { type: c.type, index: i + 1, name: c.name, comment: null },
          ]),
        ),
        stats:
          rows === undefined
            ? {
                has_stats: {
                  id: 'has_stats',
                  label: 'Has Stats?',
                  value: false,
                  include: false,
                  description: 'Indicates whether there are statistics for this table',
                },
              }
            : {
                row_count: {
                  id: 'row_count',
                  label: 'Row Count',
                  value: rows,
                  include: true,
                  description: 'Number of rows in the table',
                },
                has_stats: {
                  id: 'has_stats',
                  label: 'Has Stats?',
                  value: true,
                  include: false,
                  description: 'Indicates whether there are statistics for this table',
                },
              },
        unique_id: e.id,
      }
      if (e.source) sources[e.id] = table
      else nodes[e.id] = table
    } catch (error) {
      errors.push(`${e.id}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return {
    metadata: artifactMetadata('catalog', ctx),
    nodes,
    sources,
    errors: errors.length === 0 ? null : errors,
  }
}
