/**
 * @module transform/template/template-engine
 * Jinja through nunjucks, with dbt's context: `ref`, `source`, `config`, `this`,
 * `is_incremental()`, `var`, `env_var`, `target`, macros from `macros/` (and the built-in ones),
 * `adapter.dispatch`, `adapter.get_relation`, `return()`, `exceptions`. Pure: no I/O.
 *
 * One nunjucks Environment per project. Macros become environment globals, and the per-render
 * functions (`ref`, `this`, …) are getters onto the {@link RenderScope} of the render in progress,
 * so a macro sees the `this` of the model that calls it. Rendering is synchronous; the engine is
 * not re-entrant across concurrent renders (JavaScript runs them one at a time anyway).
 */
import nunjucks from 'nunjucks'
import type { Diagnostic } from '../../core/index.js'
import { sha256Hex } from '../content-hash.js'
import { preprocessJinja } from './preprocess.js'
import { installPythonMethods } from './python-methods.js'
import { quoteIdent } from './relation.js'
import { splitArgs, type RenderScope, type TemplateFunction } from './render-scope.js'
import { templateDiagnostic } from './template-diagnostic.js'

/** A file of macros. */
export interface MacroFile {
  readonly file: string
  readonly text: string
  /** `dbt` (built in), `dbt_utils` (built in) or the project's name. */
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
}

/** The outcome of one render. */
export type RenderResult =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic }

type CompiledProps = { root: unknown } & Record<string, unknown>

/** Compiled templates by content hash: shared by every engine in the process (parse cache). */
const COMPILED = new Map<string, CompiledProps>()

const RETURN_NONE = Symbol('no-return')

/** Renders project templates with dbt's context. */
export class TemplateEngine {
  /** Problems found in macro files. */
  readonly diagnostics: Diagnostic[] = []
  /** Macro names by package (`dbt`, `dbt_utils`, project). */
  readonly macroNames = new Map<string, string>()
  private readonly env: nunjucks.Environment
  private readonly options: TemplateEngineOptions
  private readonly packages = new Map<string, Record<string, TemplateFunction>>()
  private scope: RenderScope | undefined
  private readonly returns: unknown[] = []
  /** Macros called during the current render (for `depends_on.macros`). */
  private used = new Set<string>()

  constructor(options: TemplateEngineOptions) {
    this.options = options
    installPythonMethods()
    this.env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false })
    this.installGlobals()
    for (const mf of options.macroFiles) this.loadMacroFile(mf)
  }

  /** Renders `text` (the content of `file`) within `scope`. */
  render(file: string, text: string, scope: RenderScope, nodeId?: string): RenderResult {
    const source = preprocessJinja(text)
    let template: nunjucks.Template
    try {
      template = this.template(file, source)
    } catch (error) {
      return { ok: false, diagnostic: templateDiagnostic(error, file, text, 'syntax', nodeId) }
    }
    const previous = this.scope
    this.scope = scope
    try {
      return { ok: true, sql: template.render({}) }
    } catch (error) {
      return { ok: false, diagnostic: templateDiagnostic(error, file, text, 'render', nodeId) }
    } finally {
      this.scope = previous
    }
  }

  /** Calls a macro by name (`test_not_null`, `dbt_utils.test_recency`); undefined when absent. */
  macro(name: string, packageName?: string): TemplateFunction | undefined {
    if (packageName !== undefined) return this.packages.get(packageName)?.[name]
    const g = (this.env as unknown as { globals: Record<string, unknown> }).globals[name]
    return typeof g === 'function' ? (g as TemplateFunction) : undefined
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

  private template(file: string, source: string): nunjucks.Template {
    const key = sha256Hex(source)
    const cached = COMPILED.get(key)
    if (cached !== undefined) {
      return new nunjucks.Template({ type: 'code', obj: cached } as never, this.env, file)
    }
    const t = new nunjucks.Template(source, this.env, file, true)
    const internals = t as unknown as { rootRenderFunc: unknown; blocks: Record<string, unknown> }
    const props: CompiledProps = { root: internals.rootRenderFunc }
    for (const [name, fn] of Object.entries(internals.blocks)) props[`b_${name}`] = fn
    COMPILED.set(key, props)
    return t
  }

  private current(): RenderScope {
    if (this.scope === undefined) throw new Error('template function called outside a render')
    return this.scope
  }

  private loadMacroFile(mf: MacroFile): void {
    const source = preprocessJinja(mf.text)
    let template: nunjucks.Template
    try {
      template = this.template(mf.file, source)
    } catch (error) {
      this.diagnostics.push(templateDiagnostic(error, mf.file, mf.text, 'syntax'))
      return
    }
    let exported: Record<string, unknown> = {}
    try {
      const t = template as unknown as {
        getExported(ctx: object, cb: (err: Error | null, exp: unknown) => void): void
      }
      t.getExported({}, (err, exp) => {
        if (err !== null) throw err
        exported = (exp ?? {}) as Record<string, unknown>
      })
    } catch (error) {
      this.diagnostics.push(templateDiagnostic(error, mf.file, mf.text, 'render'))
      return
    }
    const pkg = this.packages.get(mf.packageName) ?? {}
    this.packages.set(mf.packageName, pkg)
    const globals = (this.env as unknown as { globals: Record<string, unknown> }).globals
    for (const [name, fn] of Object.entries(exported)) {
      if (typeof fn !== 'function') continue
      const wrapped = this.wrapMacro(name, mf, fn as TemplateFunction)
      pkg[name] = wrapped
      this.macroNames.set(name, mf.packageName)
      // dbt_utils macros are reached through their namespace; the rest are global.
      if (mf.packageName !== 'dbt_utils') globals[name] = wrapped
    }
  }

  private wrapMacro(name: string, mf: MacroFile, fn: TemplateFunction): TemplateFunction {
    return (...args: unknown[]) => {
      const override = this.scope?.macroOverrides?.[name]
      if (override !== undefined) return override
      this.used.add(`macro.${mf.packageName}.${name}`)
      this.returns.push(RETURN_NONE)
      try {
        const out = fn(...args)
        const returned = this.returns[this.returns.length - 1]
        return returned === RETURN_NONE ? out : returned
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        if (message.startsWith('in macro ')) throw error
        throw new Error(`in macro ${name} (${mf.file}): ${message.replace(/^\([^)]*\)\s*/, '')}`, {
          cause: error,
        })
      } finally {
        this.returns.pop()
      }
    }
  }

  private installGlobals(): void {
    const o = this.options
    const env = this.env
    const getter = (name: string, get: () => unknown): void => {
      Object.defineProperty((env as unknown as { globals: object }).globals, name, {
        get,
        enumerable: true,
        configurable: true,
      })
    }
    getter('ref', () => this.current().ref)
    getter('source', () => this.current().source)
    getter('this', () => this.current().self)
    getter('model', () => this.current().model)
    getter('execute', () => this.current().execute)
    getter('is_incremental', () => {
      const override = this.scope?.macroOverrides?.['is_incremental']
      return override === undefined ? this.current().isIncremental : () => override
    })
    getter('config', () => {
      const s = this.current()
      const fn = (...args: unknown[]): unknown => s.config(...args)
      return Object.assign(fn, {
        get: (key: string, fallback?: unknown) => s.configGet(key, fallback),
        require: (key: string) => {
          const v = s.configGet(key)
          if (v === undefined) throw new Error(`config '${key}' is required`)
          return v
        },
      })
    })
    env.addGlobal('var', (...args: unknown[]) => {
      const { positional } = splitArgs(args)
      const name = String(positional[0])
      const local = this.scope?.vars
      if (local !== undefined && name in local) return local[name]
      if (name in o.vars) return o.vars[name]
      if (positional.length > 1) return positional[1]
      throw new Error(
        `required var '${name}' is not set: add it under vars: in dbt_project.yml or pass --vars '{${name}: …}'`,
      )
    })
    env.addGlobal('env_var', (...args: unknown[]) => {
      const { positional } = splitArgs(args)
      const name = String(positional[0])
      const value = o.env[name]
      if (value !== undefined) return value
      if (positional.length > 1) return positional[1]
      throw new Error(`env var '${name}' is not set and env_var() was given no default`)
    })
    env.addGlobal('target', o.target)
    env.addGlobal('project_name', o.projectName)
    env.addGlobal('run_started_at', o.runStartedAt ?? new Date(0).toISOString())
    env.addGlobal('invocation_id', o.invocationId ?? '')
    env.addGlobal('return', (value: unknown) => {
      if (this.returns.length > 0) this.returns[this.returns.length - 1] = value
      return ''
    })
    env.addGlobal('log', () => '')
    env.addGlobal('print', () => '')
    env.addGlobal('exceptions', {
      raise_compiler_error: (msg: unknown) => {
        throw new Error(String(msg))
      },
      warn: () => '',
    })
    env.addGlobal('adapter', {
      dispatch: (...args: unknown[]) => {
        const { positional, keywords } = splitArgs(args)
        const name = String(positional[0])
        const ns = (positional[1] ?? keywords['macro_namespace']) as string | undefined
        for (const candidate of [`${o.adapterType}__${name}`, `default__${name}`, name]) {
          const fn =
            this.macro(candidate) ?? (ns === undefined ? undefined : this.macro(candidate, ns))
          if (fn !== undefined) return fn
        }
        throw new Error(
          `adapter.dispatch: no macro ${o.adapterType}__${name} or default__${name} is defined`,
        )
      },
      get_relation: (...args: unknown[]) => {
        const { positional, keywords } = splitArgs(args)
        const part = (i: number, name: string): string =>
          String(keywords[name] ?? positional[i] ?? '')
        const lookup = this.current().getRelation
        if (lookup === undefined) return null
        return lookup(part(0, 'database'), part(1, 'schema'), part(2, 'identifier')) ?? null
      },
      quote: (s: unknown) => quoteIdent(String(s)),
      type: () => o.adapterType,
    })
    getter('dbt_utils', () => this.packages.get('dbt_utils') ?? {})
    getter('dbt', () => this.packages.get('dbt') ?? {})
    env.addGlobal('zip', (...lists: unknown[][]) =>
      (lists[0] ?? []).map((_, i) => lists.map((l) => l[i])),
    )
    env.addFilter('as_bool', (v: unknown) => v === true || v === 'true' || v === 'True')
    env.addFilter('as_number', (v: unknown) => Number(v))
    env.addFilter('as_text', (v: unknown) => String(v))
    env.addFilter('tojson', (v: unknown) => JSON.stringify(v))
  }
}
