/**
 * @module transform/project/packages
 * dbt packages as data: the specs of `packages.yml` / `dependencies.yml` (`local:`, `tarball:`,
 * `package:` from the hub, `git:`), and an installed package's macro files. Pure: the CLI finds
 * the packages on disk (`dbt_packages/`, local paths) and hands their files in.
 */
import {
  makeDiagnostic,
  parseYamlSource,
  projectConfigSchema,
  validateYaml,
  type Diagnostic,
  type ProjectConfig,
} from '../../core/index.js'
import type { MacroFile } from '../template/template-engine.js'
import { filesUnder } from './paths.js'
import type { ProjectFiles } from './types.js'

/** One entry of `packages:` in packages.yml / dependencies.yml. */
export type PackageSpec =
  | { readonly kind: 'local'; readonly local: string }
  | { readonly kind: 'tarball'; readonly tarball: string; readonly name: string | null }
  | { readonly kind: 'hub'; readonly package: string; readonly version: string | null }
  | {
      readonly kind: 'git'
      readonly git: string
      readonly revision: string | null
      readonly subdirectory: string | null
    }

/** A package found on disk: its files, relative to its own root. */
export interface ProjectPackage {
  /** Where it was read from, for messages (`dbt_packages/dbt_utils`, `../`). */
  readonly root: string
  readonly files: ProjectFiles
}

/** The files that declare packages, in dbt's order (both may exist; dbt reads both). */
export const PACKAGE_FILES = ['packages.yml', 'dependencies.yml'] as const

/** The package specs of a project's packages.yml and dependencies.yml. */
export function packageSpecs(files: ProjectFiles): {
  specs: PackageSpec[]
  diagnostics: Diagnostic[]
} {
  const specs: PackageSpec[] = []
  const diagnostics: Diagnostic[] = []
  for (const file of PACKAGE_FILES) {
    const text = files[file]
    if (text === undefined) continue
    const src = parseYamlSource(text, file)
    diagnostics.push(...src.diagnostics)
    const list = (src.value as { packages?: unknown } | null)?.packages
    if (list === undefined || list === null) continue
    if (!Array.isArray(list)) {
      diagnostics.push(
        invalid(file, 'packages', 'packages: must be a list', src.positionOf(['packages'])),
      )
      continue
    }
    list.forEach((entry: unknown, i) => {
      const spec = specOf(entry)
      if (spec !== undefined) specs.push(spec)
      else
        diagnostics.push(
          invalid(
            file,
            `packages[${i}]`,
            'each package needs one of local:, tarball: (with name:), package: (hub, with version:) or git:',
            src.positionOf(['packages', i]),
          ),
        )
    })
  }
  return { specs, diagnostics }
}

function specOf(entry: unknown): PackageSpec | undefined {
  if (entry === null || typeof entry !== 'object') return undefined
  const e = entry as Record<string, unknown>
  const s = (k: string): string | null => (typeof e[k] === 'string' ? (e[k] as string) : null)
  const version = Array.isArray(e['version']) ? e['version'].map(String).join(', ') : s('version')
  if (s('local') !== null) return { kind: 'local', local: s('local')! }
  if (s('tarball') !== null) return { kind: 'tarball', tarball: s('tarball')!, name: s('name') }
  if (s('package') !== null) return { kind: 'hub', package: s('package')!, version }
  if (s('git') !== null || s('private') !== null) {
    return {
      kind: 'git',
      git: s('git') ?? s('private')!,
      revision: s('revision') ?? (typeof e['revision'] === 'number' ? String(e['revision']) : null),
      subdirectory: s('subdirectory'),
    }
  }
  return undefined
}

/** How a spec reads in a message: `dbt-labs/dbt_utils (hub, version >=1.0.0)`. */
export function describeSpec(spec: PackageSpec): string {
  switch (spec.kind) {
    case 'local':
      return `${spec.local} (local)`
    case 'tarball':
      return `${spec.name ?? spec.tarball} (tarball ${spec.tarball})`
    case 'hub':
      return `${spec.package} (hub${spec.version === null ? '' : `, version ${spec.version}`})`
    case 'git':
      return `${spec.git} (git${spec.revision === null ? '' : `, revision ${spec.revision}`}${spec.subdirectory === null ? '' : `, subdirectory ${spec.subdirectory}`})`
  }
}

/** The name an installed hub or git package most likely has (`dbt-labs/dbt_utils` → `dbt_utils`). */
export function expectedName(spec: PackageSpec): string | null {
  switch (spec.kind) {
    case 'hub':
      return spec.package.split('/').pop() ?? null
    case 'tarball':
      return spec.name
    case 'git':
      return (
        (spec.subdirectory ?? spec.git)
          .replace(/\.git$/, '')
          .split(/[/:]/)
          .pop() ?? null
      )
    case 'local':
      return null
  }
}

/** A package's validated `dbt_project.yml`, or a diagnostic saying why it cannot be used. */
export function packageConfig(
  pkg: ProjectPackage,
): { ok: true; config: ProjectConfig } | { ok: false; diagnostic: Diagnostic } {
  const file = `${pkg.root}/dbt_project.yml`
  const text = pkg.files['dbt_project.yml']
  if (text === undefined) {
    return {
      ok: false,
      diagnostic: makeDiagnostic(
        'package-invalid',
        { package: pkg.root, reason: 'no dbt_project.yml' },
        `package ${pkg.root} has no dbt_project.yml; it is not a dbt package (reinstall it with pitwall deps)`,
        { file },
      ),
    }
  }
  const v = validateYaml(parseYamlSource(text, file), projectConfigSchema)
  if (v.value === undefined) {
    const first = v.diagnostics.find((d) => d.severity === 'error')
    return {
      ok: false,
      diagnostic: makeDiagnostic(
        'package-invalid',
        { package: pkg.root, reason: first?.message ?? 'invalid dbt_project.yml' },
        `package ${pkg.root}: ${first?.message ?? 'invalid dbt_project.yml'}`,
        { file, ...(first?.at === undefined ? {} : { at: first.at }) },
      ),
    }
  }
  return { ok: true, config: v.value }
}

/** The macro files of an installed package (its macro paths and `<test-paths>/generic`). */
export function packageMacroFiles(
  name: string,
  pkg: ProjectPackage,
  config: ProjectConfig,
): MacroFile[] {
  return filesUnder(
    pkg.files,
    [...config['macro-paths'], ...config['test-paths'].map((t) => `${t}/generic`)],
    ['.sql'],
  ).map((f) => ({ file: f.file, text: f.text, packageName: name }))
}

function invalid(
  file: string,
  path: string,
  reason: string,
  at: { line: number; column: number } | undefined,
): Diagnostic {
  return makeDiagnostic('package-invalid', { package: path, reason }, `${file}: ${reason}`, {
    file,
    ...(at === undefined ? {} : { at }),
  })
}
