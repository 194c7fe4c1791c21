/**
 * @module transform/template/jinja/environment
 * A Jinja2 environment as dbt configures it for SQL: default delimiters, no autoescape, the `do`
 * and loop-control extensions, lenient undefined. Parsed templates are cached by their text (one
 * cache per process: parsing does not depend on the environment's globals).
 */
import type { Stmt } from './ast.js'
import { compileBody, compileMacroDefs, type KnownNames } from './compiler.js'
import { FILTERS } from './filters.js'
import { GLOBALS } from './globals.js'
import { parseTemplate } from './parser.js'
import { Frame, Out, type FilterFn, type RenderState, type StmtFn, type TestFn } from './runtime.js'
import { TESTS } from './tests.js'
import type { MacroDef } from './ast.js'
import type { Macro } from './runtime.js'

/** A parsed and compiled template. */
export interface CompiledTemplate {
  readonly ast: readonly Stmt[]
  readonly body: StmtFn
  /** Its top-level macros, each made on demand against a scope. */
  readonly macros: readonly { def: MacroDef; make: (closure: Frame) => Macro }[]
}

const KNOWN: KnownNames = {
  filters: new Set(FILTERS.keys()),
  tests: new Set(TESTS.keys()),
}

const CACHE = new Map<string, CompiledTemplate>()
const CACHE_LIMIT = 20_000

/** Forgets every compiled template (benchmarks measure cold parses with it). */
export function clearTemplateCache(): void {
  CACHE.clear()
}

/** Parses and compiles `source` (cached by text). Throws a positioned syntax TemplateError. */
export function compileTemplate(source: string): CompiledTemplate {
  const hit = CACHE.get(source)
  if (hit !== undefined) return hit
  const ast = parseTemplate(source)
  const compiled: CompiledTemplate = {
    ast,
    body: compileBody(ast, KNOWN),
    macros: compileMacroDefs(ast, KNOWN),
  }
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear()
  CACHE.set(source, compiled)
  return compiled
}

/** The filters, tests and globals renders resolve against, plus the host's own globals. */
export class Environment implements RenderState {
  readonly filters: ReadonlyMap<string, FilterFn> = FILTERS
  readonly tests: ReadonlyMap<string, TestFn> = TESTS
  private readonly globals = new Map<string, unknown>(GLOBALS)
  private readonly getters = new Map<string, () => unknown>()
  private before: (name: string) => unknown = () => undefined
  private after: (name: string) => unknown = () => undefined

  /** Names looked up before the globals (`before`) and after them (`after`). */
  setResolvers(before: (name: string) => unknown, after: (name: string) => unknown): void {
    this.before = before
    this.after = after
  }

  /** Adds a global value. */
  addGlobal(name: string, value: unknown): void {
    this.globals.set(name, value)
  }

  /** Adds a global read on every lookup (for values that change between renders). */
  addGetter(name: string, get: () => unknown): void {
    this.getters.set(name, get)
  }

  /** Whether a global exists. */
  hasGlobal(name: string): boolean {
    return this.globals.has(name) || this.getters.has(name)
  }

  resolve(name: string): unknown {
    const first = this.before(name)
    if (first !== undefined) return first
    const v = this.globals.get(name)
    if (v !== undefined) return v
    const get = this.getters.get(name)
    return get === undefined ? this.after(name) : get()
  }

  /** A new top-level scope of this environment, with `vars` set in it. */
  rootFrame(vars?: Readonly<Record<string, unknown>>): Frame {
    const frame = new Frame(null, this)
    if (vars !== undefined) for (const [k, v] of Object.entries(vars)) frame.vars.set(k, v)
    return frame
  }

  /** Renders `source` with `vars` as its context. */
  renderString(source: string, vars?: Readonly<Record<string, unknown>>): string {
    const t = compileTemplate(source)
    const out = new Out()
    t.body(this.rootFrame(vars), out)
    return out.s
  }
}
