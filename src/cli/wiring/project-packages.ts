/**
 * @module cli/wiring/project-packages
 * Finds a project's packages on disk, as dbt does: every package installed under `dbt_packages/`
 * (or `packages-install-path`), and — without `pitwall deps` — the `local:` packages of
 * packages.yml / dependencies.yml read from their folders (with their own local packages). A hub,
 * git or tarball package that is not installed is reported, so the command can say what to run.
 */
import { existsSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import {
  expectedName,
  packageSpecs,
  type PackageSpec,
  type ProjectPackage,
} from '../../transform/index.js'

/** The packages of a project and the specs nothing installed answers. */
export interface FoundPackages {
  readonly packages: ProjectPackage[]
  readonly missing: PackageSpec[]
}

/** The folder packages are installed in (`packages-install-path`, default `dbt_packages`). */
export function installDir(projectDir: string, projectYaml: string | undefined): string {
  let configured: unknown
  try {
    configured = (parseYaml(projectYaml ?? '') as Record<string, unknown> | null)?.[
      'packages-install-path'
    ]
  } catch {
    configured = undefined // dbt_project.yml's own errors are reported by the parse
  }
  return resolve(projectDir, typeof configured === 'string' ? configured : 'dbt_packages')
}

/** Reads the installed and local packages of the project at `projectDir` (files: its files). */
export async function findPackages(
  projectDir: string,
  files: Readonly<Record<string, string>>,
): Promise<FoundPackages> {
  const packages: ProjectPackage[] = []
  const names = new Set<string>()
  const dir = installDir(projectDir, files['dbt_project.yml'])
  const entries = existsSync(dir) ? await readdir(dir) : []
  for (const entry of entries.sort()) {
    const root = join(dir, entry)
    if (!isDir(root) || !existsSync(join(root, 'dbt_project.yml'))) continue
    const pkg = await readPackage(root, displayPath(projectDir, root))
    packages.push(pkg)
    const name = packageName(pkg)
    if (name !== undefined) names.add(name)
  }
  const missing: PackageSpec[] = []
  const seen = new Set<string>()
  const visit = async (specs: readonly PackageSpec[], base: string): Promise<void> => {
    for (const spec of specs) {
      if (spec.kind !== 'local') {
        const want = expectedName(spec)
        if (want === null || !names.has(want)) missing.push(spec)
        continue
      }
      const root = resolve(base, spec.local)
      if (seen.has(root) || !existsSync(join(root, 'dbt_project.yml'))) {
        if (!seen.has(root)) missing.push(spec)
        continue
      }
      seen.add(root)
      const pkg = await readPackage(root, displayPath(projectDir, root))
      const name = packageName(pkg)
      if (name === undefined || names.has(name)) continue // installed copy wins
      names.add(name)
      packages.push(pkg)
      await visit(packageSpecs(pkg.files).specs, root)
    }
  }
  await visit(packageSpecs(files).specs, projectDir)
  return { packages, missing }
}

/** A package's `name:` (undefined when its dbt_project.yml cannot say). */
export function packageName(pkg: ProjectPackage): string | undefined {
  try {
    const name = (parseYaml(pkg.files['dbt_project.yml'] ?? '') as { name?: unknown } | null)?.name
    return typeof name === 'string' ? name : undefined
  } catch {
    return undefined
  }
}

const PACKAGE_DIR_KEYS = ['macro-paths', 'test-paths'] as const
const DEFAULT_DIRS: Record<(typeof PACKAGE_DIR_KEYS)[number], string[]> = {
  'macro-paths': ['macros'],
  'test-paths': ['tests'],
}

/**
 * Reads a package: its dbt_project.yml, packages.yml/dependencies.yml and the SQL under its macro
 * and test paths (never the whole folder: dbt-utils holds its own integration project).
 */
async function readPackage(root: string, display: string): Promise<ProjectPackage> {
  const files: Record<string, string> = {}
  for (const f of ['dbt_project.yml', 'packages.yml', 'dependencies.yml']) {
    const text = await readFile(join(root, f), 'utf8').catch(() => undefined)
    if (text !== undefined) files[f] = text
  }
  let config: Record<string, unknown> = {}
  try {
    config = (parseYaml(files['dbt_project.yml'] ?? '') as Record<string, unknown> | null) ?? {}
  } catch {
    // Reported when the parse validates the package.
  }
  for (const key of PACKAGE_DIR_KEYS) {
    const dirs = Array.isArray(config[key])
      ? (config[key] as unknown[]).map(String)
      : DEFAULT_DIRS[key]
    for (const d of dirs) await readTree(root, join(root, d), files)
  }
  return { root: display, files }
}

async function readTree(root: string, dir: string, files: Record<string, string>): Promise<void> {
  if (!isDir(dir)) return
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('.')) continue
    const p = join(dir, entry)
    if (isDir(p)) await readTree(root, p, files)
    else if (entry.endsWith('.sql') || entry.endsWith('.yml') || entry.endsWith('.yaml'))
      files[relative(root, p).split(sep).join('/')] = await readFile(p, 'utf8')
  }
}

/** A folder (symbolic links followed: `pitwall deps` links local packages). */
function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

function displayPath(projectDir: string, p: string): string {
  const rel = relative(projectDir, p).split(sep).join('/')
  return rel === '' ? '.' : rel
}
