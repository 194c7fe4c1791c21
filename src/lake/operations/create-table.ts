/**
 * @module lake/operations/create-table
 * CREATE TABLE (optionally AS SELECT): version 0 with `protocol`, `metaData` and the first files.
 * The configuration is checked as `set-properties` checks it (unknown `delta.*` keys, invalid
 * values and features the writer cannot maintain are refused before anything is written); the
 * protocol is `(1,2)` unless the configuration or schema needs table features
 * ({@link requiredProtocol}).
 */
import { randomUUID } from 'node:crypto'
import type { Action, MetadataAction } from '../protocol/actions.js'
import { DeltaError, SchemaMismatchError } from '../lake-errors.js'
import type { StructType } from '../protocol/schema.js'
import { writeDataFiles } from '../write/data-writer.js'
import { checkNotNull, describeSource, projectToSchema } from '../write/source-schema.js'
import { requiredProtocol } from './writer-protocol.js'
import { validateConfiguration } from './table-properties.js'
import {
  commitOperation,
  openIfExists,
  numRecords,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Options of {@link createTable}. */
export interface CreateTableOptions extends TableTarget {
  /** The schema; derived from `sql` when omitted. */
  readonly schema?: StructType
  /** Rows to write in version 0 (CREATE TABLE AS SELECT). */
  readonly sql?: string
  readonly partitionColumns?: readonly string[]
  /** Table properties (`delta.enableChangeDataFeed`, `delta.appendOnly`, `quality`, …). */
  readonly configuration?: Readonly<Record<string, string>>
  readonly name?: string
  readonly description?: string
  /** Return the existing table instead of failing when it exists. */
  readonly ifNotExists?: boolean
  /** Extra actions for version 0 (a `txn`). */
  readonly extraActions?: readonly Action[]
  /** Every row's partition values, when known (see `WriteOptions.partitionValues`). */
  readonly partitionValues?: Readonly<Record<string, string | null>>
}

/** Metrics of a create. */
export interface CreateTableMetrics {
  readonly numFiles: number
  readonly numOutputRows: number
}

/** Builds version 0's metaData. */
export function newMetadata(
  schema: StructType,
  partitionColumns: readonly string[],
  configuration: Readonly<Record<string, string>>,
  extra: { name?: string; description?: string } = {},
): MetadataAction {
  for (const p of partitionColumns) {
    const f = schema.fields.find((x) => x.name === p)
    if (f === undefined) {
      throw new SchemaMismatchError(
        `partition column '${p}' is not a column of the table (columns: ${schema.fields.map((x) => x.name).join(', ')})`,
      )
    }
    if (typeof f.type !== 'string' || f.type === 'binary') {
      throw new SchemaMismatchError(
        `partition column '${p}' must have a primitive, non-binary type`,
      )
    }
  }
  return {
    id: randomUUID(),
    name: extra.name ?? null,
    description: extra.description ?? null,
    format: { provider: 'parquet', options: {} },
    schemaString: JSON.stringify(schema),
    partitionColumns: [...partitionColumns],
    configuration: { ...configuration },
    createdTime: Date.now(),
  }
}

/** Creates a Delta table. @throws DeltaError `table-exists` unless `ifNotExists`. */
export async function createTable(
  options: CreateTableOptions,
): Promise<OperationResult<CreateTableMetrics>> {
  const existing = await openIfExists(options)
  if (existing !== undefined) {
    if (options.ifNotExists === true)
      return { version: existing.version, metrics: { numFiles: 0, numOutputRows: 0 } }
    throw new DeltaError('table-exists', `a Delta table already exists at ${options.store.root}`, {
      hint: 'write to it (append/overwrite) or choose another location',
    })
  }
  if (options.schema === undefined && options.sql === undefined) {
    throw new DeltaError(
      'create-needs-schema',
      'createTable needs a schema or a query to derive it from',
    )
  }
  const source =
    options.sql === undefined ? undefined : await describeSource(options.executor, options.sql)
  const schema = options.schema ?? (source as StructType)
  const partitionColumns = options.partitionColumns ?? []
  const configuration = options.configuration ?? {}
  validateConfiguration(configuration)
  const metaData = newMetadata(schema, partitionColumns, configuration, {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.description === undefined ? {} : { description: options.description }),
  })
  if (options.sql !== undefined && source !== undefined) {
    await checkNotNull(options.executor, projectToSchema(options.sql, source, schema), schema)
  }
  const adds =
    options.sql === undefined || source === undefined
      ? []
      : await writeDataFiles({
          executor: options.executor,
          store: options.store,
          sql: projectToSchema(options.sql, source, schema),
          schema,
          partitionColumns,
          configuration,
          ...(options.partitionValues === undefined
            ? {}
            : { partitionValues: options.partitionValues }),
        })
  const rows = adds.reduce((n, a) => n + numRecords(a), 0)
  const result = await commitOperation(options, undefined, {
    operation: options.sql === undefined ? 'CREATE TABLE' : 'CREATE TABLE AS SELECT',
    operationParameters: {
      isManaged: 'false',
      description: options.description ?? null,
      partitionBy: JSON.stringify(partitionColumns),
      properties: JSON.stringify(configuration),
    },
    operationMetrics: {
      numFiles: adds.length,
      numOutputRows: rows,
      numOutputBytes: adds.reduce((n, a) => n + a.size, 0),
    },
    actions: [
      { protocol: requiredProtocol(schema, configuration) },
      { metaData },
      ...(options.extraActions ?? []),
      ...adds.map((add) => ({ add })),
    ],
    isBlindAppend: true,
  })
  return {
    version: result.version,
    metrics: { numFiles: adds.length, numOutputRows: rows },
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
