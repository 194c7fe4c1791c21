/**
 * @module lake/log/checkpoint-reader
 * Reads a checkpoint into actions: classic and multi-part Parquet, V2 UUID-named JSON or Parquet,
 * and the sidecar files V2 checkpoints point to (`_delta_log/_sidecars/`). Parquet is read by the
 * engine (DuckDB `read_parquet` through {@link SqlExecutor}); every row becomes JSON with
 * `to_json`, so columns a writer left out (e.g. no `txn`) and extra ones (`stats_parsed`) just work.
 */
import type { Action } from '../protocol/actions.js'
import { parseActions, toAction } from '../protocol/parse-actions.js'
import { InvalidLogError, UnsupportedFeatureError } from '../lake-errors.js'
import { readParquetSql, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import { LOG_DIR } from './log-files.js'
import type { CheckpointRef } from './log-segment.js'
import { normalizePath } from '../protocol/paths.js'

const decoder = new TextDecoder()

/** Reads all actions of a checkpoint, sidecars included. */
export async function readCheckpoint(
  store: ObjectStore,
  ref: CheckpointRef,
  sql: SqlExecutor | undefined,
): Promise<Action[]> {
  const paths = ref.files.map((f) => f.path)
  const actions =
    ref.fileType === 'json'
      ? paths.length === 1
        ? parseActions(decoder.decode(await store.get(paths[0] ?? '')), `${store.root}/${paths[0]}`)
        : []
      : await readParquetActions(store, paths, sql, `checkpoint ${ref.version}`)
  const sidecars: string[] = []
  const out: Action[] = []
  for (const a of actions) {
    if ('sidecar' in a) sidecars.push(sidecarPath(a.sidecar.path))
    else out.push(a)
  }
  if (sidecars.length > 0) {
    out.push(
      ...(await readParquetActions(store, sidecars, sql, `sidecars of checkpoint ${ref.version}`)),
    )
  }
  return out
}

function sidecarPath(path: string): string {
  const p = normalizePath(path)
  return p.includes('/') ? p : `${LOG_DIR}/_sidecars/${p}`
}

/** Reads actions from Parquet files (checkpoint parts or sidecars) with the engine. */
export async function readParquetActions(
  store: ObjectStore,
  paths: readonly string[],
  sql: SqlExecutor | undefined,
  what: string,
): Promise<Action[]> {
  if (sql === undefined) {
    throw new UnsupportedFeatureError(
      `reading the Parquet ${what} of ${store.root} needs a SQL engine`,
      {
        hint: 'pass a SqlExecutor (DuckDB) in the snapshot options',
      },
    )
  }
  await store.prefetch?.(paths.filter((p) => !p.startsWith('/')))
  const local = paths.map((p) => (p.startsWith('/') ? p : store.localPath?.(p)))
  if (local.some((p) => p === undefined)) {
    throw new UnsupportedFeatureError(
      `the Parquet ${what} of ${store.root} is not on local disk; DuckDB cannot read it`,
    )
  }
  const list = local.map((p) => sqlString(p ?? '')).join(', ')
  let rows
  try {
    rows = await sql.all(
      `SELECT to_json(t)::VARCHAR AS j FROM ${readParquetSql(`[${list}]`, ['union_by_name=true'])} t`,
    )
  } catch (cause) {
    throw new InvalidLogError(
      `cannot read the ${what} of ${store.root}: ${(cause as Error).message}`,
      {
        cause,
        context: { table: store.root, files: paths },
      },
    )
  }
  const out: Action[] = []
  for (const row of rows) {
    const action = toAction(JSON.parse(String(row['j'])) as Record<string, unknown>)
    if (action !== undefined) out.push(action)
  }
  return out
}
