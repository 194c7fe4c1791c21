/**
 * @module load/file-shape
 * The first of the two passes over a batch of landing files: every file's record count, the
 * JSON types of its top-level elements and the key lists of its objects, in one `GROUP BY` over
 * `read_json_objects` of all the files (a response has only a few distinct key lists, so the work
 * per record is one parse and one hash). When the batch cannot be read as a whole (a malformed or
 * vanished file), each file is read alone to find which, so the others still load.
 */
import { existsSync } from 'node:fs'
import { sqlString } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import type { LandingFile } from './landing-files.js'

/** What one file holds. */
export interface FileShape {
  readonly file: LandingFile
  /** Elements of the top-level array. */
  readonly records: number
  /** Distinct key lists of its objects, most frequent first (ties by text). */
  readonly keyLists: readonly (readonly string[])[]
  /** Elements that are not objects, by JSON type (`ARRAY: 2`). */
  readonly nonObjects: ReadonlyMap<string, number>
}

/** The outcome of reading one file's shape. */
export type ShapeOutcome =
  | { readonly kind: 'shape'; readonly shape: FileShape }
  /** Not a JSON array (bad JSON, truncated, not gzip, …): DuckDB's reason. */
  | { readonly kind: 'unreadable'; readonly file: LandingFile; readonly reason: string }
  /** Gone since it was listed (deleted, or moved by a concurrent load). */
  | { readonly kind: 'vanished'; readonly file: LandingFile }

/** Objects larger than DuckDB's 16 MB default are allowed (a whole response is one array). */
export const MAX_OBJECT_SIZE = 268435456

/** `read_json_objects` over `paths`, with the file of each object. */
export function objectsSql(paths: readonly string[]): string {
  return `read_json_objects([${paths.map(sqlString).join(', ')}], format = 'array', filename = true, maximum_object_size = ${MAX_OBJECT_SIZE})`
}

/** Reads the shapes of `files`; never throws for a bad or vanished file. */
export async function shapeFiles(
  engine: Engine,
  files: readonly LandingFile[],
): Promise<ShapeOutcome[]> {
  if (files.length === 0) return []
  try {
    return await shapeTogether(engine, files)
  } catch {
    // One query failed: find the file(s) responsible, one at a time.
    const outcomes: ShapeOutcome[] = []
    for (const file of files) {
      if (!existsSync(file.path)) {
        outcomes.push({ kind: 'vanished', file })
        continue
      }
      try {
        outcomes.push(...(await shapeTogether(engine, [file])))
      } catch (cause) {
        outcomes.push(
          existsSync(file.path)
            ? { kind: 'unreadable', file, reason: reasonOf(cause) }
            : { kind: 'vanished', file },
        )
      }
    }
    return outcomes
  }
}

async function shapeTogether(
  engine: Engine,
  files: readonly LandingFile[],
): Promise<ShapeOutcome[]> {
  const objects = objectsSql(files.map((f) => f.path))
  // One parse per record (json_keys); an element's text starts with `{` exactly when it is an
  // object, which costs no second parse. Key lists are grouped as JSON text (cheaper to hash
  // than lists, and unambiguous whatever the keys hold).
  const rows = await engine.all(
    `SELECT filename AS f, starts_with(CAST(json AS VARCHAR), '{') AS o, CAST(to_json(json_keys(json)) AS VARCHAR) AS ks, count(*) AS n
     FROM ${objects} GROUP BY ALL`,
  )
  const byPath = new Map<
    string,
    { records: number; lists: [string[], number][]; bad: Map<string, number> }
  >()
  for (const file of files) byPath.set(file.path, { records: 0, lists: [], bad: new Map() })
  const withOthers = new Set<string>()
  for (const r of rows) {
    const entry = byPath.get(String(r['f']))
    if (entry === undefined) continue
    const n = Number(r['n'])
    entry.records += n
    if (r['o'] === true) entry.lists.push([JSON.parse(String(r['ks'] ?? '[]')) as string[], n])
    else withOthers.add(String(r['f']))
  }
  if (withOthers.size > 0) {
    // Rare: name the JSON types of the elements that are not objects, for the report.
    const others = await engine.all(
      `SELECT filename AS f, json_type(json) AS t, count(*) AS n FROM ${objectsSql([...withOthers])}
       WHERE NOT starts_with(CAST(json AS VARCHAR), '{') GROUP BY ALL`,
    )
    for (const r of others) {
      const bad = byPath.get(String(r['f']))?.bad
      bad?.set(String(r['t']), (bad.get(String(r['t'])) ?? 0) + Number(r['n']))
    }
  }
  return files.map((file) => {
    const e = byPath.get(file.path) ?? { records: 0, lists: [], bad: new Map<string, number>() }
    // Deterministic order (GROUP BY has none): the most frequent key list first, then by text.
    const lists = e.lists
      .sort(([a, na], [b, nb]) => nb - na || cmp(JSON.stringify(a), JSON.stringify(b)))
      .map(([ks]) => ks)
    return {
      kind: 'shape',
      shape: { file, records: e.records, keyLists: lists, nonObjects: e.bad },
    } as const
  })
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** DuckDB's own sentence, without the engine's prefix and the SQL. */
export function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  return message.replace(/^query failed: /, '').split('\n')[0] ?? message
}
