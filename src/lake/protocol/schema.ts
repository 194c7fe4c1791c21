/**
 * @module lake/protocol/schema
 * The table schema (PROTOCOL.md "Schema Serialization Format"): parsing `metaData.schemaString`,
 * column-mapping metadata, and the DuckDB type of each Delta type (PROTOCOL-NOTES §1.4:
 * `timestamp` ↔ TIMESTAMPTZ, `timestamp_ntz` ↔ TIMESTAMP).
 */
import { InvalidLogError, UnsupportedFeatureError } from '../lake-errors.js'

/** A primitive type name (`long`, `decimal(10,2)`, …). */
export type PrimitiveType = string

/** `struct` type. */
export interface StructType {
  readonly type: 'struct'
  readonly fields: readonly StructField[]
}

/** `array` type. */
export interface ArrayType {
  readonly type: 'array'
  readonly elementType: DataType
  readonly containsNull: boolean
}

/** `map` type. */
export interface MapType {
  readonly type: 'map'
  readonly keyType: DataType
  readonly valueType: DataType
  readonly valueContainsNull: boolean
}

/** Any Delta data type. */
export type DataType = PrimitiveType | StructType | ArrayType | MapType

/** A field of a struct. `metadata` holds column mapping ids, type-widening history, … */
export interface StructField {
  readonly name: string
  readonly type: DataType
  readonly nullable: boolean
  readonly metadata: Readonly<Record<string, unknown>>
}

/** Column mapping mode (`delta.columnMapping.mode`). */
export type ColumnMappingMode = 'none' | 'name' | 'id'

/** Parses `metaData.schemaString`. @throws InvalidLogError when it is not a struct. */
export function parseSchema(schemaString: string): StructType {
  if (typeof schemaString !== 'string') {
    throw new InvalidLogError('metaData has no schemaString', {
      hint: 'the log is incomplete; the table cannot be read without its schema',
    })
  }
  let value: unknown
  try {
    value = JSON.parse(schemaString)
  } catch (cause) {
    throw new InvalidLogError('metaData.schemaString is not valid JSON', { cause })
  }
  if (!isStruct(value)) {
    throw new InvalidLogError('metaData.schemaString is not a struct type', {
      context: { schemaString: schemaString.slice(0, 200) },
    })
  }
  return value
}

/** True for a struct type. */
export function isStruct(t: unknown): t is StructType {
  return typeof t === 'object' && t !== null && (t as { type?: unknown }).type === 'struct'
}

/** True for an array type. */
export function isArray(t: DataType): t is ArrayType {
  return typeof t === 'object' && t.type === 'array'
}

/** True for a map type. */
export function isMap(t: DataType): t is MapType {
  return typeof t === 'object' && t.type === 'map'
}

/** The mode from the table configuration (default `none`). */
export function columnMappingMode(
  configuration: Readonly<Record<string, string>>,
): ColumnMappingMode {
  const mode = configuration['delta.columnMapping.mode'] ?? 'none'
  if (mode === 'none' || mode === 'name' || mode === 'id') return mode
  throw new UnsupportedFeatureError(`unknown delta.columnMapping.mode '${mode}'`)
}

/** The name of a field in the data files (its logical name when mapping is off). */
export function physicalName(field: StructField, mode: ColumnMappingMode): string {
  if (mode === 'none') return field.name
  const p = field.metadata['delta.columnMapping.physicalName']
  return typeof p === 'string' ? p : field.name
}

/** The Parquet field id of a field under id mode. */
export function fieldId(field: StructField): number | undefined {
  const id = field.metadata['delta.columnMapping.id']
  return typeof id === 'number' ? id : undefined
}

const PRIMITIVES: Readonly<Record<string, string>> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMPTZ',
  timestamp_ntz: 'TIMESTAMP',
  void: 'INTEGER',
}

/**
 * The DuckDB type of a Delta type. With `mode` other than `none`, nested struct fields use their
 * physical names (the names inside the data files).
 */
export function duckDbType(type: DataType, mode: ColumnMappingMode = 'none'): string {
  if (typeof type === 'string') {
    const p = PRIMITIVES[type]
    if (p !== undefined) return p
    const dec = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(type)
    if (dec !== null) return `DECIMAL(${dec[1]},${dec[2]})`
    if (type === 'decimal') return 'DECIMAL(10,0)'
    throw new UnsupportedFeatureError(`unsupported Delta data type '${type}'`, {
      hint: 'pitwall reads the types of PROTOCOL.md "Primitive Types" (no variant or geospatial types)',
    })
  }
  if (isStruct(type)) {
    const parts = type.fields.map(
      (f) => `${quoteStructKey(physicalName(f, mode))} ${duckDbType(f.type, mode)}`,
    )
    return `STRUCT(${parts.join(', ')})`
  }
  if (isArray(type)) return `${duckDbType(type.elementType, mode)}[]`
  if (isMap(type))
    return `MAP(${duckDbType(type.keyType, mode)}, ${duckDbType(type.valueType, mode)})`
  throw new UnsupportedFeatureError(`unsupported Delta data type ${JSON.stringify(type)}`)
}

function quoteStructKey(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The top-level field named `name` (case-insensitive, as Delta names are). */
export function findField(schema: StructType, name: string): StructField | undefined {
  const lower = name.toLowerCase()
  return (
    schema.fields.find((f) => f.name === name) ??
    schema.fields.find((f) => f.name.toLowerCase() === lower)
  )
}
