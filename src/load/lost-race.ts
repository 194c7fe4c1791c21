/**
 * @module load/lost-race
 * Which write failures mean "another process committed first" (so re-read and retry), as opposed
 * to real errors: a commit conflict, or a table that another load created between our check and
 * our create.
 */
import { CommitConflictError, DeltaError } from '../lake/index.js'

/** True when `error` says a concurrent writer won the race. */
export function isLostRace(error: unknown): boolean {
  if (error instanceof CommitConflictError) return true
  return error instanceof DeltaError && error.code === 'table-exists'
}
