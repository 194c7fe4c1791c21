/**
 * @module serve/schemas/warehouse-schemas
 * zod schemas of the warehouse answers (catalog browser, lineage, tests, runs, freshness, SQL),
 * checked against `api-types-warehouse.ts`.
 */
import { z } from '@hono/zod-openapi'
import type {
  CatalogInfo,
  ColumnDetail,
  Freshness,
  Lineage,
  PipelineAsset,
  PipelineRun,
  PipelineRunDetail,
  ResultColumn,
  SchemaInfo,
  SqlResult,
  TableDetail,
  TableRows,
  TableSummary,
  TableVersion,
  TestFailures,
  TestResults,
} from '../api-types.js'
import { bool, int, json, num, str, ts } from './common-schemas.js'

const n = <T extends z.ZodType>(t: T) => t.nullable()
const row = z.record(z.string(), json).openapi('Row')

export const ResultColumnSchema = z
  .object({ name: str, type: str })
  .openapi('ResultColumn') satisfies z.ZodType<ResultColumn>

export const CatalogInfoSchema = z
  .object({ name: str, target: str, is_default: bool })
  .openapi('CatalogInfo') satisfies z.ZodType<CatalogInfo>

export const SchemaInfoSchema = z
  .object({
    catalog: str,
    name: str,
    layer: z.enum(['bronze', 'silver', 'gold', 'system']),
    tables: int,
  })
  .openapi('SchemaInfo') satisfies z.ZodType<SchemaInfo>

const tableSummaryShape = {
  catalog: str,
  schema: str,
  name: str,
  full_name: str,
  version: int,
  num_rows: n(int),
  num_files: int,
  size_bytes: int,
  last_modified: n(ts),
  description: n(str),
}

export const TableSummarySchema = z
  .object(tableSummaryShape)
  .openapi('TableSummary') satisfies z.ZodType<TableSummary>

export const ColumnDetailSchema = z
  .object({ name: str, type: str, nullable: bool, description: n(str) })
  .openapi('ColumnDetail') satisfies z.ZodType<ColumnDetail>

export const TableDetailSchema = z
  .object({
    ...tableSummaryShape,
    columns: z.array(ColumnDetailSchema),
    partition_columns: z.array(str),
    properties: z.record(z.string(), z.string()),
    min_reader_version: int,
    min_writer_version: int,
    model: n(str),
  })
  .openapi('TableDetail') satisfies z.ZodType<TableDetail>

export const TableVersionSchema = z
  .object({
    version: int,
    timestamp: n(ts),
    operation: n(str),
    operation_parameters: z.record(z.string(), json),
    operation_metrics: z.record(z.string(), json),
    engine_info: n(str),
  })
  .openapi('TableVersion') satisfies z.ZodType<TableVersion>

export const TableRowsSchema = z
  .object({
    full_name: str,
    version: int,
    columns: z.array(ResultColumnSchema),
    rows: z.array(row),
    limit: int,
    offset: int,
    next_offset: n(int),
  })
  .openapi('TableRows') satisfies z.ZodType<TableRows>

export const LineageSchema = z
  .object({
    generated_at: n(ts),
    nodes: z.array(
      z
        .object({
          unique_id: str,
          name: str,
          resource_type: z.enum(['source', 'seed', 'model', 'snapshot']),
          layer: z.enum(['bronze', 'silver', 'gold', 'other']),
          relation: n(str),
          materialized: n(str),
          description: n(str),
          last_status: n(str),
        })
        .openapi('LineageNode'),
    ),
    edges: z.array(z.object({ from: str, to: str })),
  })
  .openapi('Lineage') satisfies z.ZodType<Lineage>

export const TestResultsSchema = z
  .object({
    generated_at: n(ts),
    invocation_id: n(str),
    results: z.array(
      z
        .object({
          unique_id: str,
          name: str,
          status: str,
          failures: n(int),
          message: n(str),
          execution_time: n(num),
          attached_node: n(str),
          column_name: n(str),
          severity: n(str),
          failures_relation: n(str),
        })
        .openapi('TestResult'),
    ),
  })
  .openapi('TestResults') satisfies z.ZodType<TestResults>

export const TestFailuresSchema = z
  .object({
    unique_id: str,
    relation: str,
    columns: z.array(ResultColumnSchema),
    rows: z.array(row),
    truncated: bool,
  })
  .openapi('TestFailures') satisfies z.ZodType<TestFailures>

const pipelineRunShape = {
  run_id: str,
  kind: str,
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

export const PipelineRunSchema = z
  .object(pipelineRunShape)
  .openapi('PipelineRun') satisfies z.ZodType<PipelineRun>

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
  .openapi('PipelineAsset') satisfies z.ZodType<PipelineAsset>

export const PipelineRunDetailSchema = z
  .object({ ...pipelineRunShape, assets: z.array(PipelineAssetSchema) })
  .openapi('PipelineRunDetail') satisfies z.ZodType<PipelineRunDetail>

export const FreshnessSchema = z
  .object({
    generated_at: n(ts),
    sources: z.array(
      z
        .object({
          unique_id: str,
          source_name: str,
          table: str,
          status: str,
          max_loaded_at: n(ts),
          snapshotted_at: n(ts),
          age_seconds: n(num),
          warn_after: n(str),
          error_after: n(str),
        })
        .openapi('SourceFreshness'),
    ),
  })
  .openapi('Freshness') satisfies z.ZodType<Freshness>

/** Largest SQL text accepted (the body limit is a little larger). */
export const MAX_SQL_LENGTH = 20_000

export const SqlRequestSchema = z
  .object({
    sql: z.string().min(1).max(MAX_SQL_LENGTH).openapi({
      example: 'select * from dev_f1_data_analytics.gold_analytics.session_leaderboard limit 3',
    }),
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .openapi('SqlRequest')

export const SqlExportRequestSchema = SqlRequestSchema.extend({
  format: z.enum(['csv', 'parquet']),
})
  .strict()
  .openapi('SqlExportRequest')

export const SqlResultSchema = z
  .object({
    request_id: str,
    columns: z.array(ResultColumnSchema),
    rows: z.array(row),
    row_count: int,
    truncated: bool,
    limit: int,
    tables: z.array(str),
    elapsed_ms: num,
  })
  .openapi('SqlResult') satisfies z.ZodType<SqlResult>
