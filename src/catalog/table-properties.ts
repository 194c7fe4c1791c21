/**
 * @module catalog/table-properties
 * The Delta table properties the original design sets per layer: a `quality` tag on every table,
 * change data feed on silver (incremental consumers read changes), longer retention on gold (time
 * travel for published numbers), and Databricks' defaults elsewhere (REFERENCE.md §4: 7-day file
 * retention, 30-day log retention).
 */
import type { SchemaName } from './environments.js'

/** Table properties (`delta.*` and our own), string-valued as Delta stores them. */
export type TableProperties = Readonly<Record<string, string>>

const PROPERTIES: Readonly<Record<SchemaName, TableProperties>> = {
  bronze_raw: {
    quality: 'bronze',
  },
  silver_clean: {
    quality: 'silver',
    'delta.enableChangeDataFeed': 'true',
  },
  gold_analytics: {
    quality: 'gold',
    'delta.deletedFileRetentionDuration': 'interval 30 days',
    'delta.logRetentionDuration': 'interval 90 days',
  },
  system: {
    quality: 'system',
  },
}

/** The properties a new table in `schema` gets. */
export function layerTableProperties(schema: SchemaName): TableProperties {
  return PROPERTIES[schema]
}
