/**
 * @module serve/routes/test-routes
 * Data tests: the last result of every test (run_results.json) whose tables the principal may
 * read, and one test's failing rows — from the table `store_failures` wrote when there is one
 * (read through the governed reader, declared as the test's inputs), else the sample the run
 * kept.
 */
import { createRoute, z } from '@hono/zod-openapi'
import type { ReadTable } from '../../catalog/index.js'
import { scanSql } from '../../lake/index.js'
import type { TestResult } from '../api-types.js'
import { relationKey, type ArtifactReader } from '../artifacts.js'
import { ApiError } from '../http-errors.js'
import { readRows } from '../reads.js'
import { readContext } from '../request-context.js'
import { TestFailuresSchema, TestResultsSchema } from '../schemas/warehouse-schemas.js'
import type { ServeOptions } from '../serve-options.js'
import type { TableMetadata } from '../table-metadata.js'
import { BEARER, ok, recordMetadataRead, send, type Api } from './api-app.js'
import { tableOf, type Visibility } from './artifact-access.js'

/** Registers `/api/tests` and `/api/tests/{unique_id}/failures`. */
export function registerTestRoutes(
  app: Api,
  options: ServeOptions,
  artifacts: ArtifactReader,
  tables: TableMetadata,
  visible: Visibility,
): void {
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
      recordMetadataRead(options, c, started, [])
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
}
