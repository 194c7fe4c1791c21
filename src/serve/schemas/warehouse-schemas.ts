/**
 * @module serve/schemas/warehouse-schemas
 * zod schemas of the warehouse answers: lineage, data test results and their failing rows,
 * pipeline runs, freshness. The API's types are inferred from them (`api-types-warehouse.ts`).
 */
import { z } from '@hono/zod-openapi'
import { ResultColumnSchema, RowSchema } from './catalog-schemas.js'
import { bool, int, json, n, num, str, ts } from './common-schemas.js'

/** A node of the lineage graph (a source, seed, model or snapshot). */
export const LineageNodeSchema = z
  .object({
    /** Manifest unique id (`model.pitwall.fact_laps`, `source.pitwall.bronze.laps`). */
    unique_id: str,
    name: str,
    resource_type: z.enum(['source', 'seed', 'model', 'snapshot']),
    layer: z.enum(['bronze', 'silver', 'gold', 'other']),
    /** `catalog.schema.table` the node builds or reads. */
    relation: n(str),
    materialized: n(str),
    description: n(str),
    /** The status of its last run (`success`, `error`, `skipped`), when run. */
    last_status: n(str),
  })
  .openapi('LineageNode')

/** `GET /api/lineage`: sources to marts, from the manifest's parent map. */
export const LineageSchema = z
  .object({
    generated_at: n(ts),
    nodes: z.array(LineageNodeSchema),
    /** `from` is a parent of `to`. */
    edges: z.array(z.object({ from: str, to: str })),
  })
  .openapi('Lineage')

/** A data test's last result (run_results.json). */
export const TestResultSchema = z
  .object({
    unique_id: str,
    name: str,
    /** `pass`, `fail`, `warn`, `error`, `skipped`. */
    status: str,
    /** Failing rows counted. */
    failures: n(int),
    message: n(str),
    execution_time: n(num),
    /** The model or source it tests. */
    attached_node: n(str),
    column_name: n(str),
    severity: n(str),
    /** `catalog.schema.table` holding its failing rows (store_failures), when stored. */
    failures_relation: n(str),
  })
  .openapi('TestResult')

/** `GET /api/tests`. */
export const TestResultsSchema = z
  .object({
    generated_at: n(ts),
    invocation_id: n(str),
    results: z.array(TestResultSchema),
  })
  .openapi('TestResults')

/** `GET /api/tests/{unique_id}/failures`: the stored failing rows of a test. */
export const TestFailuresSchema = z
  .object({
    unique_id: str,
    relation: str,
    columns: z.array(ResultColumnSchema),
    rows: z.array(RowSchema),
    truncated: bool,
  })
  .openapi('TestFailures')

const pipelineRunShape = {
  run_id: str,
  kind: str,
  /** `running`, `success`, `failed`, `refused` (a `running` run of a dead process is interrupted). */
  status: str,
  attempt: int,
  target: str,
  trigger: str,
  partitions: z.array(str),
  started_at: n(ts),
  ended_at: n(ts),
  duration_seconds: n(num),
  summary: z.record(z.string(), json),
  error: n(str),
}

/** A pipeline run (`<catalog>.system.pipeline_runs`, latest state). */
export const PipelineRunSchema = z.object(pipelineRunShape).openapi('PipelineRun')

/** One asset × partition of a run (`<catalog>.system.pipeline_assets`). */
export const PipelineAssetSchema = z
  .object({
    asset: str,
    kind: str,
    step: str,
    partition: n(str),
    status: str,
    attempt: int,
    started_at: n(ts),
    ended_at: n(ts),
    duration_seconds: n(num),
    rows: n(int),
    error: n(str),
  })
  .openapi('PipelineAsset')

/** `GET /api/runs/{run_id}`. */
export const PipelineRunDetailSchema = z
  .object({ ...pipelineRunShape, assets: z.array(PipelineAssetSchema) })
  .openapi('PipelineRunDetail')

/** One source table's freshness (sources.json). */
export const SourceFreshnessSchema = z
  .object({
    unique_id: str,
    source_name: str,
    table: str,
    /** `pass`, `warn`, `error`, `runtime error`. */
    status: str,
    max_loaded_at: n(ts),
    snapshotted_at: n(ts),
    age_seconds: n(num),
    warn_after: n(str),
    error_after: n(str),
  })
  .openapi('SourceFreshness')

/** `GET /api/freshness`. */
export const FreshnessSchema = z
  .object({ generated_at: n(ts), sources: z.array(SourceFreshnessSchema) })
  .openapi('Freshness')
