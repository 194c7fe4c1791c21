/**
 * @module load/load-errors
 * The load layer's errors. A malformed landing file is expected (it is quarantined and reported,
 * the load goes on); the error class carries what was wrong and where.
 */
import { WarehouseError } from '../core/index.js'

/** Base class of the load layer's errors. */
export class LoadError extends WarehouseError {}

/** A landing file that is not a JSON array of objects (bad JSON, truncated, wrong shape). */
export class MalformedFileError extends LoadError {
  /** The landing-relative path. */
  readonly file: string
  /** What is wrong, in DuckDB's or our words. */
  readonly reason: string

  constructor(file: string, reason: string, cause?: unknown) {
    super('malformed-landing-file', `${file}: ${reason}`, {
      cause,
      context: { file },
      hint: 'Fix or re-extract the file, then move it from landing/_quarantine/ back into landing/<endpoint>/ and run `pitwall load` again.',
    })
    this.file = file
    this.reason = reason
  }
}
