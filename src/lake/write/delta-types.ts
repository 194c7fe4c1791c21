/**
 * @module lake/write/delta-types
 * From DuckDB types to Delta types (the other direction is `protocol/schema.ts#duckDbType`): how
 * the writer derives a table schema from the columns of a query (PROTOCOL-NOTES §1.4:
 * TIMESTAMPTZ → `timestamp`, TIMESTAMP → `timestamp_ntz`, …).
 */
import { SchemaMismatchError } from '../lake-errors.js'
import type { DataType, StructField, StructType } from '../protocol/schema.js'

/** A Delta data type (the reader's `DataType`). */
export type DeltaType = DataType
/** One field of a struct. */
export type DeltaField = StructField
/** A table schema (the top-level struct). */
export type DeltaSchema = StructType

const DUCKDB_TO_DELTA: Readonly<Record<string, string>> = {
  VARCHAR: 'string',
  BIGINT: 'long',
  INTEGER: 'integer',
  SMALLINT: 'short',
  TINYINT: 'byte',
  FLOAT: 'float',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
  BLOB: 'binary',
  DATE: 'date',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  TIMESTAMP: 'timestamp_ntz',
  // Unsigned and wider types are widened to the nearest Delta type (Spark has no unsigned types).
  UTINYINT: 'short',
  USMALLINT: 'integer',
  UINTEGER: 'long',
  HUGEINT: 'decimal(38,0)',
  UBIGINT: 'decimal(20,0)',
  TIMESTAMP_S: 'timestamp_ntz',
  TIMESTAMP_MS: 'timestamp_ntz',
  TIMESTAMP_NS: 'timestamp_ntz',
  UUID: 'string',
  JSON: 'string',
}

/** The Delta type of a DuckDB type as `DESCRIBE` prints it; `column` names it in errors. */
export function deltaTypeOf(duckType: string, column: string): DeltaType {
  const t = duckType.trim()
  const simple = DUCKDB_TO_DELTA[t]
  if (simple !== undefined) return simple
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t)
  if (decimal !== null) return `decimal(${decimal[1]},${decimal[2]})`
  if (t.endsWith('[]')) {
    return { type: 'array', elementType: deltaTypeOf(t.slice(0, -2), column), containsNull: true }
  }
  const struct = /^STRUCT\((.*)\)$/s.exec(t)
  if (struct !== null) {
    return {
      type: 'struct',
      fields: splitTopLevel(struct[1] ?? '').map((part) => {
        const { name, rest } = splitNameAndType(part)
        return { name, type: deltaTypeOf(rest, `${column}.${name}`), nullable: true, metadata: {} }
      }),
    }
  }
  const map = /^MAP\((.*)\)$/s.exec(t)
  if (map !== null) {
    const [k, v] = splitTopLevel(map[1] ?? '')
    if (k !== undefined && v !== undefined) {
      return {
        type: 'map',
        keyType: deltaTypeOf(k, `${column}.key`),
        valueType: deltaTypeOf(v, `${column}.value`),
        valueContainsNull: true,
      }
    }
  }
  throw new SchemaMismatchError(
    `column '${column}' has DuckDB type ${t}, which has no Delta equivalent; cast it (e.g. to VARCHAR)`,
  )
}

/** Splits `a INT, b STRUCT(x INT, y INT)` at top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '(') depth++
    else if (!quoted && ch === ')') depth--
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(s.slice(start, i).trim())
      start = i + 1
    }
  }
  if (s.trim() !== '') out.push(s.slice(start).trim())
  return out
}

function splitNameAndType(part: string): { name: string; rest: string } {
  if (part.startsWith('"')) {
    let i = 1
    let name = ''
    while (i < part.length) {
      if (part[i] === '"' && part[i + 1] === '"') {
        name += '"'
        i += 2
      } else if (part[i] === '"') break
      else name += part[i++]
    }
    return { name, rest: part.slice(i + 1).trim() }
  }
  const space = part.indexOf(' ')
  return { name: part.slice(0, space), rest: part.slice(space + 1).trim() }
}

/** A readable type name for error messages (`decimal(10,2)`, `array<integer>`, `struct<…>`). */
export function typeName(type: DeltaType): string {
  if (typeof type === 'string') return type
  if (type.type === 'array') return `array<${typeName(type.elementType)}>`
  if (type.type === 'map') return `map<${typeName(type.keyType)},${typeName(type.valueType)}>`
  return `struct<${type.fields.map((f) => `${f.name}:${typeName(f.type)}`).join(',')}>`
}
