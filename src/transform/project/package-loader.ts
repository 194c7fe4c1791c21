/**
 * @module transform/project/package-loader
 * Loads the installed packages into a parse: each package's `dbt_project.yml` names it, and its
 * macros (macro paths and generic tests) join the template engine under that name, so
 * `dbt_utils.star` and `adapter.dispatch('x', 'dbt_utils')` find them. A package whose name is
 * the root project's, or that is installed twice, is a diagnostic.
 */
import { makeDiagnostic, type Diagnostic } from '../../core/index.js'
import type { MacroFile } from '../template/template-engine.js'
import { packageConfig, packageMacroFiles, type ProjectPackage } from './packages.js'

export type { ProjectPackage } from './packages.js'

/** What the packages add to a parse. */
export interface LoadedPackages {
  /** Package names (their dbt_project.yml `name`). */
  readonly names: ReadonlySet<string>
  readonly macroFiles: readonly MacroFile[]
}

/** Validates the packages and collects their macro files; problems go to `diagnostics`. */
export function loadPackages(
  packages: readonly ProjectPackage[],
  rootName: string,
  diagnostics: Diagnostic[],
): LoadedPackages {
  const names = new Map<string, string>()
  const macroFiles: MacroFile[] = []
  for (const pkg of packages) {
    const c = packageConfig(pkg)
    if (!c.ok) {
      diagnostics.push(c.diagnostic)
      continue
    }
    const name = c.config.name
    // The root project found again among its packages (a local: path to itself) adds nothing.
    if (name === rootName) continue
    const first = names.get(name)
    if (first !== undefined) {
      diagnostics.push(
        makeDiagnostic(
          'package-invalid',
          { package: name, reason: 'installed twice' },
          `package '${name}' is installed twice (${first} and ${pkg.root}); keep one of them`,
          { file: `${pkg.root}/dbt_project.yml`, severity: 'warn' },
        ),
      )
      continue
    }
    names.set(name, pkg.root)
    macroFiles.push(...packageMacroFiles(name, pkg, c.config))
  }
  return { names: new Set(names.keys()), macroFiles }
}
