/**
 * @module lake/checkpoint/checkpoint-writer
 * Writes a classic single-file checkpoint `_delta_log/<v>.checkpoint.parquet` and the
 * `_last_checkpoint` hint (PROTOCOL.md "Checkpoints", Appendix "Checkpoint Schema";
 * PROTOCOL-NOTES §1.8), with exactly Spark's checkpoint schema: other engines fail on deviations
 * (delta-rs #4247, #3527, trino#18760).
 *
 * Content: protocol, metaData, live adds (stats as JSON), unexpired tombstones (without stats and
 * tags), txns and live domain metadata — one action per row, each a nullable struct column.
 * DuckDB writes the Parquet from NDJSON read with an explicit schema; the file is written under a
 * temporary name and renamed into place (for classic checkpoints the latest writer wins and all
 * writers produce the same content), fsynced, then `_last_checkpoint` is moved forward (never
 * back: see {@link advanceLastCheckpoint}).
 */
import { randomUUID } from 'node:crypto'
import { open, rm, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Action } from '../protocol/actions.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { readParquetSql, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { Snapshot } from '../snapshot.js'
import type { ObjectStore } from '../store/object-store.js'
import { LOG_DIR, versionStem } from '../log/log-files.js'
import { LogStore } from '../log/log-store.js'
import { retentionMs } from '../log/retention.js'

const DV =
  'STRUCT(storageType VARCHAR, pathOrInlineDv VARCHAR, "offset" INTEGER, sizeInBytes INTEGER, cardinality BIGINT, maxRowIndex BIGINT)'
const SMAP = 'MAP(VARCHAR, VARCHAR)'

/** Spark's checkpoint schema as DuckDB column types, in Spark's column order. */
export const CHECKPOINT_COLUMNS: Readonly<Record<string, string>> = {
  txn: 'STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT)',
  add:
    `STRUCT(path VARCHAR, partitionValues ${SMAP}, size BIGINT, modificationTime BIGINT, dataChange BOOLEAN, ` +
    `tags ${SMAP}, deletionVector ${DV}, baseRowId BIGINT, defaultRowCommitVersion BIGINT, stats VARCHAR)`,
  remove:
    `STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, ` +
    `partitionValues ${SMAP}, size BIGINT, deletionVector ${DV}, baseRowId BIGINT, defaultRowCommitVersion BIGINT)`,
  metaData:
    `STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, format STRUCT(provider VARCHAR, options ${SMAP}), ` +
    `schemaString VARCHAR, partitionColumns VARCHAR[], configuration ${SMAP}, createdTime BIGINT)`,
  protocol:
    'STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER, readerFeatures VARCHAR[], writerFeatures VARCHAR[])',
  domainMetadata: 'STRUCT(domain VARCHAR, configuration VARCHAR, removed BOOLEAN)',
}

/** What was written. */
export interface CheckpointResult {
  readonly version: number
  /** Rows (actions) in the checkpoint. */
  readonly size: number
  readonly sizeInBytes: number
  readonly numOfAddFiles: number
}

/** The actions a checkpoint of `snapshot` holds (tombstones older than the retention dropped). */
export function checkpointActions(snapshot: Snapshot, now = Date.now()): Action[] {
  const cutoff =
    now - retentionMs(snapshot.configuration['delta.deletedFileRetentionDuration'], 7 * 24)
  const out: Action[] = [{ protocol: snapshot.protocol }, { metaData: snapshot.metadata }]
  for (const t of snapshot.txnActions.values()) out.push({ txn: t })
  for (const d of snapshot.domainMetadata.values()) out.push({ domainMetadata: d })
  for (const a of snapshot.files.values()) out.push({ add: { ...a, dataChange: false } })
  for (const r of snapshot.tombstones.values()) {
    if ((r.deletionTimestamp ?? 0) <= cutoff) continue
    const { stats: _stats, tags: _tags, ...rest } = r
    out.push({ remove: { ...rest, dataChange: false } })
  }
  return out
}

/**
 * Writes the checkpoint of `snapshot` and updates `_last_checkpoint`.
 * @throws UnsupportedFeatureError for stores without local paths or v2Checkpoint tables.
 */
export async function writeCheckpoint(
  snapshot: Snapshot,
  executor: SqlExecutor,
): Promise<CheckpointResult> {
  const store = snapshot.store
  if (store.localPath === undefined) {
    throw new UnsupportedFeatureError(`checkpoints need a store on local disk (got ${store.root})`)
  }
  if ((snapshot.protocol.writerFeatures ?? []).includes('v2Checkpoint')) {
    throw new UnsupportedFeatureError(
      `table ${store.root} uses v2 checkpoints; pitwall writes classic ones only`,
    )
  }
  const actions = checkpointActions(snapshot)
  const columns = { ...CHECKPOINT_COLUMNS }
  if (snapshot.domainMetadata.size === 0)
    delete (columns as Record<string, string>)['domainMetadata']
  const ndjson = join(tmpdir(), `pitwall-checkpoint-${randomUUID()}.ndjson`)
  const finalRel = `${LOG_DIR}/${versionStem(snapshot.version)}.checkpoint.parquet`
  const tempRel = `${LOG_DIR}/.${randomUUID()}.checkpoint.parquet.tmp`
  const spec = `{${Object.entries(columns)
    .map(([k, v]) => `${k}: ${sqlString(v)}`)
    .join(', ')}}`
  try {
    // Written in batches: a table with hundreds of thousands of files must not build one huge string.
    const handle = await open(ndjson, 'w')
    try {
      for (let i = 0; i < actions.length; i += 10_000) {
        const batch = actions.slice(i, i + 10_000).map((a) => `${JSON.stringify(a)}\n`)
        await handle.write(batch.join(''))
      }
    } finally {
      await handle.close()
    }
    await executor.run(
      `COPY (SELECT ${Object.keys(columns)
        .map((c) => `"${c}"`)
        .join(', ')} FROM read_json(${sqlString(ndjson)}, ` +
        `format='newline_delimited', columns=${spec})) TO ${sqlString(store.localPath(tempRel))} (FORMAT parquet)`,
    )
    // Complete on disk before it gets its name, and the name durable before the hint points at it.
    await store.flush?.([tempRel])
    await rename(store.localPath(tempRel), store.localPath(finalRel))
    await store.flush?.([finalRel])
  } finally {
    await rm(ndjson, { force: true })
    await rm(store.localPath(tempRel), { force: true })
  }
  const meta = await store.head(finalRel)
  const result: CheckpointResult = {
    version: snapshot.version,
    size: actions.length,
    sizeInBytes: meta?.size ?? 0,
    numOfAddFiles: snapshot.files.size,
  }
  await advanceLastCheckpoint(store, result, executor)
  return result
}

const HINT = `${LOG_DIR}/_last_checkpoint`

/**
 * Points `_last_checkpoint` at `result` unless it already names a newer checkpoint: the hint only
 * moves forward, so a slow checkpointer finishing after a faster one never sends readers back.
 * The read-then-write is not atomic; a newer checkpoint that appeared meanwhile is put back.
 */
async function advanceLastCheckpoint(
  store: ObjectStore,
  result: CheckpointResult,
  executor: SqlExecutor,
): Promise<void> {
  const log = new LogStore(store)
  const current = await log.readLastCheckpoint()
  if (current !== undefined && current.version >= result.version) return
  await store.put(HINT, new TextEncoder().encode(JSON.stringify(result)))
  const newer = (await log.listLog()).checkpoints
    .filter((c) => c.format === 'classic' && c.version > result.version)
    .at(-1)
  if (newer === undefined || store.localPath === undefined) return
  await store.prefetch?.([newer.meta.path])
  const rows = await executor.all(
    `SELECT count(*) AS n FROM ${readParquetSql(sqlString(store.localPath(newer.meta.path)))}`,
  )
  const hint = { version: newer.version, size: Number(rows[0]?.['n'] ?? 0) }
  const again = await log.readLastCheckpoint()
  if (again === undefined || again.version < hint.version) {
    await store.put(HINT, new TextEncoder().encode(JSON.stringify(hint)))
  }
}
