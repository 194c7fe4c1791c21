/**
 * @module transform/template/dbt/macro-namespace
 * dbt's macro namespaces: project macros are global, the built-in `dbt` macros are global below
 * them, every other package's macros are reached through the package name (`dbt_utils.star`),
 * `_private` macros included. `adapter.dispatch(name, namespace)` searches as dbt does: the
 * packages of the project's `dispatch:` config for that namespace, else the root project then the
 * package (for an installed package), else the global namespace; in each, `<adapter>__name`
 * then `default__name`.
 */
import { runtimeError } from '../jinja/errors.js'
import type { Macro } from '../jinja/runtime.js'
import { JINJA_CALL, type JinjaCallable, type Kwargs } from '../jinja/values.js'

/** One entry of `dispatch:` in dbt_project.yml. */
export interface DispatchConfig {
  readonly macro_namespace: string
  readonly search_order: readonly string[]
}

/** The package of dbt's built-in macros. */
export const INTERNAL_PACKAGE = 'dbt'

/** What a dbt macro needs from the engine that runs it. */
export interface MacroHost {
  /** Called before the macro runs; a non-undefined result replaces the call (unit-test overrides). */
  before(macro: DbtMacro): unknown
}

/** dbt's `return()`: carries the value out of the macro that called it. */
export class MacroReturn extends Error {
  readonly jinjaPassThrough = true
  constructor(readonly value: unknown) {
    super('return() was called outside a macro')
  }
}

/** A macro from a macro file, called as dbt calls it: `return()` ends it with a value. */
export class DbtMacro implements JinjaCallable {
  private made: Macro | undefined
  constructor(
    readonly name: string,
    readonly packageName: string,
    readonly file: string,
    private readonly make: () => Macro,
    private readonly host: MacroHost,
  ) {}

  /** The id dbt gives it in `depends_on.macros`. */
  get uniqueId(): string {
    return `macro.${this.packageName}.${this.name}`
  }

  [JINJA_CALL](args: unknown[], kwargs: Kwargs): unknown {
    const replaced = this.host.before(this)
    if (replaced !== undefined) return replaced
    this.made ??= this.make()
    try {
      return this.made[JINJA_CALL](args, kwargs)
    } catch (error) {
      if (error instanceof MacroReturn) return error.value
      throw rewrap(error, this)
    }
  }

  toString(): string {
    return `<MacroGenerator ${this.uniqueId}>`
  }
}

/** Names the macro (and its file) in an error raised inside it, once. */
function rewrap(error: unknown, m: DbtMacro): unknown {
  if (!(error instanceof Error) || (error as { jinjaPassThrough?: boolean }).jinjaPassThrough)
    return error
  if (error.message.startsWith('in macro ')) return error
  const where =
    'line' in error && typeof error.line === 'number' ? `${m.file}:${error.line}` : m.file
  const wrapped = runtimeError(`in macro ${m.name} (${where}): ${error.message}`)
  wrapped.cause = error
  return wrapped
}

/** The macros of a project and its packages, by package. */
export class MacroRegistry {
  private readonly byPackage = new Map<string, Map<string, DbtMacro>>()

  constructor(
    private readonly projectName: string,
    private readonly dispatchConfig: readonly DispatchConfig[] = [],
  ) {}

  /** Adds a macro (a later one with the same package and name replaces the earlier). */
  add(macro: DbtMacro): void {
    let pkg = this.byPackage.get(macro.packageName)
    if (pkg === undefined) {
      pkg = new Map()
      this.byPackage.set(macro.packageName, pkg)
    }
    pkg.set(macro.name, macro)
  }

  /** An unqualified name: the root project's macro, else dbt's built-in one. */
  global(name: string): DbtMacro | undefined {
    return (
      this.byPackage.get(this.projectName)?.get(name) ??
      this.byPackage.get(INTERNAL_PACKAGE)?.get(name)
    )
  }

  /** A package's namespace (`dbt_utils.*`). */
  namespace(packageName: string): Map<string, DbtMacro> | undefined {
    return this.byPackage.get(packageName)
  }

  /** Package names other than the root project and dbt's own (dbt's `dependencies`). */
  dependencies(): string[] {
    return [...this.byPackage.keys()].filter(
      (p) => p !== this.projectName && p !== INTERNAL_PACKAGE,
    )
  }

  /** The packages `adapter.dispatch(…, namespace)` searches, in order; null = the global namespace. */
  searchPackages(namespace: string | null): (string | null)[] {
    if (namespace === null) return [null]
    const configured = this.dispatchConfig.find((d) => d.macro_namespace === namespace)
    if (configured !== undefined && configured.search_order.length > 0)
      return [...configured.search_order]
    if (this.dependencies().includes(namespace)) return [this.projectName, namespace]
    return [null]
  }

  /** `adapter.dispatch(name, namespace)`: the macro to call, or a compiler error naming the search. */
  dispatch(name: string, namespace: string | null, adapterTypes: readonly string[]): DbtMacro {
    const attempts: string[] = []
    for (const pkg of this.searchPackages(namespace)) {
      for (const prefix of [...adapterTypes, 'default']) {
        const candidate = `${prefix}__${name}`
        const found = pkg === null ? this.global(candidate) : this.namespace(pkg)?.get(candidate)
        attempts.push(pkg === null ? candidate : `${pkg}.${candidate}`)
        if (found !== undefined) return found
      }
    }
    throw runtimeError(
      `In dispatch: No macro named '${name}' found within namespace: '${namespace ?? 'None'}'\n    Searched for: ${attempts.map((a) => `'${a}'`).join(', ')}`,
    )
  }
}
