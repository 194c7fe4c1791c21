/**
 * @module transform/project/node-builder
 * What every file-based parser does with a file once it knows the node's type and name: render it
 * in capture mode, merge its config with dbt's precedence (project tree < schema YAML `config:` <
 * `{{ config() }}`), warn about unknown config keys, check the config (`config-checks.ts`) and add
 * the node, refusing a second node of the same name.
 */
import { makeDiagnostic } from '../../core/index.js'
import { captureNode, type CaptureResult } from './capture.js'
import { checkNodeConfig } from './config-checks.js'
import { KNOWN_CONFIG_KEYS, mergeConfig, projectLayers } from './config-tree.js'
import { columnDocs, defaultConfig, makeNode } from './node-factory.js'
import type { ParseContext } from './parse-context.js'
import type { FoundFile } from './paths.js'
import { folders } from './paths.js'
import { resolveSchema } from './project-extras.js'
import type { NodePatch } from './schema-types.js'
import type { ProjectNode, ResourceType } from './types.js'

/** One node about to be built from a file. */
export interface NodeSource {
  readonly type: ResourceType
  readonly file: FoundFile
  readonly name: string
  /** The node's code (a snapshot block's body; '' for a seed). */
  readonly body: string
  /** dbt_project.yml's config tree for this resource type (`models:`, `seeds:`, …). */
  readonly tree: unknown
  readonly patch?: NodePatch
  /** The capture render's result (none for seeds). */
  readonly capture?: CaptureResult
  /** Fields set by the resource's parser (a seed's CSV and checksum). */
  readonly extra?: Partial<ProjectNode>
}

/** Renders `text` of `file` in capture mode (cached by content hash). */
export function captureFile(
  ctx: ParseContext,
  file: FoundFile,
  type: ResourceType,
  name: string,
  text: string,
): CaptureResult {
  return captureNode(
    ctx.engine,
    {
      file: file.file,
      text,
      nodeId: `${type}.${ctx.projectName}.${name}`,
      name,
      database: ctx.target.database,
      schema: ctx.target.schema,
      signature: ctx.signatureOf(text),
    },
    ctx.cache,
  )
}

/** Builds the node (refs and sources as captured; the linker resolves them) and adds it. */
export function addFileNode(ctx: ParseContext, source: NodeSource): void {
  addNode(ctx, buildNode(ctx, source))
}

/** Builds the node described by `source`, with its merged config checked. */
export function buildNode(ctx: ParseContext, source: NodeSource): ProjectNode {
  const { type, file: f, name, patch, capture } = source
  const fqn = [ctx.projectName, ...folders(f.relative), name]
  const layers = projectLayers(source.tree, fqn)
  const unrendered = mergeConfig([...layers, patch?.config ?? {}, capture?.config ?? {}])
  const nodeId = `${type}.${ctx.projectName}.${name}`
  for (const key of Object.keys(unrendered)) {
    if (KNOWN_CONFIG_KEYS.has(key)) continue
    ctx.diagnostics.push(
      makeDiagnostic(
        'config-unknown-key',
        { path: key },
        `${type} ${name}: unknown config '${key}' (kept in the manifest, not used)`,
        { file: f.file, severity: 'warn', nodeId },
      ),
    )
  }
  const merged = mergeConfig([
    defaultConfig(type),
    unrendered,
    { tags: [...(patch?.tags ?? [])] },
    patch?.meta === undefined ? {} : { meta: patch.meta },
  ])
  const node = makeNode(
    {
      type,
      projectName: ctx.projectName,
      name,
      path: f.relative,
      file: f.file,
      fqn,
      rawCode: source.body,
      config: merged,
      unrendered,
      ...(patch === undefined
        ? {}
        : {
            description: patch.description,
            columns: columnDocs(patch.columns),
            patchPath: `${ctx.projectName}://${patch.file}`,
          }),
      database: typeof merged['database'] === 'string' ? merged['database'] : ctx.target.database,
      schema: resolveSchema(ctx.engine, type, merged, ctx.target, {
        name,
        resource_type: type,
        unique_id: nodeId,
        package_name: ctx.projectName,
        fqn,
        path: f.relative,
        original_file_path: f.file,
        config: merged,
      }),
    },
    source.extra ?? {},
  )
  if (capture?.diagnostic !== undefined) ctx.diagnostics.push(capture.diagnostic)
  if (merged['enabled'] !== false) {
    checkNodeConfig(ctx, node, {
      tree: source.tree,
      fqn,
      ...(patch === undefined ? {} : { patch }),
      ...(capture === undefined ? {} : { inFile: capture.config }),
    })
  }
  return {
    ...node,
    refs: capture?.refs ?? [],
    sources: capture?.sources ?? [],
    depends_on: { nodes: [], macros: capture?.macros ?? [] },
  }
}

/** Adds `node` unless it is disabled; a second node with the same id is an error. */
export function addNode(ctx: ParseContext, node: ProjectNode): void {
  if (node.config.enabled === false) return
  const prev = ctx.nodes[node.unique_id]
  if (prev !== undefined) {
    ctx.diagnostics.push(
      makeDiagnostic(
        'duplicate-node',
        { name: node.name, files: [prev.original_file_path, node.original_file_path] },
        `two ${node.resource_type}s are named '${node.name}' (${prev.original_file_path} and ${node.original_file_path}); names must be unique`,
        { file: node.original_file_path, nodeId: node.unique_id },
      ),
    )
    return
  }
  ctx.nodes[node.unique_id] = node
}
