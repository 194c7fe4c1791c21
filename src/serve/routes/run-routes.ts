/**
 * @module serve/routes/run-routes
 * Pipeline runs from the run history (`<catalog>.system.pipeline_runs`, latest state of each
 * run, and `pipeline_assets`), read through the governed reader: the list, newest first, and one
 * run with its assets and timings. No history yet is an empty list, still subject to grants.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { sqlString } from '../../core/index.js'
import type { PipelineAsset, PipelineRun } from '../api-types.js'
import { ApiError } from '../http-errors.js'
import { readPage, readRows, sqlTable, tableIn } from '../reads.js'
import { readContext } from '../request-context.js'
import { filterText, page, pageQuery } from '../schemas/common-schemas.js'
import { PipelineRunDetailSchema, PipelineRunSchema } from '../schemas/warehouse-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import type { TableMetadata } from '../table-metadata.js'
import { BEARER, ok, send, type Api } from './api-app.js'

/** Registers `/api/runs` and `/api/runs/{run_id}`. */
export function registerRunRoutes(app: Api, options: ServeOptions, tables: TableMetadata): void {
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
}

function parseJson(value: unknown, fallback: unknown): unknown {
  if (typeof value !== 'string') return value ?? fallback
  try {
    return JSON.parse(value) as unknown
  } catch {
    return fallback
  }
}
