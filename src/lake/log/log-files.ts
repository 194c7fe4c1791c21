/**
 * @module lake/log/log-files
 * Names of the files in `_delta_log/` (PROTOCOL-NOTES §1.3). Files are recognised by these
 * regexes only — never by a `*.json` glob, which would catch V2 checkpoints, compacted logs and
 * temp files.
 */
import type { ObjectMeta } from '../store/object-store.js'

/** The log folder, relative to the table root. */
export const LOG_DIR = '_delta_log'

const COMMIT = /^(\d{20})\.json$/
const CLASSIC_CHECKPOINT = /^(\d{20})\.checkpoint\.parquet$/
const MULTI_PART_CHECKPOINT = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/
const UUID_CHECKPOINT = /^(\d{20})\.checkpoint\.([0-9a-fA-F-]{36})\.(json|parquet)$/
const COMPACTED = /^(\d{20})\.(\d{20})\.compacted\.json$/
const CRC = /^(\d{20})\.crc$/

/** A recognised file of `_delta_log/`. */
export type LogFile =
  | { readonly kind: 'commit'; readonly version: number; readonly meta: ObjectMeta }
  | {
      readonly kind: 'checkpoint'
      readonly version: number
      /** `classic` single file, `multi-part` (part of parts), or `uuid` (V2). */
      readonly format: 'classic' | 'multi-part' | 'uuid'
      readonly part: number
      readonly parts: number
      /** File format of the checkpoint file itself. */
      readonly fileType: 'parquet' | 'json'
      readonly meta: ObjectMeta
    }
  | {
      readonly kind: 'compacted'
      readonly version: number
      readonly endVersion: number
      readonly meta: ObjectMeta
    }
  | { readonly kind: 'crc'; readonly version: number; readonly meta: ObjectMeta }

/** The zero-padded 20-digit file stem of a version. */
export function versionStem(version: number): string {
  return String(version).padStart(20, '0')
}

/** Path of the JSON commit of `version`, relative to the table root. */
export function commitPath(version: number): string {
  return `${LOG_DIR}/${versionStem(version)}.json`
}

/**
 * Classifies an object listed under `_delta_log/`; `undefined` for anything else (temp files,
 * `_last_checkpoint`, sub-folders such as `_sidecars/`, `.tmp/`, `_staged_commits/`).
 */
export function classifyLogFile(meta: ObjectMeta): LogFile | undefined {
  const prefix = `${LOG_DIR}/`
  if (!meta.path.startsWith(prefix)) return undefined
  const name = meta.path.slice(prefix.length)
  if (name.includes('/')) return undefined
  let m = COMMIT.exec(name)
  if (m !== null) return { kind: 'commit', version: Number(m[1]), meta }
  m = CLASSIC_CHECKPOINT.exec(name)
  if (m !== null) {
    return checkpoint(Number(m[1]), 'classic', 1, 1, 'parquet', meta)
  }
  m = MULTI_PART_CHECKPOINT.exec(name)
  if (m !== null) {
    return checkpoint(Number(m[1]), 'multi-part', Number(m[2]), Number(m[3]), 'parquet', meta)
  }
  m = UUID_CHECKPOINT.exec(name)
  if (m !== null) {
    return checkpoint(Number(m[1]), 'uuid', 1, 1, m[3] === 'json' ? 'json' : 'parquet', meta)
  }
  m = COMPACTED.exec(name)
  if (m !== null)
    return { kind: 'compacted', version: Number(m[1]), endVersion: Number(m[2]), meta }
  m = CRC.exec(name)
  if (m !== null) return { kind: 'crc', version: Number(m[1]), meta }
  return undefined
}

function checkpoint(
  version: number,
  format: 'classic' | 'multi-part' | 'uuid',
  part: number,
  parts: number,
  fileType: 'parquet' | 'json',
  meta: ObjectMeta,
): LogFile {
  return { kind: 'checkpoint', version, format, part, parts, fileType, meta }
}
