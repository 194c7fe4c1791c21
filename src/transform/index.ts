/**
 * @module transform
 * The dbt-style transformation engine: project, templates, graph, compile, materialize, tests,
 * snapshots, artifacts and docs. Public surface of the folder: other layers import only this file.
 */
// Errors.
export {
  TransformError,
  ProjectInvalidError,
  SelectorError,
  TemplateError,
  WarehouseOperationError,
  SnapshotLockedError,
  BuildLockedError,
} from './transform-errors.js'
// Parse (pure).
export { parseProject } from './project/parse-project.js'
export type { ParseOptions, ParsedProject } from './project/parse-project.js'
export { memoryParseCache } from './project/capture.js'
export { PACKAGE_FILES, describeSpec, expectedName, packageSpecs } from './project/packages.js'
export type { PackageSpec, ProjectPackage } from './project/packages.js'
export { commonRoot, readTar } from './project/tar-archive.js'
export type { TarEntry } from './project/tar-archive.js'
export type { CachedParse, CaptureResult, ParseCache } from './project/capture.js'
export { sha256Hex } from './content-hash.js'
export { parseCsv } from './project/csv.js'
export type {
  Project,
  ProjectFiles,
  ProjectNode,
  SourceNode,
  MacroDef,
  DocBlock,
  ExposureNode,
  NodeConfig,
  ColumnDoc,
  TargetInfo,
  ResourceType,
  FreshnessRule,
} from './project/types.js'
// Graph and selection (pure).
export { buildDag, findCycle, ancestors, descendants } from './graph/dag.js'
export type { Dag } from './graph/dag.js'
export { selectNodes } from './graph/selector.js'
export type { SelectionContext, SelectOptions } from './graph/selector.js'
export { evaluateSelector, parseSelectorsFile } from './graph/selector-definitions.js'
export type { SelectorDefinition } from './graph/selector-definitions.js'
// Compile (pure).
export { compileNode, relationOf } from './compile/compile-node.js'
export { relationKey } from './template/relation.js'
export type { CompileOptions, CompiledNode, CompileResult } from './compile/compile-node.js'
// Execution.
export type {
  Warehouse,
  RelationName,
  RelationInfo,
  WarehouseColumn,
  WarehouseRow,
  WriteRequest,
  WriteOutcome,
} from './materialize/warehouse.js'
export { qualified } from './materialize/warehouse.js'
export { DeltaWarehouse } from './materialize/delta-warehouse.js'
export type { DeltaWarehouseOptions } from './materialize/delta-warehouse.js'
export { executeRun, COMMAND_RESOURCES } from './run/execute-run.js'
export { acquireBuildLock, buildLockFile } from './run/build-lock.js'
export type { BuildLockOptions } from './run/build-lock.js'
export type { ExecuteOptions, RunOutcome, RunCommand } from './run/execute-run.js'
export type { NodeResult, NodeStatus } from './run/node-result.js'
// Artifacts (their schemas and types live in core/artifacts) and docs.
export { buildManifest } from './artifacts/manifest.js'
export { buildRunResults } from './artifacts/run-results.js'
// Kept for the callers that read the last run's statuses through transform (it lives in core).
export { statusesOf } from '../core/index.js'
export { buildCatalog } from './artifacts/catalog.js'
export { checkFreshness } from './artifacts/freshness.js'
export { writeFileAtomic, writeJsonAtomic, readJsonFile } from './artifacts/artifact-files.js'
export { compiledPath, writeCompiledFiles } from './artifacts/compiled-files.js'
export { buildDocsSite } from './docs/docs-site.js'
// Databricks: the Warehouse port on a SQL warehouse (issue 17).
export { DatabricksWarehouse } from './materialize/databricks/databricks-warehouse.js'
export type { DatabricksWarehouseOptions } from './materialize/databricks/databricks-warehouse.js'
export { databricksLayouts } from './materialize/databricks/databricks-layouts.js'
export type { DatabricksLayout } from './materialize/databricks/databricks-layouts.js'
