/**
 * @module transform/project/parse-context
 * The state one parse shares between the per-resource parsers (dbt's `ParserBase` and
 * `ManifestLoader`): the validated `dbt_project.yml`, the target, the template engine with every
 * macro loaded, the schema YAML patches, the nodes found so far and the diagnostics sink.
 */
import {
  parseYamlSource,
  resolveConfig,
  type Diagnostic,
  type ProjectConfig,
  type YamlSource,
} from '../../core/index.js'
import { sha256Hex } from '../content-hash.js'
import { BUILTIN_MACRO_FILES, LAKEHOUSE_NAMING_FILE } from '../template/builtin-macros.js'
import { TemplateEngine, type MacroFile } from '../template/template-engine.js'
import type { ParseCache } from './capture.js'
import { loadPackages, type ProjectPackage } from './package-loader.js'
import { filesUnder } from './paths.js'
import type { NodePatch, SchemaFile } from './schema-types.js'
import { parseSchemaFile } from './schema-yaml.js'
import type { ProjectFiles, ProjectNode, TargetInfo } from './types.js'

/** Options of `parseProject`. */
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
  /** The installed packages (`dbt_packages/`, local packages), read by the caller. */
  readonly packages?: readonly ProjectPackage[]
  /** dbt's `flags` (`WHICH`, `FULL_REFRESH`, `STORE_FAILURES`, …) for `{{ flags.* }}`. */
  readonly flags?: Readonly<Record<string, unknown>>
}

/** What every resource parser reads and writes. */
export interface ParseContext {
  readonly files: ProjectFiles
  /** The validated `dbt_project.yml`. */
  readonly config: ProjectConfig
  /** `dbt_project.yml` as parsed YAML (to point diagnostics at a config line). */
  readonly projectYaml: YamlSource
  readonly projectName: string
  readonly target: TargetInfo
  readonly vars: Readonly<Record<string, unknown>>
  readonly engine: TemplateEngine
  readonly macroFiles: readonly MacroFile[]
  readonly schemaFiles: readonly SchemaFile[]
  /** Schema YAML patches by `<kind>:<name>` (`models:silver_laps`). */
  readonly patches: ReadonlyMap<string, NodePatch>
  /** The nodes found so far, by unique id (parsers add, the linker completes). */
  readonly nodes: Record<string, ProjectNode>
  /** Every problem found; appended by each step. */
  readonly diagnostics: Diagnostic[]
  readonly cache?: ParseCache
  /** The parse-cache signature of a file's text (template environment, and env when used). */
  signatureOf(text: string): string
}

/**
 * Validates `dbt_project.yml` and `profiles.yml`, loads the macros into one template engine and
 * reads every schema YAML file. Throws `ConfigError` when either config file is invalid (nothing
 * else can be understood then).
 */
export function createParseContext(files: ProjectFiles, options: ParseOptions): ParseContext {
  const resolved = resolveConfig({
    project: { file: 'dbt_project.yml', text: files['dbt_project.yml'] ?? '' },
    profiles: { file: 'profiles.yml', text: options.profilesText ?? files['profiles.yml'] ?? '' },
    ...(options.target === undefined ? {} : { target: options.target }),
    env: options.env ?? {},
  })
  const p = resolved.project
  const out = resolved.output
  const target: TargetInfo = {
    name: resolved.targetName,
    type: out.type === 'databricks' ? 'databricks' : 'duckdb',
    database: out.catalog,
    schema:
      out.type === 'duckdb'
        ? out.schema
        : ((out.type === 'local' ? out.schemas?.gold : undefined) ?? 'gold_analytics'),
    threads: out.threads,
  }
  const vars = { ...p.vars, ...(options.vars ?? {}) }
  const diagnostics: Diagnostic[] = [...resolved.warnings]
  const packages = loadPackages(options.packages ?? [], p.name, diagnostics)
  const macroFiles: MacroFile[] = [
    // A real dbt_utils replaces the built-in stand-ins for its tests.
    ...BUILTIN_MACRO_FILES.filter((m) => !packages.names.has(m.packageName)),
    ...(out.type === 'duckdb' ? [] : [LAKEHOUSE_NAMING_FILE]),
    ...packages.macroFiles,
    ...filesUnder(
      files,
      [...p['macro-paths'], ...p['test-paths'].map((t) => `${t}/generic`)],
      ['.sql'],
    ).map((f) => ({ file: f.file, text: f.text, packageName: p.name })),
  ]
  const { type: _type, threads: _threads, ...outputFields } = out as Record<string, unknown>
  const engine = new TemplateEngine({
    macroFiles,
    projectName: p.name,
    vars,
    env: options.env ?? {},
    target: {
      ...outputFields,
      ...target,
      profile_name: resolved.profileName,
      target_name: target.name,
      catalog: target.database,
    },
    adapterType: target.type,
    ...(p.dispatch === undefined ? {} : { dispatch: p.dispatch }),
    ...(options.flags === undefined ? {} : { flags: options.flags }),
    ...(options.runStartedAt === undefined ? {} : { runStartedAt: options.runStartedAt }),
    ...(options.invocationId === undefined ? {} : { invocationId: options.invocationId }),
  })
  diagnostics.push(...engine.diagnostics)
  const schemaFiles = filesUnder(
    files,
    [...p['model-paths'], ...p['seed-paths'], ...p['snapshot-paths'], ...p['analysis-paths']],
    ['.yml', '.yaml'],
  ).map((f) => cachedSchemaFile(f.file, f.text, options.cache))
  const patches = new Map<string, NodePatch>()
  for (const s of schemaFiles) {
    diagnostics.push(...s.diagnostics)
    for (const patch of s.patches) patches.set(`${patch.kind}:${patch.name}`, patch)
  }
  return {
    files,
    config: p,
    projectYaml: parseYamlSource(files['dbt_project.yml'] ?? '', 'dbt_project.yml'),
    projectName: p.name,
    target,
    vars,
    engine,
    macroFiles,
    schemaFiles,
    patches,
    nodes: {},
    diagnostics,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    signatureOf: cacheSignature(
      macroFiles,
      { vars, dispatch: p.dispatch ?? null, flags: options.flags ?? null },
      target,
      options.env ?? {},
    ),
  }
}

/**
 * The parse cache's key for a file's environment. The environment only matters to files (or
 * macros) that call env_var(): keeping it out of the key otherwise lets the cache survive a new
 * shell.
 */
function cacheSignature(
  macroFiles: readonly MacroFile[],
  vars: Readonly<Record<string, unknown>>,
  target: TargetInfo,
  env: Readonly<Record<string, string | undefined>>,
): (text: string) => string {
  const envHash = sha256Hex(JSON.stringify(env))
  const macrosUseEnv = macroFiles.some((m) => m.text.includes('env_var'))
  const base = sha256Hex(
    JSON.stringify([macroFiles.map((m) => m.text), vars, target, macrosUseEnv ? envHash : null]),
  )
  return (text) => (text.includes('env_var') && !macrosUseEnv ? `${base}:${envHash}` : base)
}

/**
 * Reads a schema YAML file through the parse cache: YAML with positions is the slowest part of a
 * parse whose templates are cached (a large `_gold.yml` costs more than every capture render), and
 * the result depends on the file's path and text only.
 */
function cachedSchemaFile(file: string, text: string, cache: ParseCache | undefined): SchemaFile {
  const key = `yaml:${sha256Hex(`${file}\n${text}`)}`
  const hit = cache?.get(key) as SchemaFile | undefined
  if (hit !== undefined) return hit
  const parsed = parseSchemaFile(file, text)
  cache?.set(key, parsed)
  return parsed
}
