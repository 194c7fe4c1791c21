/**
 * @module engine/databricks/bronze-load
 * Bronze on Databricks (issue 17): the landing files of each endpoint are uploaded to a Unity
 * Catalog volume (`/Volumes/<catalog>/bronze_raw/landing/<endpoint>/<file>`, Files API, never
 * overwriting) and loaded into `bronze_<endpoint>` with `COPY INTO`.
 *
 * Exactly once, as the embedded load's file tracking: COPY INTO keeps the path of every file it
 * loaded in the target table's state and skips those files on every later run (pitwall never
 * emits `'force' = 'true'`), and a landing file's name (session and extraction time) never
 * changes its content, so an upload that finds the file there (409) is the same file. A load cut
 * short after its upload simply loads on the next run; a repeated run loads nothing.
 *
 * Tables are created first with every column of the OpenF1 field catalogue (the warehouse's
 * `bronze_relation` selects them by name) plus `_ingestion_timestamp`, `_source_file`,
 * `batch_day` (partition) and `_rescued_data`; fields the catalogue does not know are added by
 * COPY INTO's `mergeSchema`.
 */
import {
  bronzeColumnsOf,
  bronzeTableOf,
  isOpenF1Endpoint,
  type FieldKind,
} from '../../core/index.js'
import type { Engine } from '../engine.js'
import { quoteDatabricks } from './dialect.js'
import { copyIntoSql, createSchemaSql, createVolumeSql, type TableRef } from './statements.js'
import { databricksQualified } from './dialect.js'
import {
  uploadToVolume,
  volumePath,
  type FilesApiOptions,
  type UploadOutcome,
} from './volume-files.js'

/** A landing file to load. */
export interface LandingFile {
  readonly endpoint: string
  /** File name (`laps_9158_20240302_120000.json`). */
  readonly name: string
  readonly data: Uint8Array
}

/** What a bronze load needs. */
export interface BronzeLoadOptions {
  readonly engine: Engine
  readonly files: FilesApiOptions
  readonly catalog: string
  /** Default `bronze_raw`. */
  readonly schema?: string
  /** Default `landing`. */
  readonly volume?: string
}

/** Per endpoint: files uploaded or found, and rows COPY INTO loaded. */
export interface BronzeLoadResult {
  readonly endpoint: string
  readonly table: string
  readonly uploads: readonly UploadOutcome[]
  readonly rowsLoaded: number
}

const DATABRICKS_TYPE: Readonly<Record<FieldKind, string>> = {
  int: 'BIGINT',
  num: 'DOUBLE',
  str: 'STRING',
  date: 'STRING',
  bool: 'BOOLEAN',
  gap: 'STRING',
  segments: 'ARRAY<BIGINT>',
}

/** `CREATE TABLE IF NOT EXISTS bronze_x (catalogued columns, load columns) … PARTITIONED BY`. */
export function createBronzeTableSql(t: TableRef, endpoint: string): string {
  const cols = isOpenF1Endpoint(endpoint)
    ? bronzeColumnsOf(endpoint).map((c) => `${quoteDatabricks(c.name)} ${DATABRICKS_TYPE[c.kind]}`)
    : []
  cols.push(
    '`_ingestion_timestamp` TIMESTAMP',
    '`_source_file` STRING',
    '`batch_day` DATE',
    '`_rescued_data` STRING',
  )
  return `CREATE TABLE IF NOT EXISTS ${databricksQualified([t.catalog, t.schema, t.table])} (\n  ${cols.join(',\n  ')}\n) USING DELTA\nPARTITIONED BY (\`batch_day\`)`
}

/** Uploads the landing files and runs COPY INTO per endpoint. */
export async function loadBronzeOnDatabricks(
  options: BronzeLoadOptions,
  landing: readonly LandingFile[],
): Promise<BronzeLoadResult[]> {
  const schema = options.schema ?? 'bronze_raw'
  const volume = options.volume ?? 'landing'
  const { engine, catalog } = options
  for (const s of createSchemaSql(catalog, schema)) await engine.run(s)
  await engine.run(createVolumeSql(catalog, schema, volume))
  const byEndpoint = new Map<string, LandingFile[]>()
  for (const f of landing) byEndpoint.set(f.endpoint, [...(byEndpoint.get(f.endpoint) ?? []), f])
  const results: BronzeLoadResult[] = []
  for (const [endpoint, files] of [...byEndpoint].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const uploads = await uploadToVolume(
      options.files,
      files.map((f) => ({
        path: volumePath(catalog, schema, volume, `${endpoint}/${f.name}`),
        data: f.data,
      })),
    )
    const t: TableRef = { catalog, schema, table: bronzeTableOf(endpoint) }
    await engine.run(createBronzeTableSql(t, endpoint))
    const folder = `/Volumes/${catalog}/${schema}/${volume}/${endpoint}/`
    const rows = await engine.all(copyIntoSql(t, folder))
    const loaded = Number(rows[0]?.['num_inserted_rows'] ?? rows[0]?.['num_affected_rows'] ?? 0)
    results.push({ endpoint, table: t.table, uploads, rowsLoaded: loaded })
  }
  return results
}
