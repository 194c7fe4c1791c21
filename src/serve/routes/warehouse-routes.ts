/**
 * @module serve/routes/warehouse-routes
 * The warehouse at a glance: lineage (manifest parent map), data test results and their failing
 * rows (run_results), pipeline runs (`<catalog>.system.pipeline_runs`/`pipeline_assets`) and
 * source freshness (sources.json). A node, test or source shows only when the principal may read
 * the table behind it.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Identity, ReadTable } from '../../catalog/index.js'
import { sqlString } from '../../core/index.js'
import { scanSql } from '../../lake/index.js'
import type { Lineage, LineageNode, PipelineAsset, PipelineRun, TestResult } from '../api-types.js'
import { relationKey, type ArtifactReader } from '../artifacts.js'
import { ApiError } from '../http-errors.js'
import { readPage, readRows, sqlTable, tableIn } from '../reads.js'
import { readContext } from '../request-context.js'
import { PROBLEM_RESPONSES, filterText, page, pageQuery } from '../schemas/common-schemas.js'
import {
  FreshnessSchema,
  LineageSchema,
  PipelineRunDetailSchema,
  PipelineRunSchema,
  TestFailuresSchema,
  TestResultsSchema,
} from '../schemas/warehouse-schemas.js'
import type { ServeEnv, ServeOptions } from '../serve-options.js'
import type { TableMetadata } from '../table-metadata.js'
import { BEARER, send, type Api } from './api-app.js'

const ok = (schema: z.ZodType, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...PROBLEM_RESPONSES,
})

function tableOf(key: string | undefined): ReadTable | undefined {
  const [catalog, schema, table] = key?.split('.') ?? []
  return catalog && schema && table ? { catalog, schema, table } : undefined
}

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
  const access = options.reader.access
  /** Whether the identity may read every one of `keys` (`catalog.schema.table`). */
  const visible = async (identity: Identity, keys: readonly (string | undefined)[]) => {
    const t = keys.map(tableOf)
    if (t.some((x) => x === undefined)) return false
    return (await access.canRead(identity, t as ReadTable[])).allowed
  }
  const metadataRead = (c: Context<ServeEnv>, started: number, objects: readonly string[]) =>
    options.reader.record(readContext(c, 'api.metadata'), {
      principal: c.get('identity').name,
      outcome: 'ok',
      objects,
      started,
    })

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
      metadataRead(c, started, [])
      const body: Lineage = { generated_at: manifest?.metadata.generated_at ?? null, nodes, edges }
      return send(c, 'GET /api/lineage', body)
    },
  )

  /** The relations a test reads (its parents in the manifest). */
  const testInputs = (
    unique: string,
    manifest: Awaited<ReturnType<typeof artifacts.read<'manifest'>>>,
  ) => {
    const node = manifest?.nodes[unique]
    return (node?.depends_on.nodes ?? []).map((id) => {
      const parent = manifest?.nodes[id] ?? manifest?.sources[id]
      return parent === undefined ? undefined : relationKey(parent.relation_name)
    })
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tests',
      tags: ['warehouse'],
      summary: 'The last result of every data test (of tables the principal may read)',
      security: BEARER,
      responses: ok(TestResultsSchema, 'test results'),
    }),
    async (c) => {
      const started = performance.now()
      const manifest = await artifacts.read('manifest')
      const runResults = await artifacts.read('runResults')
      const out: TestResult[] = []
      for (const r of runResults?.results ?? []) {
        if (!r.unique_id.startsWith('test.')) continue
        const inputs = testInputs(r.unique_id, manifest)
        if (inputs.length === 0 || !(await visible(c.get('identity'), inputs))) continue
        const node = manifest?.nodes[r.unique_id] as Record<string, unknown> | undefined
        const config = (node?.['config'] ?? {}) as Record<string, unknown>
        out.push({
          unique_id: r.unique_id,
          name: typeof node?.['name'] === 'string' ? node['name'] : r.unique_id,
          status: r.status,
          failures: r.failures,
          message: r.message,
          execution_time: r.execution_time,
          attached_node: typeof node?.['attached_node'] === 'string' ? node['attached_node'] : null,
          column_name: typeof node?.['column_name'] === 'string' ? node['column_name'] : null,
          severity: typeof config['severity'] === 'string' ? config['severity'] : null,
          failures_relation: relationKey(r.stored_failures) ?? null,
        })
      }
      metadataRead(c, started, [])
      return send(c, 'GET /api/tests', {
        generated_at: runResults?.metadata.generated_at ?? null,
        invocation_id: runResults?.metadata.invocation_id ?? null,
        results: out,
      })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tests/{unique_id}/failures',
      tags: ['warehouse'],
      summary: "A test's failing rows (stored failures, or the sample the run kept)",
      security: BEARER,
      request: {
        params: z.object({
          unique_id: z
            .string()
            .regex(/^test\.[A-Za-z0-9_.-]{1,300}$/, 'a test unique id')
            .openapi({ param: { name: 'unique_id', in: 'path' } }),
        }),
      },
      responses: ok(TestFailuresSchema, 'failing rows'),
    }),
    async (c) => {
      const { unique_id } = c.req.valid('param')
      const manifest = await artifacts.read('manifest')
      const result = (await artifacts.read('runResults'))?.results.find(
        (r) => r.unique_id === unique_id,
      )
      if (result === undefined) throw new ApiError('not-found', `no result for ${unique_id}`)
      const inputs = testInputs(unique_id, manifest).map(tableOf)
      if (inputs.length === 0 || inputs.some((t) => t === undefined)) {
        throw new ApiError('not-found', `no result for ${unique_id}`)
      }
      const relation = relationKey(result.stored_failures)
      const stored = tableOf(relation)
      const found = stored === undefined ? undefined : tables.find(stored)
      if (stored !== undefined && found !== undefined) {
        const snapshot = (await tables.facts(found)).snapshot
        const sql = `SELECT * FROM (${await scanSql(snapshot, { sql: options.storage.engine })}) AS failures`
        const rows = await readRows(c, options, { sql, tables: inputs as ReadTable[] }, 1001)
        return send(c, 'GET /api/tests/{unique_id}/failures', {
          unique_id,
          relation: relation ?? '',
          columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: 'unknown' })),
          rows: rows.slice(0, 1000),
          truncated: rows.length > 1000,
        })
      }
      await options.reader.authorize(
        c.get('identity'),
        inputs as ReadTable[],
        readContext(c, 'api.metadata'),
      )
      const sample = (result.failing_rows_sample ?? []) as Record<string, never>[]
      options.reader.record(readContext(c, 'api.metadata'), {
        principal: c.get('identity').name,
        outcome: 'ok',
        objects: inputs.map((t) => `${t!.catalog}.${t!.schema}.${t!.table}`),
        rows: sample.length,
      })
      return send(c, 'GET /api/tests/{unique_id}/failures', {
        unique_id,
        relation: relation ?? '',
        columns: Object.keys(sample[0] ?? {}).map((name) => ({ name, type: 'unknown' })),
        rows: sample,
        truncated: (result.failures ?? 0) > sample.length,
      })
    },
  )

  const runsTable = tableIn(options.defaultCatalog, 'system', 'pipeline_runs')
  const assetsTable = tableIn(options.defaultCatalog, 'system', 'pipeline_assets')
  const runColumns = `run_id, kind, status, attempt, target, "trigger", partitions, started_at, ended_at,
    epoch(ended_at) - epoch(started_at) AS duration_seconds, summary, error`
  const parseRun = (r: Record<string, unknown>): PipelineRun => ({
    run_id: String(r['run_id']),
    kind: String(r['kind']),
    status: String(r['status']),
    attempt: Number(r['attempt']),
    target: String(r['target']),
    trigger: String(r['trigger']),
    partitions: parseJson(r['partitions'], []) as string[],
    started_at: r['started_at'] === null ? null : String(r['started_at']),
    ended_at: r['ended_at'] === null ? null : String(r['ended_at']),
    duration_seconds: r['duration_seconds'] === null ? null : Number(r['duration_seconds']),
    summary: parseJson(r['summary'], {}) as PipelineRun['summary'],
    error: r['error'] === null ? null : String(r['error']),
  })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs',
      tags: ['warehouse'],
      summary: 'Pipeline runs, newest first (empty when the pipeline never ran)',
      security: BEARER,
      request: { query: pageQuery(100).extend({ status: filterText.optional() }) },
      responses: ok(page(PipelineRunSchema, 'PipelineRunPage'), 'runs'),
    }),
    async (c) => {
      const q = c.req.valid('query')
      if (tables.find(runsTable) === undefined) {
        await options.reader.authorize(c.get('identity'), [runsTable], readContext(c, 'api.read'))
        return send(c, 'GET /api/runs', {
          items: [],
          limit: q.limit,
          offset: q.offset,
          next_offset: null,
        })
      }
      const where = q.status === undefined ? '' : `WHERE status = ${sqlString(q.status)}`
      const sql = `SELECT * FROM (SELECT ${runColumns} FROM ${sqlTable(runsTable)}
          QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY seq DESC) = 1) AS runs
        ${where} ORDER BY started_at DESC NULLS LAST, run_id`
      const body = await readPage<Record<string, unknown>>(
        c,
        options,
        { sql, tables: [runsTable] },
        q,
      )
      return send(c, 'GET /api/runs', { ...body, items: body.items.map(parseRun) })
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/runs/{run_id}',
      tags: ['warehouse'],
      summary: 'One pipeline run with its assets and timings',
      security: BEARER,
      request: {
        params: z.object({
          run_id: z
            .string()
            .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'a run id')
            .openapi({ param: { name: 'run_id', in: 'path' } }),
        }),
      },
      responses: ok(PipelineRunDetailSchema, 'the run'),
    }),
    async (c) => {
      const { run_id } = c.req.valid('param')
      if (tables.find(runsTable) === undefined) {
        await options.reader.authorize(c.get('identity'), [runsTable], readContext(c, 'api.read'))
        throw new ApiError('not-found', `no run ${run_id}`)
      }
      const [run] = await readRows(c, options, {
        sql: `SELECT ${runColumns} FROM ${sqlTable(runsTable)} WHERE run_id = ${sqlString(run_id)}
          ORDER BY seq DESC LIMIT 1`,
        tables: [runsTable],
      })
      if (run === undefined) throw new ApiError('not-found', `no run ${run_id}`)
      const assets =
        tables.find(assetsTable) === undefined
          ? []
          : await readRows(c, options, {
              sql: `SELECT asset, kind, step, "partition", status, attempt, started_at, ended_at,
                  epoch(ended_at) - epoch(started_at) AS duration_seconds, "rows", error
                FROM ${sqlTable(assetsTable)} WHERE run_id = ${sqlString(run_id)}
                ORDER BY started_at, asset, "partition"`,
              tables: [assetsTable],
            })
      return send(c, 'GET /api/runs/{run_id}', {
        ...parseRun(run),
        assets: assets as unknown as PipelineAsset[],
      })
    },
  )

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
      metadataRead(c, started, [])
      return send(c, 'GET /api/freshness', {
        generated_at: sources?.metadata.generated_at ?? null,
        sources: out,
      })
    },
  )
}

function parseJson(value: unknown, fallback: unknown): unknown {
  if (typeof value !== 'string') return value ?? fallback
  try {
    return JSON.parse(value) as unknown
  } catch {
    return fallback
  }
}
