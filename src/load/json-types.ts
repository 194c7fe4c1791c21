/**
 * @module load/json-types
 * How bronze keeps the source's JSON types: a column's DuckDB type is inferred from the JSON types
 * its values have in a landing file, and each later value is checked against its column's type.
 * A value that does not fit is not cast (no silent rounding of 1.5 into a BIGINT, no "12" into a
 * number): it goes to `_rescued_data` instead.
 *
 * Types: integers → BIGINT, integers and floats → DOUBLE, strings → VARCHAR, booleans → BOOLEAN,
 * homogeneous arrays → `T[]`, objects and mixed types (`gap_to_leader`: number | "+1 LAP") → JSON
 * (the JSON text, which keeps every value and its type). Keys the OpenF1 field catalogue knows
 * take the catalogue's type instead of an inferred one (`column-types.ts`).
 */

/** JSON types as DuckDB's `json_type()` names them. */
export type JsonTypeName =
  'NULL' | 'BOOLEAN' | 'BIGINT' | 'UBIGINT' | 'DOUBLE' | 'VARCHAR' | 'ARRAY' | 'OBJECT'

/** What a landing file shows about one key: its value types and, for arrays, element types. */
export interface KeyProfile {
  readonly key: string
  /** JSON types of the non-null values. */
  readonly types: ReadonlySet<string>
  /** JSON types of the non-null elements of array values. */
  readonly elementTypes: ReadonlySet<string>
}

const INTEGER = new Set(['BIGINT', 'UBIGINT'])
const NUMBER = new Set(['BIGINT', 'UBIGINT', 'DOUBLE'])

function scalarType(types: ReadonlySet<string>): string | undefined {
  if (types.size === 0) return undefined
  const all = (allowed: ReadonlySet<string>): boolean => [...types].every((t) => allowed.has(t))
  if (all(INTEGER)) return 'BIGINT'
  if (all(NUMBER)) return 'DOUBLE'
  if (types.size === 1 && types.has('VARCHAR')) return 'VARCHAR'
  if (types.size === 1 && types.has('BOOLEAN')) return 'BOOLEAN'
  return undefined
}

/**
 * The column type for a key first seen in a file; `undefined` when every value is null (the
 * caller then uses a known type or VARCHAR).
 */
export function inferColumnType(profile: KeyProfile): string | undefined {
  if (profile.types.size === 0) return undefined
  if (profile.types.size === 1 && profile.types.has('ARRAY')) {
    if (profile.elementTypes.size === 0) return undefined
    const element = scalarType(profile.elementTypes)
    return element === undefined ? 'JSON' : `${element}[]`
  }
  return scalarType(profile.types) ?? 'JSON'
}

/** The JSON types a column of DuckDB type `columnType` accepts without loss, if it is one we check by JSON type. */
function acceptedTypes(columnType: string): ReadonlySet<string> | undefined {
  switch (columnType) {
    case 'BIGINT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT':
      return INTEGER
    case 'DOUBLE':
    case 'FLOAT':
      return NUMBER
    case 'VARCHAR':
      return new Set(['VARCHAR'])
    case 'BOOLEAN':
      return new Set(['BOOLEAN'])
    default:
      return undefined
  }
}

function inList(expr: string, set: ReadonlySet<string>): string {
  return `${expr} IN (${[...set].map((t) => `'${t}'`).join(', ')})`
}

/**
 * Scalars are checked on the value's JSON text (`v::VARCHAR`, no second JSON parse: this runs for
 * every value of every row). The text is valid JSON, so:
 * - an integer column takes the text when it is exactly the integer's own text (`12`, not `12.0`,
 *   `1e3`, `"12"` or `1.5`: those would round or change type);
 * - a float column takes any number text that is finite (`"1.5"`, `true`, `NaN`, `1e400` are not);
 * - a string column takes a text starting with `"` (a JSON string), unescaped;
 * - a boolean column takes `true` and `false`.
 */
function scalarSql(v: string, columnType: string): string | undefined {
  const text = `CAST(${v} AS VARCHAR)`
  switch (columnType) {
    case 'BIGINT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT': {
      const n = `TRY_CAST(${text} AS ${columnType})`
      return `CASE WHEN CAST(${n} AS VARCHAR) = ${text} THEN ${n} END`
    }
    case 'DOUBLE':
    case 'FLOAT': {
      const x = `TRY_CAST(${text} AS DOUBLE)`
      return `CASE WHEN isfinite(${x}) THEN CAST(${x} AS ${columnType}) END`
    }
    case 'VARCHAR':
      return `CASE WHEN starts_with(${text}, '"') THEN ${v} ->> '$' END`
    case 'BOOLEAN':
      return `CASE ${text} WHEN 'true' THEN true WHEN 'false' THEN false END`
    default:
      return undefined
  }
}

/** SQL: true when the JSON value `v` is a number that is not finite (`NaN`, `Infinity`, `1e400`). */
function nonFinite(v: string): string {
  return `(json_type(${v}) = 'DOUBLE' AND NOT isfinite(TRY_CAST(${v} AS DOUBLE)))`
}

/**
 * SQL for one column: `typed`, the value converted to `columnType`, or NULL when the source value
 * `v` (a JSON expression, SQL NULL when absent or null) does not convert without loss. A value is
 * rescued exactly when `v IS NOT NULL` and `typed IS NULL`.
 *
 * Numbers that are not finite (`NaN`, `Infinity`, `1e400`, which DuckDB reads as infinity) never
 * become DOUBLE NaN/Inf, in a DOUBLE column, a DOUBLE[] element or a JSON column: they are
 * rescued, so that no model downstream meets a value arithmetic cannot handle.
 */
export function typedSql(v: string, columnType: string): string {
  const t = `json_type(${v})`
  if (columnType === 'JSON') {
    // Mixed fields (`gap_to_leader`: number | "+1 LAP" | [q1, q2, q3]): scalars and arrays of them.
    const badElement = `list_bool_or(list_transform(json_extract(${v}, '$[*]'), e -> ${nonFinite('e')}))`
    return `CASE WHEN ${t} = 'DOUBLE' THEN CASE WHEN isfinite(TRY_CAST(${v} AS DOUBLE)) THEN ${v} END WHEN ${t} = 'ARRAY' THEN CASE WHEN ${badElement} IS NOT TRUE THEN ${v} END ELSE ${v} END`
  }
  const scalar = scalarSql(v, columnType)
  if (scalar !== undefined) return scalar
  if (columnType.endsWith('[]')) {
    const elementType = columnType.slice(0, -2)
    const element = acceptedTypes(elementType)
    const finite =
      elementType === 'DOUBLE' || elementType === 'FLOAT' ? ` AND NOT ${nonFinite('e')}` : ''
    const elementsOk =
      element === undefined
        ? 'TRUE'
        : `list_bool_and(list_transform(json_extract(${v}, '$[*]'), e -> json_type(e) = 'NULL' OR (${inList('json_type(e)', element)}${finite}))) IS NOT FALSE`
    return `CASE WHEN ${t} = 'ARRAY' AND ${elementsOk} THEN TRY_CAST(${v} AS ${columnType}) END`
  }
  // Any other type (a table created by another writer: DATE, TIMESTAMP, DECIMAL, …): convert the
  // string or number form; what does not convert is rescued.
  return `TRY_CAST((${v} ->> '$') AS ${columnType})`
}
