/**
 * @module load/bronze-schema
 * A bronze table's columns as the loader sees them: the source columns in order (name → DuckDB
 * type), then the loader's own columns. Evolves by appending new source columns.
 */

/** Columns the loader adds to every bronze row, in order. */
export const METADATA_COLUMNS = [
  { name: '_rescued_data', type: 'JSON' },
  { name: '_ingestion_timestamp', type: 'TIMESTAMP WITH TIME ZONE' },
  { name: '_source_file', type: 'VARCHAR' },
  { name: 'batch_day', type: 'DATE' },
] as const

/** Names reserved for the loader: a source key with one of these names is rescued. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  METADATA_COLUMNS.map((c) => c.name.toLowerCase()),
)

/** One column. */
export interface BronzeColumn {
  readonly name: string
  /** DuckDB type (`BIGINT`, `DOUBLE[]`, `JSON`, …). */
  readonly type: string
}

/** A mutable, ordered set of source columns (metadata columns excluded). */
export class BronzeSchema {
  private readonly columns: BronzeColumn[] = []
  private readonly byLowerName = new Map<string, BronzeColumn>()

  constructor(columns: readonly BronzeColumn[] = []) {
    for (const c of columns) if (!RESERVED_NAMES.has(c.name.toLowerCase())) this.add(c)
  }

  /** The source columns in order. */
  list(): readonly BronzeColumn[] {
    return this.columns
  }

  /** The column named `name` (DuckDB names are case-insensitive). */
  get(name: string): BronzeColumn | undefined {
    return this.byLowerName.get(name.toLowerCase())
  }

  /** Appends a column. */
  add(column: BronzeColumn): void {
    this.columns.push(column)
    this.byLowerName.set(column.name.toLowerCase(), column)
  }
}
