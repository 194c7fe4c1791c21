/**
 * @module load/column-types
 * The type of a column a landing file brings to its bronze table. A field the OpenF1 field
 * catalogue (core) lists for the endpoint takes the catalogue's type, whatever one file shows: an
 * all-null `stop_duration` in one race, or `humidity` that happens to be whole numbers, must not
 * fix a type that rescues every later value. Other keys are typed as their JSON values are
 * (`json-types.ts`); an unknown key that is null everywhere takes the type the catalogue gives
 * the same name in another endpoint, else VARCHAR.
 */
import { DUCKDB_TYPE_OF_KIND, fieldKind, OPENF1_ENDPOINTS, type FieldKind } from '../core/index.js'
import { inferColumnType, type KeyProfile } from './json-types.js'

/** The catalogue's DuckDB type for `key` of `endpoint`, if the catalogue lists it. */
export function catalogueType(endpoint: string, key: string): string | undefined {
  const kind = fieldKind(endpoint, key)
  return kind === undefined ? undefined : DUCKDB_TYPE_OF_KIND[kind]
}

/** True when `key` of `endpoint` mixes JSON types by design (kept as a JSON column). */
export function isMixedField(endpoint: string, key: string): boolean {
  return fieldKind(endpoint, key) === 'gap'
}

function kindInAnyEndpoint(key: string): FieldKind | undefined {
  for (const e of OPENF1_ENDPOINTS) {
    const kind = fieldKind(e, key)
    if (kind !== undefined) return kind
  }
  return undefined
}

/**
 * The type of a new column: the catalogue's, else inferred from `profile` (the key's JSON types
 * in the files being loaded), else the catalogue's for that name elsewhere, else VARCHAR.
 */
export function newColumnType(endpoint: string, key: string, profile?: KeyProfile): string {
  const known = catalogueType(endpoint, key)
  if (known !== undefined) return known
  const inferred = profile === undefined ? undefined : inferColumnType(profile)
  if (inferred !== undefined) return inferred
  const elsewhere = kindInAnyEndpoint(key)
  return elsewhere === undefined ? 'VARCHAR' : DUCKDB_TYPE_OF_KIND[elsewhere]
}
