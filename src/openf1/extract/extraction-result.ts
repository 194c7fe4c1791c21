/**
 * @module openf1/extract/extraction-result
 * The status objects an extraction returns (STYLE.md §7): per unit, per session, and totals.
 * Plain, JSON-serialisable, versioned.
 */

/** How one unit ended. `skipped` = already complete in the landing zone. */
export type UnitStatus = 'complete' | 'empty' | 'skipped' | 'failed'

/** One endpoint × session [× driver]. */
export interface UnitResult {
  /** `laps/9550`, `location/9550/1`. */
  readonly unit: string
  readonly endpoint: string
  readonly sessionKey: number
  readonly driverNumber?: number
  readonly status: UnitStatus
  readonly records: number
  readonly attempts: number
  /** Landing file, relative to the landing folder. */
  readonly file?: string
  /** Why it failed. */
  readonly error?: string
  /** Records whose fields had unexpected types (kept as received). */
  readonly invalidRecords?: number
}

/** One session. */
export interface SessionResult {
  readonly sessionKey: number
  readonly label: string
  readonly dateStart: string
  readonly status: 'complete' | 'failed'
  readonly units: readonly UnitResult[]
  /** Remarks (e.g. where the driver numbers came from). */
  readonly notes: readonly string[]
}

/** The whole extraction. */
export interface ExtractionResult {
  readonly schemaVersion: 1
  readonly landingDir: string
  readonly sessions: readonly SessionResult[]
  readonly totals: {
    readonly sessions: number
    readonly failedSessions: number
    readonly units: number
    readonly written: number
    readonly empty: number
    readonly skipped: number
    readonly failed: number
    readonly records: number
    readonly requests: number
    readonly retries: number
    readonly rateLimited: number
    readonly seconds: number
  }
  /** Exactly what is missing: failed unit ids with their reasons. */
  readonly missing: readonly { readonly unit: string; readonly error: string }[]
}
