/**
 * @module lake/read/column-exprs
 * SQL expressions that turn a column as stored in the data files into the logical column:
 * physical → logical names under column mapping (nested structs, lists and maps included),
 * type widening casts (PROTOCOL.md "Type Widening"), and TIMESTAMP (INT96 or not adjusted to UTC)
 * → TIMESTAMPTZ read as UTC whatever the session time zone.
 */
import {
  duckDbType,
  isArray,
  isMap,
  isStruct,
  physicalName,
  type ColumnMappingMode,
  type DataType,
} from '../protocol/schema.js'
import { sqlIdent } from '../sql-executor.js'

/** True when a type holds a struct somewhere (renaming needs rebuilding it). */
function hasStruct(type: DataType): boolean {
  if (isStruct(type)) return true
  if (isArray(type)) return hasStruct(type.elementType)
  if (isMap(type)) return hasStruct(type.keyType) || hasStruct(type.valueType)
  return false
}

/**
 * Renames nested struct fields from physical to logical names. Lambda variables are named by
 * nesting depth so the SQL is deterministic.
 */
export function renameNested(
  expr: string,
  type: DataType,
  mode: ColumnMappingMode,
  depth = 0,
): string {
  if (mode === 'none' || !hasStruct(type)) return expr
  if (isStruct(type)) {
    const parts = type.fields.map(
      (f) =>
        `${sqlIdent(f.name)} := ${renameNested(`(${expr}).${sqlIdent(physicalName(f, mode))}`, f.type, mode, depth)}`,
    )
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${parts.join(', ')}) END`
  }
  const x = `__x${depth}`
  if (isArray(type))
    return `list_transform(${expr}, lambda ${x}: ${renameNested(x, type.elementType, mode, depth + 1)})`
  if (isMap(type)) {
    const k = renameNested(`${x}.key`, type.keyType, mode, depth + 1)
    const v = renameNested(`${x}.value`, type.valueType, mode, depth + 1)
    return `map_from_entries(list_transform(map_entries(${expr}), lambda ${x}: struct_pack(key := ${k}, value := ${v})))`
  }
  return expr
}

/**
 * The logical value of a data column. `physicalType` is the DuckDB type found in the files
 * (undefined when unknown); a cast is added only when it differs from the table type.
 */
export function columnExpr(
  ref: string,
  type: DataType,
  mode: ColumnMappingMode,
  physicalType: string | undefined,
): string {
  const target = duckDbType(type)
  const renamed = renameNested(ref, type, mode)
  if (physicalType !== undefined && sameType(physicalType, target) && renamed === ref) return ref
  if (
    type === 'timestamp' &&
    physicalType !== undefined &&
    /^TIMESTAMP(_NS|_MS|_S)?$/i.test(physicalType)
  ) {
    return `timezone('UTC', ${ref}::TIMESTAMP)`
  }
  if (physicalType !== undefined && sameType(physicalType, target)) return renamed
  return `CAST(${renamed} AS ${target})`
}

function sameType(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\s+/g, '')
      .replace(/"/g, '')
      .toUpperCase()
      .replace('TIMESTAMPWITHTIMEZONE', 'TIMESTAMPTZ')
  return norm(a) === norm(b)
}
