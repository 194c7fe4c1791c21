/**
 * @module transform/template/jinja/globals
 * Jinja2's global functions: `range`, `dict`, `namespace`, `cycler`, `joiner`.
 */
import { runtimeError } from './errors.js'
import { iterate } from './ops.js'
import { mappingEntries, Namespace, PyFunction, toNumber } from './values.js'

const MAX_RANGE = 100_000

/** The built-in globals by name. */
export const GLOBALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [
    'range',
    new PyFunction('range', (args) => {
      const [a, b, c] = args.map((x) => toNumber(x as number))
      const [start, stop, step] = b === undefined ? [0, a ?? 0, 1] : [a!, b, c ?? 1]
      if (step === 0) throw runtimeError('range() arg 3 must not be zero')
      const out: number[] = []
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
        if (out.length >= MAX_RANGE) throw runtimeError(`range too big, the limit is ${MAX_RANGE}`)
        out.push(i)
      }
      return out
    }),
  ],
  [
    'dict',
    new PyFunction('dict', (args, kw) => {
      const m = new Map<unknown, unknown>()
      if (args[0] !== undefined) {
        const src = args[0]
        const entries = Array.isArray(src)
          ? iterate(src).map((e) => iterate(e) as [unknown, unknown])
          : mappingEntries(src)
        for (const [k, v] of entries) m.set(k, v)
      }
      for (const [k, v] of Object.entries(kw)) m.set(k, v)
      return m
    }),
  ],
  [
    'namespace',
    new PyFunction('namespace', (args, kw) => {
      const ns = new Namespace()
      for (const a of args) for (const [k, v] of mappingEntries(a)) ns.attrs.set(String(k), v)
      for (const [k, v] of Object.entries(kw)) ns.attrs.set(k, v)
      return ns
    }),
  ],
  [
    'cycler',
    new PyFunction('cycler', (items) => {
      let i = 0
      const next = new PyFunction('next', () => items[i++ % items.length])
      return {
        next,
        reset: new PyFunction('reset', () => ((i = 0), null)),
        get current(): unknown {
          return items[i % items.length]
        },
      }
    }),
  ],
  [
    'joiner',
    new PyFunction('joiner', (args) => {
      const sep = args[0] === undefined ? ', ' : String(args[0])
      let used = false
      return new PyFunction('joiner', () => {
        if (!used) {
          used = true
          return ''
        }
        return sep
      })
    }),
  ],
])
