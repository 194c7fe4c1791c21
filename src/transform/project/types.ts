/**
 * @module transform/project/types
 * The parsed project as plain data (STYLE.md §3). Node fields follow dbt's manifest v12 so that
 * the manifest writer is a thin serialiser and tools that read dbt artifacts can read ours.
 */
import type { Diagnostic } from '../../core/index.js'

/** A project as files: path relative to the project root (POSIX `/`) → content. */
export type ProjectFiles = Readonly<Record<string, string>>

/** The kinds of nodes (dbt's `resource_type`). */
export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'unit_test'

/** A model/seed/snapshot/test configuration, after dbt's precedence rules were applied. */
export interface NodeConfig {
  readonly enabled: boolean
  readonly materialized: string
  readonly schema?: string
  readonly database?: string
  readonly alias?: string
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly [key: string]: unknown
}

/** A column as documented in schema YAML. */
export interface ColumnDoc {
  readonly name: string
  readonly description: string
  readonly data_type: string | null
  readonly meta: Readonly<Record<string, unknown>>
  readonly tags: readonly string[]
  readonly quote?: boolean | null
}

/** What a generic test was generated from (dbt's `test_metadata`). */
export interface TestMetadata {
  /** The test's macro name without the `test_` prefix, e.g. `not_null`. */
  readonly name: string
  /** Its arguments, including `column_name` and `model` (as `{{ get_where_subquery(ref(...)) }}`). */
  readonly kwargs: Readonly<Record<string, unknown>>
  /** `dbt_utils` for the dbt_utils tests, null for the built-in ones. */
  readonly namespace: string | null
}

/** A unit test (dbt 1.8 style). */
export interface UnitTestDef {
  readonly name: string
  readonly model: string
  readonly description: string
  readonly given: readonly {
    readonly input: string
    readonly rows?: readonly Record<string, unknown>[]
    readonly format?: string
    readonly fixture?: string
  }[]
  readonly expect: { readonly rows: readonly Record<string, unknown>[] }
  readonly overrides?: {
    readonly macros?: Readonly<Record<string, unknown>>
    readonly vars?: Readonly<Record<string, unknown>>
  }
  readonly file: string
}

/** A parsed executable node (model, seed, snapshot, test, analysis). */
export interface ProjectNode {
  /** `model.pitwall.silver_laps`, `test.pitwall.not_null_silver_laps_lap_number`, … */
  readonly unique_id: string
  readonly resource_type: ResourceType
  readonly package_name: string
  readonly name: string
  /** Path relative to its resource folder (`silver/silver_laps.sql`). */
  readonly path: string
  /** Path relative to the project (`models/silver/silver_laps.sql`). */
  readonly original_file_path: string
  readonly fqn: readonly string[]
  readonly raw_code: string
  readonly language: 'sql'
  readonly checksum: { readonly name: 'sha256'; readonly checksum: string }
  readonly config: NodeConfig
  /** The configuration as written (before defaults), for `state:modified.configs`. */
  readonly unrendered_config: Readonly<Record<string, unknown>>
  readonly description: string
  readonly columns: Readonly<Record<string, ColumnDoc>>
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  /** `ref()` calls found while parsing. */
  readonly refs: readonly { readonly name: string; readonly package: string | null }[]
  /** `source()` calls found while parsing, as `[source_name, table_name]`. */
  readonly sources: readonly (readonly [string, string])[]
  readonly depends_on: { readonly nodes: readonly string[]; readonly macros: readonly string[] }
  readonly database: string
  readonly schema: string
  readonly alias: string
  /** The schema YAML that documents this node, `project://models/x.yml`. */
  readonly patch_path: string | null
  readonly test_metadata?: TestMetadata
  readonly column_name?: string | null
  /** For a generic test: the node it tests. */
  readonly attached_node?: string | null
  /** For a seed: the CSV text. */
  readonly seed_csv?: string
  /** For a unit test. */
  readonly unit_test?: UnitTestDef
}

/** A source table from sources.yml. */
export interface SourceNode {
  readonly unique_id: string
  readonly resource_type: 'source'
  readonly package_name: string
  readonly source_name: string
  readonly name: string
  readonly identifier: string
  readonly database: string
  readonly schema: string
  readonly path: string
  readonly original_file_path: string
  readonly fqn: readonly string[]
  readonly description: string
  readonly source_description: string
  readonly columns: Readonly<Record<string, ColumnDoc>>
  readonly loaded_at_field: string | null
  readonly freshness: FreshnessRule | null
  readonly loader: string
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly config: { readonly enabled: boolean }
}

/** `freshness:` of a source table. */
export interface FreshnessRule {
  readonly warn_after: { readonly count: number | null; readonly period: string | null }
  readonly error_after: { readonly count: number | null; readonly period: string | null }
  readonly filter: string | null
}

/** A macro found in `macros/` or built in. */
export interface MacroDef {
  readonly unique_id: string
  readonly name: string
  readonly package_name: string
  readonly original_file_path: string
  readonly macro_sql: string
  readonly arguments: readonly string[]
}

/** A `{% docs %}` block. */
export interface DocBlock {
  readonly unique_id: string
  readonly name: string
  readonly block_contents: string
  readonly original_file_path: string
}

/** An exposure (dashboard, API route) from schema YAML. */
export interface ExposureNode {
  readonly unique_id: string
  readonly name: string
  readonly type: string
  readonly owner: Readonly<Record<string, unknown>>
  readonly description: string
  readonly url: string | null
  readonly depends_on: { readonly nodes: readonly string[] }
  readonly refs: readonly { readonly name: string; readonly package: string | null }[]
  readonly original_file_path: string
}

/** The target the project runs against (dbt's `target`). */
export interface TargetInfo {
  readonly name: string
  readonly type: string
  /** The catalog (dbt's `database`). */
  readonly database: string
  /** The default schema of models without a `schema` config. */
  readonly schema: string
  readonly threads: number
}

/** A whole parsed project. */
export interface Project {
  readonly name: string
  readonly target: TargetInfo
  readonly vars: Readonly<Record<string, unknown>>
  readonly nodes: Readonly<Record<string, ProjectNode>>
  readonly sources: Readonly<Record<string, SourceNode>>
  readonly macros: Readonly<Record<string, MacroDef>>
  readonly docs: Readonly<Record<string, DocBlock>>
  readonly exposures: Readonly<Record<string, ExposureNode>>
  /** Every problem found (errors stop execution). */
  readonly diagnostics: readonly Diagnostic[]
  /** The project files (compile renders from them). */
  readonly files: ProjectFiles
  /** Named selectors from `selectors.yml` (`--selector <name>`). */
  readonly selectors: readonly {
    readonly name: string
    readonly description: string
    readonly definition: unknown
  }[]
  /** `on-run-start` / `on-run-end` hooks. */
  readonly hooks: { readonly onRunStart: readonly string[]; readonly onRunEnd: readonly string[] }
}
