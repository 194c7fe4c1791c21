/**
 * @module serve/table-metadata
 * What the catalog browser shows about a Delta table without scanning its data: version, files,
 * size, row count (from the file statistics), last commit time, schema and properties, and its
 * history. Summaries are cached per table version (one `_delta_log/` listing per request).
 */
import { discoverTables, type CatalogStorage, type RegisteredTable } from '../catalog/index.js'
import {
  LogStore,
  history,
  loadSnapshot,
  parseStats,
  type DataType,
  type HistoryEntry,
  type Snapshot,
} from '../lake/index.js'

/** A table's summary at its latest version. */
export interface TableFacts {
  readonly version: number
  readonly numRows: number | null
  readonly numFiles: number
  readonly sizeBytes: number
  readonly lastModified: string | null
  readonly snapshot: Snapshot
}

/** Delta metadata of the lakehouse's tables. */
export class TableMetadata {
  private readonly cache = new Map<string, TableFacts>()

  constructor(
    private readonly storage: CatalogStorage,
    private readonly catalogs: readonly string[],
  ) {}

  /** The tables on disk of `catalog` (one schema, or all). */
  list(catalog: string, schema?: string): RegisteredTable[] {
    if (!this.catalogs.includes(catalog)) return []
    return discoverTables(this.storage.home, [catalog]).filter(
      (t) => schema === undefined || t.name.schema === schema,
    )
  }

  /** The table named `name`, when it exists. */
  find(name: {
    readonly catalog: string
    readonly schema: string
    readonly table: string
  }): RegisteredTable | undefined {
    return this.list(name.catalog, name.schema).find((t) => t.name.table === name.table)
  }

  /** The table's facts at its latest version (cached per version). */
  async facts(table: RegisteredTable): Promise<TableFacts> {
    const store = this.storage.storeFor(table.path)
    const latest = (await new LogStore(store).listLog()).latest
    const cached = this.cache.get(table.path)
    if (cached?.version === latest) return cached
    const snapshot = await loadSnapshot(store, { sql: this.storage.engine, version: latest })
    let rows: number | null = 0
    let size = 0
    for (const add of snapshot.addActions) {
      size += add.size
      const n = parseStats(add.stats)?.numRecords
      rows = rows === null || n === undefined ? null : rows + n
    }
    let lastModified: string | null
    try {
      lastModified = new Date(await snapshot.commitTimestamp(latest)).toISOString()
    } catch {
      lastModified = null // the commit file was cleaned up: no timestamp to show
    }
    const facts: TableFacts = {
      version: latest,
      numRows: rows,
      numFiles: snapshot.files.size,
      sizeBytes: size,
      lastModified,
      snapshot,
    }
    this.cache.set(table.path, facts)
    return facts
  }

  /** The table's commits, newest first. */
  history(table: RegisteredTable, limit: number): Promise<HistoryEntry[]> {
    return history(this.storage.storeFor(table.path), { limit })
  }

  /** A snapshot at `version` (time travel). */
  at(table: RegisteredTable, version: number): Promise<Snapshot> {
    return loadSnapshot(this.storage.storeFor(table.path), { sql: this.storage.engine, version })
  }
}

/** A Delta type as text: `long`, `array<double>`, `struct<a: int, b: string>`, `map<k, v>`. */
export function typeName(type: DataType): string {
  if (typeof type === 'string') return type
  switch (type.type) {
    case 'array':
      return `array<${typeName(type.elementType)}>`
    case 'map':
      return `map<${typeName(type.keyType)}, ${typeName(type.valueType)}>`
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}: ${typeName(f.type)}`).join(', ')}>`
  }
}
