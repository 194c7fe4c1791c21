/**
 * @module transform/project/parse-project
 * The parse phase (STYLE.md §10, docs/phases.md): project files in, {@link Project} out. Reads
 * `dbt_project.yml` and `profiles.yml`, loads macros, renders every model, snapshot and singular
 * test in capture mode (cached by content hash), applies schema YAML, generates the generic tests,
 * links refs and sources, and reports every problem as a diagnostic. No database, no I/O.
 */
import { makeDiagnostic, resolveConfig, type Diagnostic } from '../../core/index.js'
import { resolveSchema, selectorsOf } from './project-extras.js'
import { resolveDocReferences } from './doc-references.js'
import { BUILTIN_MACRO_FILES } from '../template/builtin-macros.js'
import { listMacros } from '../template/preprocess.js'
import { TemplateEngine, type MacroFile } from '../template/template-engine.js'
import { extractBlocks } from './blocks.js'
import { parseCsv } from './csv.js'
import { captureNode, type CaptureResult, type ParseCache } from './capture.js'
import { KNOWN_CONFIG_KEYS, mergeConfig, projectLayers, toList } from './config-tree.js'
import { sha256Hex } from '../content-hash.js'
import { linkProject } from './link-project.js'
import { columnDocs, defaultConfig, makeNode } from './node-factory.js'
import { baseName, filesUnder, folders, type FoundFile } from './paths.js'
import { parseSchemaFile, type NodePatch, type SchemaFile } from './schema-yaml.js'
import type {
  DocBlock,
  MacroDef,
  Project,
  ProjectFiles,
  ProjectNode,
  ResourceType,
  TargetInfo,
} from './types.js'

/** Options of {@link parseProject}. */
export interface ParseOptions {
  /** `--target`; the profile's default otherwise. */
  readonly target?: string
  /** `--vars`, merged over the project's vars. */
  readonly vars?: Readonly<Record<string, unknown>>
  /** What `env_var()` reads. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** profiles.yml text when it is not in `files`. */
  readonly profilesText?: string
  /** Parse results of earlier runs, by content hash. */
  readonly cache?: ParseCache
  readonly runStartedAt?: string
  readonly invocationId?: string
}

/** The first problem of a seed's CSV, with its line, or undefined when it parses. */
function csvProblem(text: string): { reason: string; line: number } | undefined {
  try {
    parseCsv(text)
    return undefined
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { reason, line: Number(/^line (\d+)/.exec(reason)?.[1] ?? 1) }
  }
}

/** A parsed project plus the template engine compile renders with. */
export interface ParsedProject extends Project {
  readonly engine: TemplateEngine
}

/**
 * Parses a project from its files. Throws `ConfigError` when `dbt_project.yml` or `profiles.yml`
 * is invalid (nothing else can be understood then); every other problem is a diagnostic.
 */
export function parseProject(files: ProjectFiles, options: ParseOptions = {}): ParsedProject {
  const config = resolveConfig({
    project: { file: 'dbt_project.yml', text: files['dbt_project.yml'] ?? '' },
    profiles: { file: 'profiles.yml', text: options.profilesText ?? files['profiles.yml'] ?? '' },
    ...(options.target === undefined ? {} : { target: options.target }),
  })
  const p = config.project
  const out = config.output
  const project = p.name
  const target: TargetInfo = {
    name: config.targetName,
    type: out.type === 'databricks' ? 'databricks' : 'duckdb',
    database: out.catalog,
    schema: (out.type === 'local' ? out.schemas?.gold : undefined) ?? 'gold_analytics',
    threads: out.threads,
  }
  const vars = { ...p.vars, ...(options.vars ?? {}) }
  const diagnostics: Diagnostic[] = [...config.warnings]

  const macroFiles: MacroFile[] = [
    ...BUILTIN_MACRO_FILES,
    ...filesUnder(
      files,
      [...p['macro-paths'], ...p['test-paths'].map((t) => `${t}/generic`)],
      ['.sql'],
    ).map((f) => ({ file: f.file, text: f.text, packageName: project })),
  ]
  const engine = new TemplateEngine({
    macroFiles,
    projectName: project,
    vars,
    env: options.env ?? {},
    target: { ...target, profile_name: config.profileName, catalog: target.database },
    adapterType: target.type,
    ...(options.runStartedAt === undefined ? {} : { runStartedAt: options.runStartedAt }),
    ...(options.invocationId === undefined ? {} : { invocationId: options.invocationId }),
  })
  diagnostics.push(...engine.diagnostics)
  // The environment only matters to files (or macros) that call env_var(): keeping it out of the
  // key otherwise lets the cache survive a new shell.
  const envHash = sha256Hex(JSON.stringify(options.env ?? {}))
  const macrosUseEnv = macroFiles.some((m) => m.text.includes('env_var'))
  const baseSignature = sha256Hex(
    JSON.stringify([macroFiles.map((m) => m.text), vars, target, macrosUseEnv ? envHash : null]),
  )
  const signatureOf = (text: string) =>
    text.includes('env_var') && !macrosUseEnv ? `${baseSignature}:${envHash}` : baseSignature

  const schemaFiles: SchemaFile[] = filesUnder(
    files,
    [...p['model-paths'], ...p['seed-paths'], ...p['snapshot-paths'], ...p['analysis-paths']],
    ['.yml', '.yaml'],
  ).map((f) => parseSchemaFile(f.file, f.text))
  for (const s of schemaFiles) diagnostics.push(...s.diagnostics)
  const patches = new Map<string, NodePatch>()
  for (const s of schemaFiles)
    for (const patch of s.patches) patches.set(`${patch.kind}:${patch.name}`, patch)

  const nodes: Record<string, ProjectNode> = {}
  const firstFile = new Map<string, string>()
  const add = (node: ProjectNode): void => {
    if (node.config.enabled === false) return
    const prev = firstFile.get(node.unique_id)
    if (prev !== undefined) {
      diagnostics.push(
        makeDiagnostic(
          'duplicate-node',
          { name: node.name, files: [prev, node.original_file_path] },
          `two ${node.resource_type}s are named '${node.name}' (${prev} and ${node.original_file_path}); names must be unique`,
          { file: node.original_file_path, nodeId: node.unique_id },
        ),
      )
      return
    }
    firstFile.set(node.unique_id, node.original_file_path)
    nodes[node.unique_id] = node
  }

  const build = (
    type: ResourceType,
    f: FoundFile,
    name: string,
    body: string,
    tree: unknown,
    patch: NodePatch | undefined,
    capture: CaptureResult | undefined,
    extra: Partial<ProjectNode> = {},
  ): ProjectNode => {
    const fqn = [project, ...folders(f.relative), name]
    const unrendered = mergeConfig([
      ...projectLayers(tree, fqn),
      patch?.config ?? {},
      capture?.config ?? {},
    ])
    for (const key of Object.keys(unrendered)) {
      if (KNOWN_CONFIG_KEYS.has(key)) continue
      diagnostics.push(
        makeDiagnostic(
          'config-unknown-key',
          { path: key },
          `${type} ${name}: unknown config '${key}' (kept in the manifest, not used)`,
          {
            file: f.file,
            severity: 'warn',
            nodeId: `${type}.${project}.${name}`,
          },
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
        projectName: project,
        name,
        path: f.relative,
        file: f.file,
        fqn,
        rawCode: body,
        config: merged,
        unrendered,
        ...(patch === undefined
          ? {}
          : {
              description: patch.description,
              columns: columnDocs(patch.columns),
              patchPath: `${project}://${patch.file}`,
            }),
        database: typeof merged['database'] === 'string' ? merged['database'] : target.database,
        schema: resolveSchema(engine, type, merged, target),
      },
      extra,
    )
    if (capture?.diagnostic !== undefined) diagnostics.push(capture.diagnostic)
    return {
      ...node,
      refs: capture?.refs ?? [],
      sources: capture?.sources ?? [],
      depends_on: { nodes: [], macros: capture?.macros ?? [] },
    }
  }
  const capture = (f: FoundFile, type: ResourceType, name: string, text: string) =>
    captureNode(
      engine,
      {
        file: f.file,
        text,
        nodeId: `${type}.${project}.${name}`,
        name,
        database: target.database,
        schema: target.schema,
        signature: signatureOf(text),
      },
      options.cache,
    )

  for (const f of filesUnder(files, p['model-paths'], ['.sql'])) {
    const name = baseName(f.file)
    add(
      build(
        'model',
        f,
        name,
        f.text,
        p.models,
        patches.get(`models:${name}`),
        capture(f, 'model', name, f.text),
      ),
    )
  }
  for (const f of filesUnder(files, p['seed-paths'], ['.csv'])) {
    const name = baseName(f.file)
    const problem = csvProblem(f.text)
    if (problem !== undefined) {
      diagnostics.push(
        makeDiagnostic(
          'seed-invalid',
          { reason: problem.reason },
          `seed ${name}: ${problem.reason}`,
          {
            file: f.file,
            at: { line: problem.line, column: 1 },
          },
        ),
      )
    }
    add(
      build('seed', f, name, '', p.seeds, patches.get(`seeds:${name}`), undefined, {
        seed_csv: f.text,
        checksum: { name: 'sha256', checksum: sha256Hex(f.text) },
      }),
    )
  }
  for (const f of filesUnder(files, p['snapshot-paths'], ['.sql'])) {
    for (const block of extractBlocks(f.text, 'snapshot')) {
      add(
        build(
          'snapshot',
          f,
          block.name,
          block.body,
          p.snapshots,
          patches.get(`snapshots:${block.name}`),
          capture(f, 'snapshot', block.name, block.body),
        ),
      )
    }
  }
  for (const patch of patches.values()) {
    if (patch.kind !== 'snapshots' || patch.relation === undefined) continue
    const body = `select * from {{ ${patch.relation} }}`
    const f: FoundFile = {
      file: patch.file,
      relative: patch.file.slice(patch.file.indexOf('/') + 1),
      root: '',
      text: body,
    }
    add(
      build(
        'snapshot',
        f,
        patch.name,
        body,
        p.snapshots,
        patch,
        capture(f, 'snapshot', patch.name, body),
      ),
    )
  }
  const testTree = Object.keys(p.data_tests).length > 0 ? p.data_tests : p.tests
  for (const f of filesUnder(files, p['test-paths'], ['.sql'])) {
    if (f.relative.startsWith('generic/')) continue
    const name = baseName(f.file)
    add(build('test', f, name, f.text, testTree, undefined, capture(f, 'test', name, f.text)))
  }
  for (const f of filesUnder(files, p['analysis-paths'], ['.sql'])) {
    const name = baseName(f.file)
    add(
      build(
        'analysis',
        f,
        name,
        f.text,
        {},
        patches.get(`analyses:${name}`),
        capture(f, 'analysis', name, f.text),
      ),
    )
  }

  const macros: Record<string, MacroDef> = {}
  for (const mf of macroFiles) {
    for (const m of listMacros(mf.text)) {
      const id = `macro.${mf.packageName}.${m.name}`
      macros[id] = {
        unique_id: id,
        name: m.name,
        package_name: mf.packageName,
        original_file_path: mf.file,
        macro_sql: m.sql,
        arguments: m.arguments,
      }
    }
  }
  const docs: Record<string, DocBlock> = {}
  for (const f of filesUnder(files, p['model-paths'], ['.md'])) {
    for (const b of extractBlocks(f.text, 'docs')) {
      const id = `doc.${project}.${b.name}`
      docs[id] = {
        unique_id: id,
        name: b.name,
        block_contents: b.content.trim(),
        original_file_path: f.file,
      }
    }
  }

  const linked = linkProject({
    projectName: project,
    target,
    engine,
    nodes,
    patches: [...patches.values()],
    schemaFiles,
    testTree,
    diagnostics,
  })
  return {
    name: project,
    target,
    vars,
    nodes: resolveDocReferences(linked.nodes, docs, diagnostics),
    sources: resolveDocReferences(linked.sources, docs, diagnostics),
    macros,
    docs,
    exposures: linked.exposures,
    diagnostics,
    files,
    selectors: selectorsOf(files, diagnostics),
    hooks: { onRunStart: toList(p['on-run-start']), onRunEnd: toList(p['on-run-end']) },
    engine,
  }
}
