/**
 * @module transform/project/schema-types
 * What schema YAML files hold, as plain specs (one type per YAML entry kind): the readers in
 * `schema-yaml*.ts` produce them, the linker (`link-project.ts` and its helpers) consumes them.
 */
import type { Diagnostic, SourcePosition } from '../../core/index.js'
import type { FreshnessRule, UnitTestDef } from './types.js'

/** A generic test as written in YAML. */
export interface TestSpec {
  /** `not_null`, `accepted_range`, … */
  readonly testName: string
  /** `dbt_utils` for `dbt_utils.accepted_range`, else null. */
  readonly namespace: string | null
  /** A `name:` given by the user. */
  readonly customName?: string
  readonly kwargs: Readonly<Record<string, unknown>>
  readonly config: Readonly<Record<string, unknown>>
  readonly file: string
  readonly at?: SourcePosition
}

/** A column in schema YAML. */
export interface ColumnSpec {
  readonly name: string
  readonly description: string
  readonly data_type: string | null
  readonly meta: Readonly<Record<string, unknown>>
  readonly tags: readonly string[]
  readonly tests: readonly TestSpec[]
}

/** A `models:` / `seeds:` / `snapshots:` / `analyses:` entry. */
export interface NodePatch {
  readonly kind: 'models' | 'seeds' | 'snapshots' | 'analyses'
  readonly name: string
  readonly description: string
  readonly config: Readonly<Record<string, unknown>>
  /** Where each key of `config:` is written (for diagnostics about a config value). */
  readonly configAt?: Readonly<Record<string, SourcePosition>>
  readonly columns: readonly ColumnSpec[]
  readonly tests: readonly TestSpec[]
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  /** YAML snapshots (dbt 1.9): `relation: source('s', 't')`. */
  readonly relation?: string
  readonly file: string
  readonly at?: SourcePosition
}

/** One table of a source. */
export interface SourceTableSpec {
  readonly name: string
  readonly identifier?: string
  readonly description: string
  readonly columns: readonly ColumnSpec[]
  readonly tests: readonly TestSpec[]
  readonly freshness: FreshnessRule | null | undefined
  readonly loaded_at_field: string | null | undefined
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly enabled: boolean
}

/** A `sources:` entry. */
export interface SourceSpec {
  readonly name: string
  readonly description: string
  readonly database?: string
  readonly schema?: string
  readonly loader: string
  readonly freshness: FreshnessRule | null | undefined
  readonly loaded_at_field: string | null | undefined
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly tables: readonly SourceTableSpec[]
  readonly file: string
}

/** An `exposures:` entry. */
export interface ExposureSpec {
  readonly name: string
  readonly type: string
  readonly owner: Readonly<Record<string, unknown>>
  readonly description: string
  readonly url: string | null
  readonly depends_on: readonly string[]
  readonly file: string
}

/** Everything one schema file holds. */
export interface SchemaFile {
  readonly patches: readonly NodePatch[]
  readonly sources: readonly SourceSpec[]
  readonly unitTests: readonly UnitTestDef[]
  readonly exposures: readonly ExposureSpec[]
  readonly diagnostics: readonly Diagnostic[]
}
