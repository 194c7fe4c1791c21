/**
 * @module catalog/governed-result
 * A running governed read as its callers see it: the columns, then the rows a chunk at a time up
 * to the row cap (what lies past the cap is dropped and said), engine failures translated (a
 * timeout, or a message without server paths), and one audit record when it is closed.
 */
import type { ColumnInfo, ResultRow, RowStream } from '../engine/index.js'
import type { AuditOutcome } from './audit-log.js'
import { QueryTimeoutError } from './catalog-errors.js'
import type { ReadTable } from './sql-guard.js'

/**
 * A running governed read: its columns, then its rows a chunk at a time up to the row cap.
 * Always `close()` it (in `finally`): that stops the statement and writes the audit record.
 */
export class GovernedResult {
  /** Rows handed out so far. */
  rowCount = 0
  /** True once rows past the cap were found (and dropped). */
  truncated = false
  private outcome: AuditOutcome | undefined
  private reason: string | null = null
  private closed = false

  constructor(
    /** The tables the read touches. */
    readonly tables: readonly ReadTable[],
    private readonly stream: RowStream,
    /** The row cap. */
    readonly maxRows: number,
    private readonly hooks: {
      translate: (error: unknown) => Error
      finish: (outcome: AuditOutcome, rows: number, reason: string | null) => void
    },
    /** Where values derived from a cached result are kept (absent: not cached). */
    private readonly derived?: Map<string, unknown>,
  ) {}

  /**
   * A value computed from this result's rows (e.g. the serialized answer), kept with the result
   * while it stays in the result cache, so the next identical read reuses it; computed afresh
   * when the result is not cached. `name` must stand for everything else the value depends on.
   * `keep` may refuse to keep a value (e.g. a large text). Call it after reading every row.
   */
  derive<T>(name: string, make: () => T, keep: (value: T) => boolean = () => true): T {
    if (this.derived === undefined) return make()
    if (this.derived.has(name)) return this.derived.get(name) as T
    const value = make()
    if (keep(value)) this.derived.set(name, value)
    return value
  }

  /** The result's columns. */
  get columns(): readonly ColumnInfo[] {
    return this.stream.columns
  }

  /** The rows, a chunk at a time, stopping at the cap. @throws QueryTimeoutError, GovernedQueryError */
  async *chunks(): AsyncGenerator<ResultRow[]> {
    for (let rows = await this.next(); rows !== undefined; rows = await this.next()) yield rows
  }

  /** Every row up to the cap. */
  async all(): Promise<ResultRow[]> {
    // A plain loop, not `chunks()`: an async generator per read showed in the serving profile.
    const out: ResultRow[] = []
    for (let rows = await this.next(); rows !== undefined; rows = await this.next()) {
      out.push(...rows)
    }
    return out
  }

  /** The next chunk within the cap, or `undefined` at the end or once the cap is reached. */
  private async next(): Promise<ResultRow[] | undefined> {
    if (this.truncated) return undefined
    let rows: ResultRow[] | undefined
    try {
      rows = await this.stream.next()
    } catch (error) {
      const failure = this.hooks.translate(error)
      this.outcome = failure instanceof QueryTimeoutError ? 'timeout' : 'failed'
      this.reason = failure.message
      throw failure
    }
    if (rows === undefined) return undefined
    const room = this.maxRows - this.rowCount
    if (rows.length > room) {
      this.truncated = true
      if (room <= 0) return undefined
      this.rowCount += room
      return rows.slice(0, room)
    }
    this.rowCount += rows.length
    return rows
  }

  /**
   * Stops the statement and writes the audit record (once). `outcome` overrides what the rows
   * said (e.g. `failed` when the client went away mid-export); `rows` what was handed out (a
   * `COPY` returns one row: the count it wrote).
   */
  async close(outcome?: AuditOutcome, reason?: string, rows?: number): Promise<void> {
    if (this.closed) return
    this.closed = true
    const final = outcome ?? this.outcome ?? (this.truncated ? 'truncated' : 'ok')
    await this.stream.close()
    this.hooks.finish(final, rows ?? this.rowCount, reason ?? this.reason)
  }
}
