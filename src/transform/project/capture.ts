/**
 * @module transform/project/capture
 * The parse phase's render (STYLE.md §10): runs a node's template with *capturing* `ref`,
 * `source` and `config`, so that dependencies and in-file configs are known without a database.
 * Results are cached by the hash of the file's content and the project's template environment
 * (macros, vars, target): an unchanged file is not rendered again.
 */
import type { Diagnostic } from '../../core/index.js'
import { Relation } from '../template/relation.js'
import { splitArgs, type RenderScope } from '../template/render-scope.js'
import type { TemplateEngine } from '../template/template-engine.js'
import { sha256Hex } from '../content-hash.js'
import type { SchemaFile } from './schema-types.js'

/** What the parse render of one file found. */
export interface CaptureResult {
  readonly refs: readonly { readonly name: string; readonly package: string | null }[]
  readonly sources: readonly (readonly [string, string])[]
  /** The merged `{{ config(...) }}` calls. */
  readonly config: Readonly<Record<string, unknown>>
  readonly macros: readonly string[]
  readonly diagnostic?: Diagnostic
}

/**
 * What the parse cache holds: capture renders (keyed by text and template environment) and read
 * schema YAML files (keyed `yaml:` + path and text), both plain JSON.
 */
export type CachedParse = CaptureResult | SchemaFile

/** A cache of parse results (in memory by default; the CLI may persist it between runs). */
export interface ParseCache {
  get(key: string): CachedParse | undefined
  set(key: string, value: CachedParse): void
}

/** Renders `text` in capture mode. `signature` identifies the template environment. */
export function captureNode(
  engine: TemplateEngine,
  input: {
    readonly file: string
    readonly text: string
    readonly nodeId: string
    readonly name: string
    readonly database: string
    readonly schema: string
    readonly signature: string
  },
  cache?: ParseCache,
): CaptureResult {
  const key = `${sha256Hex(input.text)}:${input.signature}`
  const hit = cache?.get(key) as CaptureResult | undefined
  if (hit !== undefined) return hit
  const refs: { name: string; package: string | null }[] = []
  const sources: [string, string][] = []
  const config: Record<string, unknown> = {}
  const scope: RenderScope = {
    ref: (...args) => {
      const { positional } = splitArgs(args)
      const [a, b] = positional.map(String)
      const name = b ?? a ?? ''
      refs.push({ name, package: b === undefined ? null : (a ?? null) })
      return new Relation(input.database, input.schema, name)
    },
    source: (...args) => {
      const { positional } = splitArgs(args)
      const [s, t] = positional.map(String)
      sources.push([s ?? '', t ?? ''])
      return new Relation(input.database, s ?? '', t ?? '')
    },
    config: (...args) => {
      const { positional, keywords } = splitArgs(args)
      for (const p of positional) if (p !== null && typeof p === 'object') Object.assign(config, p)
      Object.assign(config, keywords)
      return ''
    },
    configGet: (k, fallback) => (k in config ? config[k] : fallback),
    self: new Relation(input.database, input.schema, input.name),
    isIncremental: () => false,
    model: { unique_id: input.nodeId, name: input.name },
    execute: false,
  }
  engine.takeUsedMacros()
  const r = engine.render(input.file, input.text, scope, input.nodeId)
  const result: CaptureResult = {
    refs: dedupeRefs(refs),
    sources: dedupeSources(sources),
    config,
    macros: engine.takeUsedMacros(),
    ...(r.ok ? {} : { diagnostic: r.diagnostic }),
  }
  cache?.set(key, result)
  return result
}

/** An in-memory {@link ParseCache} that remembers which entries this parse used. */
export function memoryParseCache(): ParseCache & {
  readonly size: () => number
  /** Entries read or written since creation (what a persisted cache should keep). */
  readonly used: () => [string, CachedParse][]
  /** Seeds the cache without marking the entry used. */
  readonly preload: (key: string, value: CachedParse) => void
} {
  const map = new Map<string, CachedParse>()
  const used = new Set<string>()
  return {
    get: (k) => {
      const v = map.get(k)
      if (v !== undefined) used.add(k)
      return v
    },
    set: (k, v) => {
      map.set(k, v)
      used.add(k)
    },
    size: () => map.size,
    used: () => [...used].map((k) => [k, map.get(k)!]),
    preload: (k, v) => void map.set(k, v),
  }
}

function dedupeRefs(refs: { name: string; package: string | null }[]) {
  const seen = new Set<string>()
  return refs.filter((r) => {
    const k = `${r.package ?? ''}.${r.name}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function dedupeSources(sources: [string, string][]) {
  const seen = new Set<string>()
  return sources.filter((s) => {
    const k = s.join('.')
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
