/**
 * @module transform/template/jinja/ast
 * The syntax tree the parser builds and the compiler turns into closures. Every node has the
 * 1-based line and column it starts at, for error positions.
 */

interface At {
  readonly line: number
  readonly column: number
}

/** An expression. */
export type Expr =
  | (At & { readonly kind: 'const'; readonly value: unknown })
  | (At & { readonly kind: 'name'; readonly name: string })
  | (At & { readonly kind: 'list'; readonly items: readonly Expr[] })
  | (At & { readonly kind: 'tuple'; readonly items: readonly Expr[] })
  | (At & { readonly kind: 'dict'; readonly pairs: readonly (readonly [Expr, Expr])[] })
  | (At & { readonly kind: 'getattr'; readonly obj: Expr; readonly attr: string })
  | (At & { readonly kind: 'getitem'; readonly obj: Expr; readonly key: Expr })
  | (At & {
      readonly kind: 'slice'
      readonly obj: Expr
      readonly start: Expr | null
      readonly stop: Expr | null
      readonly step: Expr | null
    })
  | (At & { readonly kind: 'call'; readonly fn: Expr; readonly args: CallArgs })
  | (At & {
      readonly kind: 'filter'
      readonly name: string
      readonly value: Expr | null
      readonly args: CallArgs
    })
  | (At & {
      readonly kind: 'test'
      readonly name: string
      readonly value: Expr
      readonly args: CallArgs
      readonly negated: boolean
    })
  | (At & {
      readonly kind: 'binary'
      readonly op: string
      readonly left: Expr
      readonly right: Expr
    })
  | (At & { readonly kind: 'unary'; readonly op: string; readonly operand: Expr })
  | (At & {
      readonly kind: 'compare'
      readonly first: Expr
      readonly ops: readonly (readonly [string, Expr])[]
    })
  | (At & { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr })
  | (At & {
      readonly kind: 'cond'
      readonly test: Expr
      readonly then: Expr
      readonly otherwise: Expr | null
    })

/** Call arguments: positional, keyword, `*args`, `**kwargs`. */
export interface CallArgs {
  readonly args: readonly Expr[]
  readonly kwargs: readonly (readonly [string, Expr])[]
  readonly star: Expr | null
  readonly dstar: Expr | null
}

/** An assignment target: a name, a tuple of targets, or `ns.attr`. */
export type Target =
  | (At & { readonly kind: 'name'; readonly name: string })
  | (At & { readonly kind: 'tuple'; readonly items: readonly Target[] })
  | (At & { readonly kind: 'nsattr'; readonly name: string; readonly attr: string })

/** A macro's signature and body (also `{% call %}`'s caller). */
export interface MacroDef extends At {
  readonly name: string
  readonly params: readonly string[]
  readonly defaults: readonly (Expr | null)[]
  readonly body: readonly Stmt[]
  /** Whether the body reads `varargs`, `kwargs`, `caller` (Jinja2 accepts extras only then). */
  readonly usesVarargs: boolean
  readonly usesKwargs: boolean
  readonly usesCaller: boolean
}

/** A statement. */
export type Stmt =
  | (At & { readonly kind: 'data'; readonly text: string })
  | (At & { readonly kind: 'output'; readonly expr: Expr })
  | (At & {
      readonly kind: 'if'
      readonly branches: readonly (readonly [Expr, readonly Stmt[]])[]
      readonly otherwise: readonly Stmt[]
    })
  | (At & {
      readonly kind: 'for'
      readonly target: Target
      readonly iter: Expr
      readonly filter: Expr | null
      readonly body: readonly Stmt[]
      readonly otherwise: readonly Stmt[]
      readonly recursive: boolean
    })
  | (At & { readonly kind: 'set'; readonly target: Target; readonly value: Expr })
  | (At & {
      readonly kind: 'setblock'
      readonly target: Target
      readonly filters: readonly Expr[]
      readonly body: readonly Stmt[]
    })
  | (At & { readonly kind: 'macro'; readonly def: MacroDef })
  | (At & { readonly kind: 'callblock'; readonly call: Expr; readonly caller: MacroDef })
  | (At & {
      readonly kind: 'filterblock'
      readonly filters: readonly Expr[]
      readonly body: readonly Stmt[]
    })
  | (At & {
      readonly kind: 'with'
      readonly targets: readonly (readonly [Target, Expr])[]
      readonly body: readonly Stmt[]
    })
  | (At & { readonly kind: 'do'; readonly expr: Expr })
  | (At & { readonly kind: 'break' | 'continue' })
