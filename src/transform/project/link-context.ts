/**
 * @module transform/project/link-context
 * What the resolve step works on: the parsed nodes, the schema YAML specs, the template engine
 * (to find test macros) and the diagnostics sink. Shared by `link-project.ts` and the helpers it
 * calls (`source-nodes.ts`, `test-nodes.ts`, `unit-test-nodes.ts`, `link-refs.ts`).
 */
import type { Diagnostic } from '../../core/index.js'
import type { TemplateEngine } from '../template/template-engine.js'
import type { NodePatch, SchemaFile, TestSpec } from './schema-types.js'
import type { ProjectNode, TargetInfo } from './types.js'

/** Input of `linkProject`. */
export interface LinkInput {
  readonly projectName: string
  readonly target: TargetInfo
  readonly engine: TemplateEngine
  /** The nodes parsed from files; test and unit-test nodes are added here. */
  readonly nodes: Record<string, ProjectNode>
  readonly patches: readonly NodePatch[]
  readonly schemaFiles: readonly SchemaFile[]
  /** dbt_project.yml's `data_tests:` (or `tests:`) config tree. */
  readonly testTree: unknown
  /** Diagnostics are appended here. */
  readonly diagnostics: Diagnostic[]
}

/** Where a generic test node came from (to report a test declared twice). */
export interface TestOrigin {
  readonly spec: TestSpec
  readonly attached: string
  readonly column: string | null
}
