/**
 * @module cli/wiring/install-packages
 * `pitwall deps` (as `dbt deps`): installs the packages of packages.yml / dependencies.yml into
 * `packages-install-path` (default `dbt_packages/`) and writes `package-lock.yml` as dbt 1.7+
 * does. `local:` packages are linked (dbt symlinks them; copied where links cannot be made),
 * `tarball:` packages from a file (`file://` URL or path) are unpacked; their own packages follow.
 * pitwall has no network: a hub or git package, or a tarball at an http(s) URL, stops the command
 * before anything changes, naming what to download and where to put it (exit 2).
 */
import { createHash } from 'node:crypto'
import { lstatSync } from 'node:fs'
import { cp, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { parse as parseYaml, stringify as toYaml } from 'yaml'
import { ConfigError, UsageError } from '../../core/index.js'
import {
  commonRoot,
  describeSpec,
  expectedName,
  packageSpecs,
  PACKAGE_FILES,
  readTar,
  type PackageSpec,
} from '../../transform/index.js'
import { installDir } from './project-packages.js'

/** One installed package. */
export interface InstalledPackage {
  readonly name: string
  readonly kind: 'local' | 'tarball'
  /** As written in packages.yml (`../`, `file:///tmp/pkg.tar.gz`). */
  readonly source: string
  /** Where it now lives (relative to the project). */
  readonly path: string
  /** `linked`, `copied` (a local package where links fail) or `unpacked` (a tarball). */
  readonly how: 'linked' | 'copied' | 'unpacked'
}

/** What `pitwall deps` did. */
export interface DepsResult {
  readonly installDir: string
  readonly packages: readonly InstalledPackage[]
  /** The lock file written, or null when the project declares no packages. */
  readonly lockFile: string | null
}

/** Installs the packages of the project at `projectDir`. */
export async function installPackages(
  projectDir: string,
  onInstall: (message: string) => void = () => {},
): Promise<DepsResult> {
  const files = await readPackageFiles(projectDir)
  const dir = installDir(projectDir, files['dbt_project.yml'])
  const { specs, diagnostics } = packageSpecs(files)
  if (diagnostics.some((d) => d.severity === 'error'))
    throw new ConfigError(
      'packages.yml/dependencies.yml is invalid; nothing was installed',
      diagnostics,
    )
  if (specs.length === 0) return { installDir: dir, packages: [], lockFile: null }
  refuseDownloads(specs, projectDir)
  await mkdir(dir, { recursive: true })
  const installed: InstalledPackage[] = []
  const names = new Set<string>()
  const visit = async (list: readonly PackageSpec[], base: string): Promise<void> => {
    for (const spec of list) {
      const pkg = await installOne(spec, base, dir, projectDir, onInstall)
      if (names.has(pkg.name)) continue // the first declaration wins, as in dbt
      names.add(pkg.name)
      installed.push(pkg)
      const root = join(dir, pkg.name)
      const own = await readPackageFiles(root)
      const nested = packageSpecs(own).specs
      refuseDownloads(nested, root)
      await visit(nested, pkg.kind === 'local' ? resolve(base, source(spec)) : root)
    }
  }
  await visit(specs, projectDir)
  const lockFile = join(projectDir, 'package-lock.yml')
  await writeFile(lockFile, lockYaml(files, installed))
  return { installDir: dir, packages: installed, lockFile }
}

/** dbt_project.yml, packages.yml and dependencies.yml of a folder (absent ones left out). */
async function readPackageFiles(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const f of ['dbt_project.yml', ...PACKAGE_FILES]) {
    const text = await readFile(join(root, f), 'utf8').catch(() => undefined)
    if (text !== undefined) files[f] = text
  }
  return files
}

/** Stops (exit 2) on any package that would need a download, naming each and what to do. */
function refuseDownloads(specs: readonly PackageSpec[], base: string): void {
  const remote = specs.filter(
    (s) => s.kind === 'hub' || s.kind === 'git' || (s.kind === 'tarball' && isUrl(s.tarball)),
  )
  if (remote.length === 0) return
  const lines = remote.map((s) => `  - ${describeSpec(s)}: ${howToGet(s)}`)
  throw new UsageError(
    `pitwall deps installs local and tarball packages only (it has no network); ${remote.length} package(s) in ${base} need a download:\n${lines.join('\n')}`,
    {
      hint: 'Download each one, then point packages.yml at it (local: <folder>, or tarball: <file> with name:) and run pitwall deps again; or unpack it into dbt_packages/<name>, which pitwall build reads as dbt does.',
    },
  )
}

function howToGet(s: PackageSpec): string {
  const name = expectedName(s) ?? '<name>'
  switch (s.kind) {
    case 'hub':
      return `download the release tarball from https://hub.getdbt.com/${s.package}/latest/ (${s.version === null ? 'any version' : `version ${s.version}`}) and use tarball: <file> with name: ${name}`
    case 'git':
      return `clone it (git clone ${s.git}${s.revision === null ? '' : `, checkout ${s.revision}`}) and use local: <folder>${s.subdirectory === null ? '' : `/${s.subdirectory}`}`
    case 'tarball':
      return `download ${s.tarball} and use tarball: <file> with name: ${name}`
    case 'local':
      return 'installed as a local package'
  }
}

function isUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !s.startsWith('file://')
}

function source(spec: PackageSpec): string {
  return spec.kind === 'local' ? spec.local : spec.kind === 'tarball' ? spec.tarball : ''
}

async function installOne(
  spec: PackageSpec,
  base: string,
  dir: string,
  projectDir: string,
  onInstall: (message: string) => void,
): Promise<InstalledPackage> {
  if (spec.kind === 'local') return installLocal(spec.local, base, dir, projectDir, onInstall)
  if (spec.kind === 'tarball') return installTarball(spec, base, dir, projectDir, onInstall)
  throw new Error(`installOne: ${spec.kind} packages are refused before installing`)
}

async function installLocal(
  local: string,
  base: string,
  dir: string,
  projectDir: string,
  onInstall: (message: string) => void,
): Promise<InstalledPackage> {
  const from = resolve(base, local)
  const name = await projectName(from, `local package ${local}`)
  const dest = join(dir, name)
  onInstall(`Installing ${local}`)
  await removeInstalled(dest)
  let how: InstalledPackage['how'] = 'linked'
  try {
    // A junction on Windows needs no privileges; elsewhere a plain directory link (dbt's way).
    await symlink(from, dest, process.platform === 'win32' ? 'junction' : 'dir')
  } catch {
    how = 'copied'
    await cp(from, dest, {
      recursive: true,
      // The package's own install folder and build output are not part of it.
      filter: (src) => !/[/\\](dbt_packages|target|logs|lakehouse)$/.test(src),
    })
  }
  onInstall(`  Installed from ${relOrAbs(projectDir, from)} (${how})`)
  return { name, kind: 'local', source: local, path: relOrAbs(projectDir, dest), how }
}

async function installTarball(
  spec: Extract<PackageSpec, { kind: 'tarball' }>,
  base: string,
  dir: string,
  projectDir: string,
  onInstall: (message: string) => void,
): Promise<InstalledPackage> {
  const file = spec.tarball.startsWith('file://')
    ? fileURLToPath(spec.tarball)
    : resolve(base, spec.tarball)
  onInstall(`Installing ${spec.name ?? spec.tarball}`)
  const raw = await readFile(file).catch((error: unknown) => {
    throw new UsageError(`tarball package ${spec.tarball}: cannot read ${file}`, {
      cause: error,
      hint: 'Check the tarball: path in packages.yml (relative paths are from the project folder).',
    })
  })
  let entries
  try {
    entries = readTar(raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw)
  } catch (error) {
    throw new UsageError(
      `tarball package ${spec.tarball}: ${error instanceof Error ? error.message : String(error)}`,
      { hint: 'A tarball package is a .tar.gz (or .tar) of a dbt project folder.' },
    )
  }
  const root = commonRoot(entries)
  const staging = join(dir, `.pitwall-unpack-${process.pid}`)
  await rm(staging, { recursive: true, force: true })
  for (const e of entries) {
    const inner = root === '' ? e.path : e.path.slice(root.length + 1)
    if (inner === '') continue
    const target = join(staging, ...inner.split('/'))
    if (e.type === 'dir') await mkdir(target, { recursive: true })
    else {
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, e.data)
    }
  }
  try {
    const found = await projectName(staging, `tarball package ${spec.tarball}`)
    const name = spec.name ?? found
    const dest = join(dir, name)
    await removeInstalled(dest)
    await rename(staging, dest)
    onInstall(`  Installed from ${spec.tarball}`)
    return {
      name,
      kind: 'tarball',
      source: spec.tarball,
      path: relOrAbs(projectDir, dest),
      how: 'unpacked',
    }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** The `name:` of the dbt project at `root` (a package must be one). */
async function projectName(root: string, what: string): Promise<string> {
  const text = await readFile(join(root, 'dbt_project.yml'), 'utf8').catch(() => undefined)
  if (text === undefined)
    throw new UsageError(`${what}: ${root} has no dbt_project.yml, so it is not a dbt package`, {
      hint: 'Point packages.yml at the folder (or tarball) that holds the package’s dbt_project.yml.',
    })
  let name: unknown
  try {
    name = (parseYaml(text) as { name?: unknown } | null)?.name
  } catch {
    name = undefined
  }
  if (typeof name !== 'string' || name === '')
    throw new UsageError(`${what}: ${join(root, 'dbt_project.yml')} has no name:`, {
      hint: 'A dbt package’s dbt_project.yml names it (name: my_package).',
    })
  return name
}

/** Removes an earlier install: a link is unlinked (never its target's files), a folder deleted. */
async function removeInstalled(dest: string): Promise<void> {
  let stat
  try {
    stat = lstatSync(dest)
  } catch {
    return
  }
  if (stat.isSymbolicLink()) await rm(dest, { force: true })
  else await rm(dest, { recursive: true, force: true })
}

/**
 * package-lock.yml as dbt 1.7+ writes it: the installed packages (each with its `name:`) and
 * `sha1_hash`, the SHA-1 of the declared entries (each as sorted-key JSON, sorted, one a line).
 */
function lockYaml(files: Readonly<Record<string, string>>, installed: readonly InstalledPackage[]) {
  const packages = installed.map((p) =>
    p.kind === 'local' ? { local: p.source, name: p.name } : { tarball: p.source, name: p.name },
  )
  return toYaml({ packages, sha1_hash: declaredHash(files) })
}

function declaredHash(files: Readonly<Record<string, string>>): string {
  const entries: unknown[] = []
  for (const f of PACKAGE_FILES) {
    if (files[f] === undefined) continue
    const list = (parseYaml(files[f]) as { packages?: unknown } | null)?.packages
    if (Array.isArray(list)) entries.push(...(list as unknown[]))
  }
  const lines = entries.map((e) => pythonJson(e)).sort()
  return createHash('sha1').update(lines.join('\n')).digest('hex')
}

/** Python's `json.dumps(v, sort_keys=True)` (", " and ": " separators). */
function pythonJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pythonJson).join(', ')}]`
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${pythonJson((v as Record<string, unknown>)[k])}`).join(', ')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

function relOrAbs(projectDir: string, p: string): string {
  const rel = relative(projectDir, p)
  return rel === '' ? '.' : isAbsolute(rel) ? p : rel.split(sep).join('/')
}
