/**
 * @module transform/template/dbt/context
 * dbt's pure context functions, as dbt defines them for Jinja: `return`, `zip`, `set`,
 * `set_strict`, `tojson`/`fromjson`, `toyaml`/`fromyaml`, `local_md5`, `log`, `print`,
 * `exceptions`, `modules` (`re`, `datetime`, `pytz` (UTC only), `itertools`), `api.Relation`,
 * `dbt_version`. The ones that need the render in progress live in the template engine.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { runtimeError } from '../jinja/errors.js'
import { jsonDumps } from '../jinja/json.js'
import { iterate } from '../jinja/ops.js'
import { toHost } from '../jinja/runtime.js'
import { type Kwargs, PyFunction, str, truthy, tuple } from '../jinja/values.js'
import { Relation } from '../relation.js'
import type { ExecutionHooks } from './execution-hooks.js'
import { MacroReturn } from './macro-namespace.js'
import { md5Hex } from './md5.js'
import { pyDatetimeModule, pyPytzModule } from './py-datetime.js'
import { pyReModule } from './py-re.js'

/** The dbt version templates see as `dbt_version`. */
export const DBT_VERSION = '1.9.0'

/** dbt's `api.Column.translate_type`: a generic type name in DuckDB's words. */
function translateType(t: string): string {
  const map: Record<string, string> = {
    string: 'varchar',
    text: 'varchar',
    integer: 'integer',
    int: 'integer',
    bigint: 'bigint',
    float: 'double',
    numeric: 'decimal(28, 6)',
    boolean: 'boolean',
    timestamp: 'timestamp',
    date: 'date',
  }
  return map[t.toLowerCase()] ?? t
}

const fn = (name: string, call: (args: unknown[], kw: Kwargs) => unknown): [string, PyFunction] => [
  name,
  new PyFunction(name, call),
]

function withDefault(kw: Kwargs, args: unknown[], i: number, f: () => unknown): unknown {
  try {
    return f()
  } catch {
    return i < args.length ? args[i] : (kw['default'] ?? null)
  }
}

/** The pure dbt context functions. `hooks()` gives the current render's execution hooks, if any. */
export function dbtContextFunctions(hooks: () => ExecutionHooks | undefined): Map<string, unknown> {
  const log = (args: unknown[], kw: Kwargs): string => {
    hooks()?.log?.(str(args[0]), truthy(args[1] ?? kw['info'] ?? false))
    return ''
  }
  return new Map<string, unknown>([
    fn('return', ([value]) => {
      throw new MacroReturn(value ?? null)
    }),
    fn('zip', (args) => {
      const lists = args.map(iterate)
      const n = Math.min(...lists.map((l) => l.length))
      return Array.from({ length: lists.length === 0 ? 0 : n }, (_, i) =>
        tuple(lists.map((l) => l[i])),
      )
    }),
    fn('set', (args, kw) => withDefault(kw, args, 1, () => new Set(iterate(args[0])))),
    fn('set_strict', ([v]) => new Set(iterate(v))),
    fn('tojson', (args, kw) =>
      withDefault(kw, args, 1, () =>
        jsonDumps(args[0], { sortKeys: truthy(args[2] ?? kw['sort_keys'] ?? false) }),
      ),
    ),
    fn('fromjson', (args, kw) =>
      withDefault(kw, args, 1, () => JSON.parse(str(args[0])) as unknown),
    ),
    fn('toyaml', (args, kw) =>
      withDefault(kw, args, 1, () =>
        stringifyYaml(toHost(args[0]), {
          sortMapEntries: truthy(args[2] ?? kw['sort_keys'] ?? false),
        }),
      ),
    ),
    fn('fromyaml', (args, kw) =>
      withDefault(kw, args, 1, () => parseYaml(str(args[0])) as unknown),
    ),
    fn('local_md5', ([v]) => md5Hex(str(v))),
    fn('log', log),
    fn('print', (args) => log([args[0], true], {})),
    [
      'exceptions',
      {
        raise_compiler_error: new PyFunction('raise_compiler_error', ([msg]) => {
          throw runtimeError(str(msg))
        }),
        raise_not_implemented: new PyFunction('raise_not_implemented', ([msg]) => {
          throw runtimeError(`not implemented: ${str(msg)}`)
        }),
        warn: new PyFunction('warn', ([msg]) => {
          hooks()?.log?.(`warning: ${str(msg)}`, true)
          return ''
        }),
      },
    ],
    [
      'modules',
      {
        re: pyReModule(),
        datetime: pyDatetimeModule(),
        pytz: pyPytzModule(),
        itertools: {
          chain: new PyFunction('chain', (args) => args.flatMap(iterate)),
          product: new PyFunction('product', (args) =>
            args
              .map(iterate)
              .reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]])
              .map((t) => tuple(t)),
          ),
        },
      },
    ],
    [
      'api',
      {
        Relation: {
          create: new PyFunction('create', (args, kw) => {
            const part = (i: number, k: string): string => {
              const v = i < args.length ? args[i] : kw[k]
              return v === undefined || v === null ? '' : str(v)
            }
            const type = kw['type']
            return new Relation(
              part(0, 'database'),
              part(1, 'schema'),
              part(2, 'identifier'),
              typeof type === 'string' ? type : null,
            )
          }),
          add_ephemeral_prefix: new PyFunction(
            'add_ephemeral_prefix',
            ([name]) => `__dbt__cte__${str(name)}`,
          ),
        },
        Column: {
          translate_type: new PyFunction('translate_type', ([t]) => translateType(str(t))),
        },
      },
    ],
    ['dbt_version', DBT_VERSION],
  ])
}
