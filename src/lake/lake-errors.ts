/**
 * @module lake/lake-errors
 * The Delta layer's errors (as delta-rs's `errors.rs`). A caller can recover from
 * {@link VersionConflictError} (retry at version + 1) and {@link ObjectAlreadyExistsError}.
 */
import { WarehouseError, type WarehouseErrorOptions } from '../core/index.js'

/** Any failure of the Delta layer. */
export class DeltaError extends WarehouseError {
  constructor(code: string, message: string, options: WarehouseErrorOptions = {}) {
    super(code, message, options)
  }
}

/** The path is not a Delta table (no `_delta_log`). */
export class NotADeltaTableError extends DeltaError {
  constructor(path: string, options: WarehouseErrorOptions = {}) {
    super('not-a-delta-table', `not a Delta table: ${path} has no _delta_log`, {
      ...options,
      context: { path },
    })
  }
}

/** The log is inconsistent (missing protocol/metadata, gaps, unreadable checkpoint). */
export class InvalidLogError extends DeltaError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('invalid-log', message, options)
  }
}

/**
 * A commit file is empty, torn (its last line is not complete JSON) or holds fewer actions than
 * its `commitInfo` recorded — what a power loss can leave behind. Never read as an empty or
 * smaller version: the table is not opened until the file is repaired or moved aside.
 */
export class DamagedCommitError extends DeltaError {
  readonly version: number
  /** The commit file, as the store names it. */
  readonly file: string
  /** True when no later commit exists (the write that was cut short was the last one). */
  readonly last: boolean
  constructor(
    details: {
      table: string
      version: number
      file: string
      /** The line that is not valid JSON, when that is the problem. */
      line?: number
      last: boolean
      problem: string
    },
    options: WarehouseErrorOptions = {},
  ) {
    const { table, version, file, line, last, problem } = details
    const where = line === undefined ? file : `${file}:${line}`
    const previous = version - 1
    const hint = last
      ? `the last commit was not completely written (a power loss or a crash while writing it); ` +
        `nothing of version ${version} was ever complete. Move the file aside to reopen the table at version ${previous}: ` +
        `mv '${file}' '${file}.damaged' — its data files stay unreferenced and VACUUM removes them. ` +
        `Then \`pitwall table history\` shows the versions left, and \`pitwall table restore <table> --version N\` goes back further if needed.`
      : `versions after ${version} were written on top of it: restore the file from a backup. ` +
        `Versions before ${version} can still be read (time travel to version ${previous}).`
    super('damaged-commit', `commit ${version} of ${table} is damaged: ${where} ${problem}`, {
      ...options,
      hint,
      context: { table, version, file, ...(line === undefined ? {} : { line }), last },
    })
    this.version = version
    this.file = file
    this.last = last
  }
}

/** The table needs a protocol version or feature pitwall does not implement. */
export class UnsupportedFeatureError extends DeltaError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('unsupported-feature', message, options)
  }
}

/** Another writer committed the version we tried (put-if-absent lost). */
export class VersionConflictError extends DeltaError {
  readonly version: number
  constructor(version: number, options: WarehouseErrorOptions = {}) {
    super('version-conflict', `version ${version} was committed by another writer`, {
      ...options,
      context: { version },
    })
    this.version = version
  }
}

/** A concurrent commit really conflicts with ours (no retry possible). */
export class CommitConflictError extends DeltaError {
  constructor(
    readonly kind:
      | 'protocol-changed'
      | 'metadata-changed'
      | 'concurrent-append'
      | 'concurrent-delete-read'
      | 'concurrent-delete-delete'
      | 'concurrent-transaction',
    message: string,
    options: WarehouseErrorOptions = {},
  ) {
    super(`commit-conflict-${kind}`, message, options)
  }
}

/** A write would change the schema incompatibly (names the column and both types). */
export class SchemaMismatchError extends DeltaError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('schema-mismatch', message, options)
  }
}

/** An object is missing from the store. */
export class ObjectNotFoundError extends DeltaError {
  constructor(path: string, options: WarehouseErrorOptions = {}) {
    super('object-not-found', `object not found: ${path}`, { ...options, context: { path } })
  }
}

/** `putIfAbsent` found an object already there. */
export class ObjectAlreadyExistsError extends DeltaError {
  constructor(path: string, options: WarehouseErrorOptions = {}) {
    super('object-already-exists', `object already exists: ${path}`, {
      ...options,
      context: { path },
    })
  }
}
