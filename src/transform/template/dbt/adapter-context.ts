/**
 * @module transform/template/dbt/adapter-context
 * The parts of dbt's context that reach the warehouse: `adapter` (`dispatch`, `get_relation`,
 * `get_columns_in_relation`, `execute`, `quote`, `type`, and pitwall's `changed_keys`),
 * `load_relation`, `statement`, `run_query`, `load_result`, `store_result`. Database answers come from the render's
 * {@link ExecutionHooks}; see that module for how a missing answer is fetched and retried.
 */
import { runtimeError } from '../jinja/errors.js'
import { callValue } from '../jinja/runtime.js'
import { getattr } from '../jinja/ops.js'
import { type Kwargs, PyFunction, str, truthy, tuple, Undefined } from '../jinja/values.js'
import { quoteIdent, Relation } from '../relation.js'
import { PendingQuery, type ExecutionHooks, type QueryResult } from './execution-hooks.js'
import type { DbtMacro, MacroRegistry } from './macro-namespace.js'

/** What these functions read from the render in progress. */
export interface AdapterHost {
  readonly registry: MacroRegistry
  readonly adapterType: string
  /** `execute`: false while parsing. */
  execute(): boolean
  hooks(): ExecutionHooks | undefined
  /** `adapter.get_relation`: the relation or null; undefined = no lookup (parse). */
  getRelation(database: string, schema: string, identifier: string): unknown
  /** The `statement` results of the render in progress. */
  readonly results: Map<string, unknown>
}

/** A column, as `adapter.get_columns_in_relation` returns it. */
class Column {
  constructor(
    readonly name: string,
    readonly data_type: string,
  ) {}
  get column(): string {
    return this.name
  }
  get dtype(): string {
    return this.data_type
  }
  get quoted(): string {
    return quoteIdent(this.name)
  }
  readonly is_string = new PyFunction('is_string', () => /char|text|string/i.test(this.data_type))
  readonly is_number = new PyFunction('is_number', () =>
    /int|dec|num|float|double|real/i.test(this.data_type),
  )
  readonly is_numeric = new PyFunction('is_numeric', () => /dec|num/i.test(this.data_type))
  readonly is_integer = new PyFunction('is_integer', () => /int/i.test(this.data_type))
  readonly is_float = new PyFunction('is_float', () => /float|double|real/i.test(this.data_type))
  /** dbt's `string_size()`: the declared length, 256 when the type has none. */
  readonly string_size = new PyFunction('string_size', () => {
    if (!/char|text|string/i.test(this.data_type)) {
      throw runtimeError(`Called string_size() on non-string field ${this.name}`)
    }
    const m = /\((\d+)\)/.exec(this.data_type)
    return m === null ? 256 : Number(m[1])
  })
  toString(): string {
    return `<Column ${this.name} (${this.data_type})>`
  }
}

/** A column of an agate table: `name`, `values()`, `data_type`. */
class AgateColumn {
  constructor(
    readonly name: string,
    readonly data_type: string,
    private readonly cells: readonly unknown[],
  ) {}
  readonly values = new PyFunction('values', () => tuple([...this.cells]))
}

/** An agate table in its simplest form: `columns`, `column_names`, `rows` (by index or name). */
class AgateTable {
  readonly rows: unknown[][]
  readonly columns: AgateColumn[]
  readonly column_names: unknown[]
  readonly column_types: unknown[]
  constructor(r: QueryResult) {
    this.rows = r.rows.map((row) => {
      const t = tuple([...row])
      r.columns.forEach((c, i) => Object.defineProperty(t, c, { value: row[i], enumerable: false }))
      return t
    })
    this.columns = r.columns.map(
      (name, i) =>
        new AgateColumn(
          name,
          r.types?.[i] ?? '',
          this.rows.map((row) => row[i]),
        ),
    )
    for (const c of this.columns)
      Object.defineProperty(this.columns, c.name, { value: c, enumerable: false })
    // agate's MappedSequence: also a mapping of column name → column.
    const mapped: Record<string, PyFunction> = {
      keys: new PyFunction('keys', () => [...r.columns]),
      values: new PyFunction('values', () => [...this.columns]),
      items: new PyFunction('items', () => this.columns.map((c) => tuple([c.name, c]))),
      get: new PyFunction('get', ([k, d]) => this.columns.find((c) => c.name === k) ?? d ?? null),
    }
    for (const [k, f] of Object.entries(mapped)) {
      if (!r.columns.includes(k))
        Object.defineProperty(this.columns, k, { value: f, enumerable: false })
    }
    this.column_names = tuple([...r.columns])
    this.column_types = tuple([...(r.types ?? [])])
  }
  readonly print_table = new PyFunction('print_table', () => '')
  toString(): string {
    return `<agate.Table ${this.rows.length} rows × ${this.columns.length} columns>`
  }
}

function runSql(host: AdapterHost, sql: string): AgateTable {
  const hooks = host.hooks()
  if (hooks === undefined) {
    throw runtimeError(
      'this template queries the warehouse (run_query, statement, get_columns_in_relation): it can only run at execution time, or guard it with {% if execute %}',
    )
  }
  const result = hooks.query(sql)
  if (result === undefined) throw new PendingQuery({ kind: 'query', sql })
  return new AgateTable(result)
}

function relationParts(rel: unknown): [string, string, string] {
  const part = (k: string): string => {
    const v = getattr(rel, k)
    return v instanceof Undefined || v === null ? '' : str(v)
  }
  return [part('database'), part('schema'), part('identifier')]
}

/**
 * `adapter.changed_keys(relation, column, sources, key='session_key')` (pitwall's, not dbt's): the
 * keys of the rows of `sources` — `[relation, timestamp column]` pairs — newer than the newest
 * `column` of `relation`, as a sorted list of integers; None when the render cannot ask the
 * warehouse or the warehouse cannot answer without a query (the caller then runs its own).
 */
function changedKeys(host: AdapterHost, args: unknown[], kw: Kwargs): unknown {
  const hooks = host.hooks()
  if (!host.execute() || hooks?.changedKeys === undefined) return null
  const pair = (rel: unknown, column: unknown) => {
    const [database, schema, identifier] = relationParts(rel)
    return { relation: { database, schema, identifier }, column: str(column) }
  }
  const sources = kw['sources'] ?? args[2] ?? []
  if (!Array.isArray(sources) || !sources.every((s) => Array.isArray(s) && s.length === 2)) {
    throw runtimeError('adapter.changed_keys: sources must be a list of [relation, column] pairs')
  }
  const question = {
    watermark: pair(kw['relation'] ?? args[0], kw['column'] ?? args[1]),
    sources: sources.map((s: unknown[]) => pair(s[0], s[1])),
    key: str(kw['key'] ?? args[3] ?? 'session_key'),
  }
  const keys = hooks.changedKeys(question)
  if (keys === undefined) throw new PendingQuery({ kind: 'changed-keys', question })
  return keys === null ? null : [...keys]
}

/** `adapter`, `load_relation`, `statement`, `run_query`, `load_result`, `store_result`. */
export function adapterContext(host: AdapterHost): Map<string, unknown> {
  const store = (name: string, table: AgateTable | null): void => {
    host.results.set(name, {
      response: { code: 'OK', rows_affected: table === null ? 0 : table.rows.length },
      data: table === null ? [] : table.rows,
      table,
    })
  }
  const getRelation = (args: unknown[], kw: Kwargs): unknown => {
    const part = (i: number, name: string): string => str(kw[name] ?? args[i] ?? '')
    const r = host.getRelation(part(0, 'database'), part(1, 'schema'), part(2, 'identifier'))
    return r === undefined ? null : r
  }
  const adapter = {
    dispatch: new PyFunction('dispatch', (args, kw) => {
      const name = str(args[0] ?? kw['macro_name'])
      const ns = args[1] ?? kw['macro_namespace'] ?? null
      return host.registry.dispatch(name, ns === null ? null : str(ns), [
        host.adapterType,
      ]) satisfies DbtMacro
    }),
    get_relation: new PyFunction('get_relation', getRelation),
    get_columns_in_relation: new PyFunction('get_columns_in_relation', ([rel]) => {
      if (!host.execute()) return []
      const hooks = host.hooks()
      const [d, s, i] = relationParts(rel)
      if (hooks === undefined) return runSql(host, `columns:${d}.${s}.${i}`)
      const cols = hooks.columns(d, s, i)
      if (cols === undefined) {
        throw new PendingQuery({
          kind: 'columns',
          relation: { database: d, schema: s, identifier: i },
        })
      }
      return cols.map((c) => new Column(c.name, c.dataType))
    }),
    drop_relation: new PyFunction('drop_relation', ([rel]) => {
      if (!host.execute()) return ''
      const hooks = host.hooks()
      const [d, s, i] = relationParts(rel)
      if (hooks?.dropped === undefined) {
        throw runtimeError(
          `adapter.drop_relation(${d}.${s}.${i}) changes the warehouse: it can only run at execution time (in a hook or a model), or guard it with {% if execute %}`,
        )
      }
      if (hooks.dropped(d, s, i) === undefined) {
        throw new PendingQuery({
          kind: 'drop',
          relation: { database: d, schema: s, identifier: i },
        })
      }
      return ''
    }),
    execute: new PyFunction('execute', (args, kw) => {
      const sql = str(args[0] ?? kw['sql'])
      const fetch = truthy(args[2] ?? kw['fetch'] ?? false)
      const table = runSql(host, sql)
      return tuple([{ code: 'OK' }, fetch ? table : new AgateTable({ columns: [], rows: [] })])
    }),
    changed_keys: new PyFunction('changed_keys', (args, kw) => changedKeys(host, args, kw)),
    quote: new PyFunction('quote', ([s]) => quoteIdent(str(s))),
    type: new PyFunction('type', () => host.adapterType),
  }
  const loadRelation = new PyFunction('load_relation', ([rel]) => {
    const [d, s, i] = relationParts(rel)
    const r = host.getRelation(d, s, i)
    return r === undefined ? (rel instanceof Relation ? rel : null) : r
  })
  return new Map<string, unknown>([
    ['adapter', { ...adapter, load_relation: loadRelation }],
    ['load_relation', loadRelation],
    [
      'statement',
      new PyFunction('statement', (args, kw) => {
        const name = args[0] ?? kw['name'] ?? null
        const fetch = truthy(args[1] ?? kw['fetch_result'] ?? false)
        if (!host.execute()) return ''
        const sql = str(callValue(kw['caller'], [], null)).trim()
        const table = runSql(host, sql)
        if (name !== null) store(str(name), fetch ? table : null)
        return ''
      }),
    ],
    [
      'run_query',
      new PyFunction('run_query', ([sql]) => (host.execute() ? runSql(host, str(sql)) : null)),
    ],
    ['load_result', new PyFunction('load_result', ([name]) => host.results.get(str(name)) ?? null)],
    [
      'store_result',
      new PyFunction('store_result', (args, kw) => {
        const table = (kw['agate_table'] ?? args[2] ?? null) as AgateTable | null
        store(str(args[0] ?? kw['name']), table)
        return ''
      }),
    ],
  ])
}
