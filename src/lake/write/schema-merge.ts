/**
 * @module lake/write/schema-merge
 * Schema enforcement and evolution on write (Spark's `mergeSchema`). Incoming columns are matched
 * to the table's case-insensitively; a narrower numeric type is accepted and cast up; a new column
 * is added only with `mergeSchema`; anything else is a {@link SchemaMismatchError} naming the
 * column and both types.
 */
import { SchemaMismatchError } from '../lake-errors.js'
import { typeName, type DeltaField, type DeltaSchema, type DeltaType } from './delta-types.js'

/** The result of reconciling incoming data with the table schema. */
export interface ReconciledSchema {
  /** The schema after the write (the table's, plus new columns at the end). */
  readonly schema: DeltaSchema
  /** True when new columns were added (the commit then carries a new `metaData`). */
  readonly changed: boolean
  /** Names of the columns added. */
  readonly added: readonly string[]
}

const WIDENS_TO: Readonly<Record<string, readonly string[]>> = {
  byte: ['short', 'integer', 'long', 'double'],
  short: ['integer', 'long', 'double'],
  integer: ['long', 'double'],
  long: [],
  float: ['double'],
  date: ['timestamp_ntz'],
}

/** True when data of type `from` can be written into a column of type `to` without loss. */
export function canWriteInto(from: DeltaType, to: DeltaType): boolean {
  const a = typeName(from)
  const b = typeName(to)
  if (a === b) return true
  if (typeof from === 'string' && typeof to === 'string') {
    if (WIDENS_TO[from]?.includes(to) === true) return true
    const src = decimalOf(from)
    const dst = decimalOf(to)
    // Decimals (DuckDB's type for literals such as 0.5) go into double/float columns, and into
    // decimals with at least as many integer and fraction digits.
    if (src !== undefined && (to === 'double' || to === 'float')) return true
    if (src !== undefined && dst !== undefined) {
      return dst.scale >= src.scale && dst.precision - dst.scale >= src.precision - src.scale
    }
    const intDigits = INTEGER_DIGITS[from]
    if (intDigits !== undefined && dst !== undefined) return dst.precision - dst.scale >= intDigits
  }
  return false
}

const INTEGER_DIGITS: Readonly<Record<string, number>> = {
  byte: 3,
  short: 5,
  integer: 10,
  long: 19,
}

function decimalOf(type: string): { precision: number; scale: number } | undefined {
  const m = /^decimal\((\d+),\s*(\d+)\)$/.exec(type)
  return m === null ? undefined : { precision: Number(m[1]), scale: Number(m[2]) }
}

/**
 * Checks `incoming` against `table` and evolves it when `mergeSchema` is set.
 * @throws SchemaMismatchError for a type conflict, or a new column without `mergeSchema`.
 */
export function reconcileSchema(
  table: DeltaSchema,
  incoming: DeltaSchema,
  options: { readonly mergeSchema?: boolean; readonly tableName?: string } = {},
): ReconciledSchema {
  const where = options.tableName === undefined ? '' : ` of ${options.tableName}`
  const byName = new Map(table.fields.map((f) => [f.name.toLowerCase(), f]))
  const added: DeltaField[] = []
  for (const field of incoming.fields) {
    const existing = byName.get(field.name.toLowerCase())
    if (existing === undefined) {
      if (options.mergeSchema !== true) {
        throw new SchemaMismatchError(
          `column '${field.name}' (${typeName(field.type)}) is not in the table schema${where}; ` +
            `write with mergeSchema to add it`,
        )
      }
      added.push({ ...field, nullable: true })
      continue
    }
    if (!canWriteInto(field.type, existing.type)) {
      throw new SchemaMismatchError(
        `column '${existing.name}'${where} has type ${typeName(existing.type)} in the table but ` +
          `${typeName(field.type)} in the data; cast the data or overwrite the schema`,
      )
    }
  }
  return {
    schema: { type: 'struct', fields: [...table.fields, ...added] },
    changed: added.length > 0,
    added: added.map((f) => f.name),
  }
}
