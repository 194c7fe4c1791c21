/**
 * @module transform/template/template-engine
 * dbt's Jinja: pitwall's Jinja2 engine (`jinja/`) with dbt's context — `ref`, `source`, `config`,
 * `this`, `model`, `execute`, `is_incremental()`, `var`, `env_var`, `target`, macros from
 * `macros/`, packages and the built-in ones (`dbt/macro-namespace.ts`), `adapter` and the
 * statement functions (`dbt/adapter-context.ts`), and dbt's pure helpers (`dbt/context.ts`).
 * Pure: no I/O.
 *
 * One environment per project. The per-render values (`ref`, `this`, …) are getters onto the
 * {@link RenderScope} of the render in progress, so a macro sees the `this` of the model that
 * calls it. Rendering is synchronous and not re-entrant across concurrent renders (JavaScript
 * runs them one at a time anyway).
 */
import type { Diagnostic } from '../../core/index.js'
import { adapterContext } from './dbt/adapter-context.js'
import { dbtContextFunctions } from './dbt/context.js'
import { PendingQuery, type ExecutionHooks, type HookRequest } from './dbt/execution-hooks.js'
import {
  DbtMacro,
  type DispatchConfig,
  INTERNAL_PACKAGE,
  MacroRegistry,
  MacroReturn,
} from './dbt/macro-namespace.js'
import { utcDateTime } from './dbt/py-datetime.js'
import { compileTemplate, Environment } from './jinja/environment.js'
import { runtimeError } from './jinja/errors.js'
import { callFromHost, Frame, Out } from './jinja/runtime.js'
import { PyFunction, str } from './jinja/values.js'
import { type RenderScope, type TemplateFunction } from './render-scope.js'
import { templateDiagnostic } from './template-diagnostic.js'

/** A file of macros. */
export interface MacroFile {
  readonly file: string
  readonly text: string
  /** `dbt` (built in), a package's name (`dbt_utils`), or the project's name. */
  readonly packageName: string
}

/** What stays the same for every render of a project. */
export interface TemplateEngineOptions {
  readonly macroFiles: readonly MacroFile[]
  readonly projectName: string
  /** Project vars merged with `--vars`. */
  readonly vars: Readonly<Record<string, unknown>>
  /** The environment `env_var()` reads (the CLI passes `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** `{{ target }}`. */
  readonly target: Readonly<Record<string, unknown>>
  /** `adapter.dispatch` tries `<adapterType>__name`, then `default__name`. */
  readonly adapterType: string
  /** ISO timestamp for `run_started_at`. */
  readonly runStartedAt?: string
  readonly invocationId?: string
  /** dbt_project.yml's `dispatch:` (search order per macro namespace). */
  readonly dispatch?: readonly DispatchConfig[]
  /** `{{ flags.* }}` (dbt's run flags: `WHICH`, `FULL_REFRESH`, …). */
  readonly flags?: Readonly<Record<string, unknown>>
  /** Extra globals (tests and tools; a project cannot add any). */
  readonly globals?: Readonly<Record<string, unknown>>
  /**
   * dbt's `graph` (`nodes`, `sources`, … as in manifest.json), read when a template uses it;
   * empty by default (dbt's graph is empty while parsing too).
   */
  readonly graph?: () => Readonly<Record<string, unknown>>
}

/** The outcome of one render. */
export type RenderResult =
  | { readonly ok: true; readonly sql: string }
  | {
      readonly ok: false
      readonly diagnostic: Diagnostic
      /**
       * Set when the render stopped for a warehouse answer it does not have yet
       * (`ExecutionHooks`): run this SQL, give the hooks its result and render again.
       */
      readonly pendingQuery?: string
      /** The same, as a request (a query, a relation's columns, a drop). */
      readonly pending?: HookRequest
    }

/** Renders project templates with dbt's context. */
export class TemplateEngine {
  /** Problems found in macro files. */
  readonly diagnostics: Diagnostic[] = []
  /** Macro names by package (`dbt`, `dbt_utils`, project). */
  readonly macroNames = new Map<string, string>()
  private readonly env = new Environment()
  private readonly options: TemplateEngineOptions
  private readonly registry: MacroRegistry
  private scope: RenderScope | undefined
  /** `statement` results of the render in progress. */
  private results = new Map<string, unknown>()
  /** Macros called during the current render (for `depends_on.macros`). */
  private used = new Set<string>()

  constructor(options: TemplateEngineOptions) {
    this.options = options
    this.registry = new MacroRegistry(options.projectName, options.dispatch)
    this.installGlobals()
    for (const mf of options.macroFiles) this.loadMacroFile(mf)
    // Package namespaces (`dbt_utils.star`), the project's own included (`my_project.m`).
    for (const pkg of [...this.registry.dependencies(), options.projectName]) {
      if (!this.env.hasGlobal(pkg)) {
        this.env.addGetter(pkg, () => this.registry.namespace(pkg) ?? new Map())
      }
    }
  }

  /** Renders `text` (the content of `file`) within `scope`. */
  render(file: string, text: string, scope: RenderScope, nodeId?: string): RenderResult {
    return this.run(file, text, text, scope, nodeId)
  }

  /**
   * Renders a value as dbt's native renderer renders generic test arguments: a lone
   * `{{ expression }}` gives the expression's value itself (`ref('x')` stays a Relation, a list
   * stays a list); any other text gives the rendered text.
   */
  renderNative(
    file: string,
    text: string,
    scope: RenderScope,
    nodeId?: string,
  ): { ok: true; value: unknown } | Extract<RenderResult, { ok: false }> {
    const m = /^\{\{-?([\s\S]*?)-?\}\}$/.exec(text)
    const inner = m?.[1]
    if (inner === undefined || /\{\{|\}\}|\{%|%\}/.test(inner)) {
      const r = this.render(file, text, scope, nodeId)
      return r.ok ? { ok: true, value: r.sql } : r
    }
    const out: unknown[] = []
    const r = this.run(file, text, `{% do __native__.append(${inner.trim()}) %}`, scope, nodeId, {
      __native__: out,
    })
    return r.ok ? { ok: true, value: out[0] ?? null } : r
  }

  private run(
    file: string,
    shown: string,
    text: string,
    scope: RenderScope,
    nodeId: string | undefined,
    vars?: Readonly<Record<string, unknown>>,
  ): RenderResult {
    let template
    try {
      template = compileTemplate(text)
    } catch (error) {
      return { ok: false, diagnostic: templateDiagnostic(error, file, shown, 'syntax', nodeId) }
    }
    const previous = this.scope
    const previousResults = this.results
    this.scope = scope
    this.results = new Map()
    try {
      const out = new Out()
      template.body(this.env.rootFrame(vars), out)
      return { ok: true, sql: out.s }
    } catch (error) {
      const failure = error instanceof MacroReturn ? runtimeError(error.message) : error
      const diagnostic = templateDiagnostic(failure, file, shown, 'render', nodeId)
      if (error instanceof PendingQuery) {
        return { ok: false, diagnostic, pendingQuery: error.sql, pending: error.request }
      }
      return { ok: false, diagnostic }
    } finally {
      this.scope = previous
      this.results = previousResults
    }
  }

  /** A macro by name (`test_not_null`; `dbt_utils` + `test_recency`); undefined when absent. */
  macro(name: string, packageName?: string): TemplateFunction | undefined {
    const m =
      packageName === undefined
        ? this.registry.global(name)
        : this.registry.namespace(packageName)?.get(name)
    return m === undefined ? undefined : (...args: unknown[]) => callFromHost(m, args)
  }

  /** Runs `fn` with `scope` active (for calling macros from code). */
  withScope<T>(scope: RenderScope, fn: () => T): T {
    const previous = this.scope
    this.scope = scope
    try {
      return fn()
    } finally {
      this.scope = previous
    }
  }

  /** The macros called since the last call, as `macro.<package>.<name>` ids. */
  takeUsedMacros(): string[] {
    const out = [...this.used]
    this.used = new Set()
    return out
  }

  private current(): RenderScope {
    if (this.scope === undefined) throw runtimeError('template function called outside a render')
    return this.scope
  }

  private hooks(): ExecutionHooks | undefined {
    return this.scope?.hooks
  }

  private loadMacroFile(mf: MacroFile): void {
    let template
    try {
      template = compileTemplate(mf.text)
    } catch (error) {
      this.diagnostics.push(templateDiagnostic(error, mf.file, mf.text, 'syntax'))
      return
    }
    const host = {
      before: (m: DbtMacro): unknown => {
        const override = this.scope?.macroOverrides?.[m.name]
        if (override !== undefined) return override
        this.used.add(m.uniqueId)
        return undefined
      },
    }
    // A package's macros see their siblings unqualified (the package first, then the root
    // project and dbt's built-ins), as dbt resolves names for the package's own nodes.
    const pkg = mf.packageName
    const closure =
      pkg === this.options.projectName || pkg === INTERNAL_PACKAGE
        ? this.env.rootFrame()
        : new Frame(null, {
            filters: this.env.filters,
            tests: this.env.tests,
            resolve: (name) => this.registry.namespace(pkg)?.get(name) ?? this.env.resolve(name),
          })
    for (const { def, make } of template.macros) {
      this.registry.add(new DbtMacro(def.name, mf.packageName, mf.file, () => make(closure), host))
      this.macroNames.set(def.name, mf.packageName)
    }
  }

  private installGlobals(): void {
    const o = this.options
    const env = this.env
    for (const [k, v] of dbtContextFunctions(() => this.hooks())) env.addGlobal(k, v)
    const adapterHost = {
      registry: this.registry,
      adapterType: o.adapterType,
      execute: () => this.current().execute,
      hooks: () => this.hooks(),
      getRelation: (d: string, s: string, i: string) => this.current().getRelation?.(d, s, i),
      get results() {
        return self.results
      },
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter above reads the live map
    const self = this
    for (const [k, v] of adapterContext(adapterHost)) env.addGlobal(k, v)
    env.addGetter('ref', () => this.current().ref)
    env.addGetter('source', () => this.current().source)
    env.addGetter('this', () => this.current().self)
    env.addGetter('model', () => this.current().model)
    env.addGetter('execute', () => this.current().execute)
    env.addGetter('is_incremental', () => {
      const override = this.scope?.macroOverrides?.['is_incremental']
      return override === undefined ? this.current().isIncremental : () => override
    })
    env.addGetter('config', () => {
      const s = this.current()
      const fn = (...args: unknown[]): unknown => s.config(...args)
      return Object.assign(fn, {
        get: (key: string, fallback?: unknown) => s.configGet(key, fallback),
        require: (key: string) => {
          const v = s.configGet(key)
          if (v === undefined) throw runtimeError(`config '${key}' is required`)
          return v
        },
      })
    })
    env.addGlobal(
      'should_store_failures',
      new PyFunction(
        'should_store_failures',
        () => this.current().configGet('store_failures', false) === true,
      ),
    )
    env.addGlobal(
      'var',
      new PyFunction('var', (args) => {
        const name = str(args[0])
        const local = this.scope?.vars
        if (local !== undefined && name in local) return local[name]
        if (name in o.vars) return o.vars[name]
        if (args.length > 1) return args[1]
        throw runtimeError(
          `required var '${name}' is not set: add it under vars: in dbt_project.yml or pass --vars '{${name}: …}'`,
        )
      }),
    )
    env.addGlobal(
      'env_var',
      new PyFunction('env_var', (args) => {
        const name = str(args[0])
        const value = o.env[name]
        if (value !== undefined) return value
        if (args.length > 1) return args[1]
        throw runtimeError(`env var '${name}' is not set and env_var() was given no default`)
      }),
    )
    env.addGlobal('target', o.target)
    env.addGlobal('project_name', o.projectName)
    env.addGlobal('run_started_at', utcDateTime(o.runStartedAt ?? new Date(0).toISOString()))
    env.addGlobal('invocation_id', o.invocationId ?? '')
    const flags = { WHICH: 'run', FULL_REFRESH: false, STORE_FAILURES: false, ...o.flags }
    // INTROSPECT (dbt's `--no-introspect` turns it off): whether this render can run
    // introspective queries — true only when execution hooks reach a warehouse, false while
    // parsing and in compiles without one (`pitwall compile`, up-to-date fingerprints).
    env.addGetter('flags', () => ({ ...flags, INTROSPECT: this.hooks() !== undefined }))
    env.addGetter(INTERNAL_PACKAGE, () => this.registry.namespace(INTERNAL_PACKAGE) ?? new Map())
    const emptyGraph = {
      nodes: {},
      sources: {},
      macros: {},
      exposures: {},
      metrics: {},
      groups: {},
    }
    env.addGetter('graph', () => o.graph?.() ?? emptyGraph)
    env.addGlobal('selected_resources', [])
    env.addGlobal('invocation_args_dict', {})
    env.addGlobal('dbt_metadata_envs', {})
    for (const [k, v] of Object.entries(o.globals ?? {})) env.addGlobal(k, v)
    env.addGetter('builtins', () => {
      const s = this.current()
      return { ref: s.ref, source: s.source, config: s.config }
    })
    // Unqualified macro names: the project's override dbt's context; dbt's built-in macros come last.
    env.setResolvers(
      (name) => this.registry.namespace(o.projectName)?.get(name),
      (name) => this.registry.namespace(INTERNAL_PACKAGE)?.get(name),
    )
  }
}
