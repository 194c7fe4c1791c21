/**
 * @module cli/wiring/transform-project
 * The disk side of the transformation commands: reads the project folder into a file map, parses
 * it (with the parse cache kept in `partial_parse.json`, so unchanged files are not rendered
 * again), and reads/writes the artifacts. Each target has its own folder, `<home>/target/<target>/`
 * (`artifactsDir` in core), so a prod run never overwrites dev's results (issue 12). Artifacts are
 * written atomically, and one that cannot be read is treated as absent with a warning (issue 11).
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { UsageError, artifactsDir, formatDiagnostic } from '../../core/index.js'
import {
  describeSpec,
  memoryParseCache,
  parseProject,
  readJsonFile,
  writeFileAtomic,
  writeJsonAtomic,
  type CachedParse,
  type PackageSpec,
  type ParsedProject,
} from '../../transform/index.js'
import type { CliContext } from '../context.js'
import { findPackages } from './project-packages.js'

const SKIP_DIRS = new Set(['target', 'node_modules', 'dbt_packages', 'logs', 'lakehouse'])
const EXTENSIONS = ['.sql', '.yml', '.yaml', '.csv', '.md']

/** Reads every project file (SQL, YAML, CSV, Markdown) under `dir` into a file map. */
export async function readProjectFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const p = join(d, entry.name)
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(p)
      } else if (EXTENSIONS.some((e) => entry.name.endsWith(e))) {
        files[relative(dir, p).split(sep).join('/')] = await readFile(p, 'utf8')
      }
    }
  }
  await walk(dir)
  return files
}

/** The target the command runs against: `--target`, else the profile's default. */
export async function targetName(ctx: CliContext): Promise<string> {
  return ctx.target ?? (await ctx.config()).targetName
}

/** The artifacts folder of the command's target: `<home>/target/<target>`. */
export async function targetDir(ctx: CliContext): Promise<string> {
  return artifactsDir(ctx.home, await targetName(ctx))
}

/** Parses `--vars` (YAML or JSON mapping). */
export function parseVars(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {}
  let value: unknown
  try {
    value = parseYaml(text)
  } catch (error) {
    throw new UsageError(
      `--vars is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--vars must be a mapping, e.g. --vars '{season: 2024}'`)
  }
  return value as Record<string, unknown>
}

/** Reads, parses and reports the project; logs every diagnostic. */
export async function loadProject(
  ctx: CliContext,
  options: { vars?: string; flags?: Readonly<Record<string, unknown>> } = {},
): Promise<ParsedProject> {
  const files = await readProjectFiles(ctx.projectDir)
  if (files['dbt_project.yml'] === undefined) {
    throw new UsageError(`no dbt_project.yml in ${ctx.projectDir}`, {
      hint: 'Pass --project-dir pointing at a dbt-style project (default: the built-in warehouse/).',
    })
  }
  const found = await findPackages(ctx.projectDir, files)
  if (found.missing.length > 0) throw packagesMissing(found.missing)
  if (files['profiles.yml'] === undefined || ctx.profilesDir !== ctx.projectDir) {
    const text = await readFile(join(ctx.profilesDir, 'profiles.yml'), 'utf8').catch(
      () => undefined,
    )
    if (text !== undefined) files['profiles.yml'] = text
  }
  const cacheFile = join(await targetDir(ctx), 'partial_parse.json')
  // A cache that cannot be read only costs a full parse.
  const saved = ((await readJsonFile(cacheFile, (m) => ctx.logger.debug(m))) ?? {}) as Record<
    string,
    CachedParse
  >
  const cache = memoryParseCache()
  for (const [k, v] of Object.entries(saved)) cache.preload(k, v)
  const before = cache.size()
  const started = performance.now()
  const project = parseProject(files, {
    ...(ctx.target === undefined ? {} : { target: ctx.target }),
    vars: parseVars(options.vars),
    env: ctx.io.env,
    cache,
    packages: found.packages,
    ...(options.flags === undefined ? {} : { flags: options.flags }),
  })
  const fresh = cache.size() - before
  if (fresh > 0 || cache.used().length !== Object.keys(saved).length)
    await saveCache(cacheFile, cache)
  ctx.logger.debug('parsed project', {
    nodes: Object.keys(project.nodes).length,
    sources: Object.keys(project.sources).length,
    rendered: fresh,
    ms: Math.round(performance.now() - started),
  })
  for (const d of project.diagnostics) {
    if (d.severity === 'warn') ctx.logger.warn(formatDiagnostic(d))
  }
  return project
}

/** dbt's message when packages.yml lists packages that are not installed. */
function packagesMissing(missing: readonly PackageSpec[]): UsageError {
  const list = missing.map((s) => `  - ${describeSpec(s)}`).join('\n')
  return new UsageError(
    `${missing.length} package(s) listed in packages.yml/dependencies.yml are not installed in dbt_packages/:\n${list}`,
    {
      hint: 'Run pitwall deps (it installs local and tarball packages); hub and git packages need their files in dbt_packages/<name>/ (pitwall deps says what to download).',
    },
  )
}

async function saveCache(file: string, cache: ReturnType<typeof memoryParseCache>): Promise<void> {
  // Only the entries this parse used: files that changed or were deleted drop out.
  await writeFileAtomic(file, JSON.stringify(Object.fromEntries(cache.used())))
}

/**
 * Writes an artifact as `<home>/target/<target>/<name>`, atomically (temp file + rename: a kill
 * or a concurrent reader never sees half of it); returns its path.
 */
export async function writeArtifact(
  ctx: CliContext,
  name: string,
  value: unknown,
): Promise<string> {
  const path = join(await targetDir(ctx), name)
  await writeJsonAtomic(path, value)
  return path
}

/**
 * Reads a JSON artifact from `dir` (`--state`) or the target's folder; undefined when absent,
 * and also — with a warning — when it cannot be read (torn by a crash of an older version).
 */
export async function readArtifact(ctx: CliContext, name: string, dir?: string): Promise<unknown> {
  if (dir !== undefined && !existsSync(dir)) {
    // `--state` names a folder the user means to compare with: a typo must not read as "no state".
    throw new UsageError(`--state: folder ${dir} does not exist`, {
      hint: 'Pass --state <dir> pointing at the target/ folder of an earlier run (with its manifest.json).',
    })
  }
  const path = join(dir ?? (await targetDir(ctx)), name)
  return readJsonFile(path, (m) => ctx.logger.warn(m))
}

/** The nodes of a saved manifest for `state:` selection (unit tests live beside the nodes). */
export function stateNodes(
  manifest: unknown,
): Record<string, { checksum?: { checksum: string }; config?: unknown }> | undefined {
  if (manifest === undefined || manifest === null || typeof manifest !== 'object') return undefined
  const m = manifest as { nodes?: object; unit_tests?: object }
  return { ...(m.nodes ?? {}), ...(m.unit_tests ?? {}) } as Record<string, never>
}

/** The macros of a saved manifest (for `state:modified` to follow macro edits). */
export function stateMacros(manifest: unknown): Record<string, { macro_sql: string }> | undefined {
  if (manifest === undefined || manifest === null || typeof manifest !== 'object') return undefined
  const m = (manifest as { macros?: Record<string, { macro_sql?: unknown }> }).macros ?? {}
  const out: Record<string, { macro_sql: string }> = {}
  for (const [id, v] of Object.entries(m)) out[id] = { macro_sql: String(v.macro_sql ?? '') }
  return out
}
