/**
 * @module serve/routes/catalog-lookup
 * What the catalog routes share: a table found and authorized (404 when it does not exist, 403
 * without SELECT, both audited), the manifest's descriptions of tables and columns, a table's
 * summary and columns, the SQL that reads it at a version (time travel), and the audit record of
 * a metadata read.
 */
import type { Context } from 'hono'
import type { Identity, ReadTable, RegisteredTable } from '../../catalog/index.js'
import { scanSql, type Snapshot } from '../../lake/index.js'
import type { ColumnDetail, TableSummary } from '../api-types.js'
import { relationKey, type ArtifactReader } from '../artifacts.js'
import { ApiError } from '../http-errors.js'
import { sqlTable } from '../reads.js'
import { readContext } from '../request-context.js'
import type { ServeEnv, ServeOptions } from '../serve-options.js'
import { typeName, type TableMetadata } from '../table-metadata.js'
import { recordMetadataRead } from './api-app.js'

/** A relation's manifest entry: its unique id and descriptions. */
export interface RelationDoc {
  readonly id: string
  readonly description: string
  readonly columns: ReadonlyMap<string, string>
}

/** Manifest entries by `catalog.schema.table`. */
export type RelationDocs = ReadonlyMap<string, RelationDoc>

/** See the module comment; built once per app by {@link catalogLookup}. */
export interface CatalogLookup {
  /** May `identity` read `t` (SELECT and the USE privileges above it)? */
  readable(identity: Identity, t: RegisteredTable): Promise<boolean>
  /** Audits an allowed metadata read of `objects`. */
  metadataRead(c: Context<ServeEnv>, started: number, objects: readonly string[]): void
  /** The table, after checking the principal may read it. @throws ApiError not-found / denied */
  governedTable(c: Context<ServeEnv>, name: ReadTable, action?: string): Promise<RegisteredTable>
  /** The manifest's descriptions (empty when there is no manifest). */
  descriptions(): Promise<RelationDocs>
  /** The table as listed. */
  summaryOf(t: RegisteredTable, docs: RelationDocs): Promise<TableSummary>
  /** The columns of `snapshot` with the manifest's descriptions. */
  columnsOf(snapshot: Snapshot, doc: RelationDoc | undefined): ColumnDetail[]
  /** SQL reading the table at `version` (latest when absent), and the version read. */
  versionScan(t: RegisteredTable, version: number | undefined): Promise<VersionScan>
}

/** A table's rows at one version. */
export interface VersionScan {
  /** A relation to select from (a table name or a parenthesised scan). */
  readonly sql: string
  readonly version: number
}

/** Builds the {@link CatalogLookup} of an app. */
export function catalogLookup(
  options: ServeOptions,
  tables: TableMetadata,
  artifacts: ArtifactReader,
): CatalogLookup {
  const access = options.reader.access
  return {
    readable: async (identity, t) => (await access.canRead(identity, [t.name])).allowed,
    metadataRead: (c, started, objects) => recordMetadataRead(options, c, started, objects),
    governedTable: async (c, name, action = 'api.metadata') => {
      const full = `${name.catalog}.${name.schema}.${name.table}`
      const found = tables.find(name)
      if (found === undefined) {
        options.reader.record(readContext(c, action), {
          principal: c.get('identity').name,
          outcome: 'refused',
          reason: 'no such table',
          objects: [full],
        })
        throw new ApiError('not-found', `no table ${full}`)
      }
      await options.reader.authorize(c.get('identity'), [name], readContext(c, action))
      return found
    },
    descriptions: async () => {
      const manifest = await artifacts.read('manifest')
      const out = new Map<string, RelationDoc>()
      for (const n of [
        ...Object.values(manifest?.nodes ?? {}),
        ...Object.values(manifest?.sources ?? {}),
      ]) {
        const key = relationKey(n.relation_name)
        if (key === undefined) continue
        out.set(key, {
          id: n.unique_id,
          description: n.description,
          columns: new Map(Object.values(n.columns).map((col) => [col.name, col.description])),
        })
      }
      return out
    },
    summaryOf: async (t, docs) => {
      const facts = await tables.facts(t)
      const full = `${t.name.catalog}.${t.name.schema}.${t.name.table}`
      const description = docs.get(full)?.description
      return {
        catalog: t.name.catalog,
        schema: t.name.schema,
        name: t.name.table,
        full_name: full,
        version: facts.version,
        num_rows: facts.numRows,
        num_files: facts.numFiles,
        size_bytes: facts.sizeBytes,
        last_modified: facts.lastModified,
        description: description === undefined || description === '' ? null : description,
      }
    },
    columnsOf: (snapshot, doc) =>
      snapshot.schema.fields.map((f) => ({
        name: f.name,
        type: typeName(f.type),
        nullable: f.nullable,
        description: doc?.columns.get(f.name) || null,
      })),
    versionScan: async (t, v) => {
      const latest = (await tables.facts(t)).version
      if (v === undefined) return { sql: sqlTable(t.name), version: latest }
      if (v > latest) {
        throw new ApiError('not-found', `version ${v} does not exist (latest is ${latest})`)
      }
      let snapshot
      try {
        snapshot = await tables.at(t, v)
      } catch {
        throw new ApiError(
          'not-found',
          `version ${v} can no longer be read (its log was cleaned up)`,
        )
      }
      return { sql: `(${await scanSql(snapshot, { sql: options.storage.engine })})`, version: v }
    },
  }
}
