/**
 * @module catalog/result-cache
 * Results of the API's own reads, kept while the tables they read keep their Delta version — the
 * idea of Databricks SQL's query result cache: the key is the SQL plus the version of every table
 * read, so a new commit makes a new key and a stale answer is impossible. Only small, complete
 * results are kept (a read cut at its row cap, or abandoned, is not), in a bounded LRU. Every
 * request is still authenticated, checked against the grants and audited; only the engine work
 * is saved. A result also keeps values its callers derive from it (the serialized JSON answer),
 * so a repeated read costs neither the query nor the serialization; they go with the result.
 */
import type { ColumnInfo, ResultRow, RowStream } from '../engine/index.js'

/** A complete result. */
interface Entry {
  readonly columns: readonly ColumnInfo[]
  readonly rows: readonly ResultRow[]
  /** Values derived from the rows by callers, by name (see `GovernedResult.derive`). */
  readonly derived: Map<string, unknown>
}

/** A cached result: a stream over its rows, and the values derived from them so far. */
export interface CachedResult {
  readonly stream: RowStream
  readonly derived: Map<string, unknown>
}

/** Derived values kept per result at most (callers derive one or two). */
const MAX_DERIVED = 8

/** Limits of a {@link ResultCache}. */
export interface ResultCacheOptions {
  /** Results kept at most (least recently used go first). */
  readonly maxEntries: number
  /** Rows a result may have to be kept. */
  readonly maxRows: number
}

/** An LRU of complete small results by key. */
export class ResultCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly options: ResultCacheOptions) {}

  /** The cached result of `key` (a fresh stream over its rows), or `undefined`. */
  get(key: string): CachedResult | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (entry.derived.size > MAX_DERIVED) entry.derived.clear()
    let sent = false
    return {
      derived: entry.derived,
      stream: {
        columns: entry.columns,
        next: () => {
          const rows = sent || entry.rows.length === 0 ? undefined : [...entry.rows]
          sent = true
          return Promise.resolve(rows)
        },
        close: () => Promise.resolve(),
      },
    }
  }

  /** Wraps `stream` so a result read to its end (and small enough) is kept under `key`. */
  capture(key: string, stream: RowStream): RowStream {
    const rows: ResultRow[] = []
    let keep = true
    return {
      columns: stream.columns,
      next: async () => {
        const chunk = await stream.next()
        if (chunk === undefined) {
          if (keep) this.put(key, { columns: stream.columns, rows, derived: new Map() })
          keep = false
          return undefined
        }
        if (keep) {
          rows.push(...chunk)
          if (rows.length > this.options.maxRows) {
            keep = false
            rows.length = 0
          }
        }
        return chunk
      },
      close: () => {
        keep = false
        return stream.close()
      },
    }
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key)
    this.entries.set(key, entry)
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }
}
