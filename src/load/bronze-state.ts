/**
 * @module load/bronze-state
 * What the loader needs to know about a bronze table before a load: its version, its source
 * columns with their DuckDB types, and which landing files it already holds (one Delta `txn` per
 * file: app id `pitwall-load:<source file>`, version = the file's sequence number in the table).
 *
 * JSON columns are stored as Delta `string`. Which string columns hold JSON text is known from the
 * fields the catalogue lists as mixed (`gap_to_leader`, …) and from the newest data file when its
 * Parquet schema kept DuckDB's JSON logical type; any other string column takes JSON strings only
 * and rescues other values (nothing is lost either way).
 */
import { sqlString } from '../core/index.js'
import {
  NotADeltaTableError,
  duckDbType,
  loadSnapshot,
  normalizePath,
  type ObjectStore,
  type Snapshot,
} from '../lake/index.js'
import type { Engine } from '../engine/index.js'
import { BronzeSchema } from './bronze-schema.js'
import { isMixedField } from './column-types.js'

/** The `txn` app id prefix of loaded landing files. */
export const LOAD_APP_PREFIX = 'pitwall-load:'

/** The `txn` app id of a landing file. */
export function loadAppId(sourceFile: string): string {
  return `${LOAD_APP_PREFIX}${sourceFile}`
}

/** A bronze table's state at one version. */
export interface BronzeTableState {
  /** The snapshot version; -1 when the table does not exist yet. */
  readonly version: number
  /** Source columns (metadata columns excluded), in table order. */
  readonly schema: BronzeSchema
  /** Landing files already in the table. */
  readonly loadedFiles: ReadonlySet<string>
  /** The highest file sequence number committed so far (0 when none). */
  readonly lastSequence: number
}

/** Reads the state of the table in `store` (latest version); `endpoint` names its mixed fields. */
export async function readBronzeState(
  store: ObjectStore,
  engine: Engine,
  endpoint: string,
): Promise<BronzeTableState> {
  let snapshot: Snapshot
  try {
    snapshot = await loadSnapshot(store, { sql: engine })
  } catch (error) {
    if (error instanceof NotADeltaTableError) {
      return { version: -1, schema: new BronzeSchema(), loadedFiles: new Set(), lastSequence: 0 }
    }
    throw error
  }
  const jsonColumns = await jsonColumnsOf(snapshot, engine)
  const schema = new BronzeSchema(
    snapshot.schema.fields.map((f) => ({
      name: f.name,
      type:
        jsonColumns.has(f.name) || (isMixedField(endpoint, f.name) && f.type === 'string')
          ? 'JSON'
          : duckDbType(f.type),
    })),
  )
  let lastSequence = 0
  for (const [appId, version] of snapshot.txns) {
    if (appId.startsWith(LOAD_APP_PREFIX)) lastSequence = Math.max(lastSequence, version)
  }
  return { version: snapshot.version, schema, loadedFiles: loadedFilesOf(snapshot), lastSequence }
}

/** The landing files a table already holds (its load `txn`s); empty when there is no table. */
export async function readLoadedFiles(store: ObjectStore, engine: Engine): Promise<Set<string>> {
  try {
    return loadedFilesOf(await loadSnapshot(store, { sql: engine }))
  } catch (error) {
    if (error instanceof NotADeltaTableError) return new Set()
    throw error
  }
}

function loadedFilesOf(snapshot: Snapshot): Set<string> {
  const files = new Set<string>()
  for (const appId of snapshot.txns.keys()) {
    if (appId.startsWith(LOAD_APP_PREFIX)) files.add(appId.slice(LOAD_APP_PREFIX.length))
  }
  return files
}

async function jsonColumnsOf(snapshot: Snapshot, engine: Engine): Promise<Set<string>> {
  const adds = snapshot.addActions
  if (adds.length === 0) return new Set()
  const newest = adds.reduce((a, b) => (b.modificationTime > a.modificationTime ? b : a))
  const local = snapshot.store.localPath?.(normalizePath(newest.path))
  if (local === undefined) return new Set()
  const rows = await engine.all(
    `SELECT name FROM parquet_schema(${sqlString(local)}) WHERE converted_type = 'JSON'`,
  )
  return new Set(rows.map((r) => String(r['name'])))
}
